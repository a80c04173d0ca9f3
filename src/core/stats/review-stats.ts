import { State } from 'ts-fsrs'

/**
 * Statistics over review logs and cards (issue 11), pure: the day a time belongs to is an
 * argument (the user's study day, which rolls over at their hour), so tests are exact.
 */

/** The study-day number of an epoch-ms time. */
export type DayOf = (ms: number) => number

/** What a statistic needs of a review log. */
export interface LogFacts {
  /** Answer time, epoch ms. */
  id: number
  rating: number
  /** The card's state before the answer (ts-fsrs's log.state). */
  state: number
  durationMs: number
}

/** What a statistic needs of a card. */
export interface CardFacts {
  state: number
  /** -4..2: the collection's queue (suspended -2, buried -3, new 0, learning 1, review 2). */
  queue: number
  due: number
  stability: number
  difficulty: number
  scheduled_days: number
}

/** Reviews per study day, over the days from `first` to `last` inclusive. */
export function reviewsPerDay(
  logs: readonly LogFacts[],
  dayOf: DayOf,
  first: number,
  last: number,
) {
  const counts = new Map<number, number>()
  for (const l of logs) {
    const d = dayOf(l.id)
    if (d >= first && d <= last) counts.set(d, (counts.get(d) ?? 0) + 1)
  }
  return Array.from({ length: last - first + 1 }, (_, i) => ({
    day: first + i,
    reviews: counts.get(first + i) ?? 0,
  }))
}

/**
 * Study streaks from reviews per day: the current one (ending today, or yesterday when
 * today has no review yet) and the longest.
 */
export function streaks(days: readonly { day: number; reviews: number }[], today: number) {
  let longest = 0
  let run = 0
  for (const d of days) {
    run = d.reviews > 0 ? run + 1 : 0
    longest = Math.max(longest, run)
  }
  const studied = new Set(days.filter((d) => d.reviews > 0).map((d) => d.day))
  let current = 0
  for (let d = studied.has(today) ? today : today - 1; studied.has(d); d--) current++
  return { current, longest }
}

export type Period = 'day' | 'week' | 'month'

/**
 * True retention, as Anki defines it: of the reviews of cards past learning (state Review
 * before the answer), the share not answered Again; by day, week (7 study days) or month (30).
 */
export function trueRetention(logs: readonly LogFacts[], dayOf: DayOf, period: Period) {
  const size = period === 'day' ? 1 : period === 'week' ? 7 : 30
  const buckets = new Map<number, { passed: number; total: number }>()
  for (const l of logs) {
    if (l.state !== State.Review) continue
    const key = Math.floor(dayOf(l.id) / size)
    const b = buckets.get(key) ?? { passed: 0, total: 0 }
    b.total++
    if (l.rating > 1) b.passed++
    buckets.set(key, b)
  }
  return [...buckets]
    .sort((a, b) => a[0] - b[0])
    .map(([key, b]) => ({ firstDay: key * size, ...b, retention: b.passed / b.total }))
}

/** Cards coming due on each of the next `days` study days (overdue ones count today). */
export function dueForecast(
  cards: readonly CardFacts[],
  dayOf: DayOf,
  today: number,
  days: number,
) {
  const counts = new Array<number>(days).fill(0)
  for (const c of cards) {
    if (c.queue !== 1 && c.queue !== 2) continue
    const offset = Math.max(0, dayOf(c.due) - today)
    if (offset < days) counts[offset] = (counts[offset] ?? 0) + 1
  }
  return counts.map((due, i) => ({ day: today + i, due }))
}

/** Cards by where they stand, as Anki's card counts. */
export function cardStates(cards: readonly CardFacts[]) {
  const out = { new: 0, learning: 0, review: 0, relearning: 0, suspended: 0, buried: 0 }
  for (const c of cards) {
    if (c.queue === -2) out.suspended++
    else if (c.queue === -3) out.buried++
    else if (c.queue < 0) continue
    else if (c.state === State.New) out.new++
    else if (c.state === State.Learning) out.learning++
    else if (c.state === State.Relearning) out.relearning++
    else out.review++
  }
  return out
}

/** Answer buttons pressed, by the card's state before the answer: learning (or relearning) or review. */
export function answerButtons(logs: readonly LogFacts[]) {
  const rows = {
    learning: [0, 0, 0, 0],
    review: [0, 0, 0, 0],
  }
  for (const l of logs) {
    if (l.rating < 1 || l.rating > 4) continue
    const row = l.state === State.Review ? rows.review : rows.learning
    row[l.rating - 1] = (row[l.rating - 1] ?? 0) + 1
  }
  return rows
}

/** Minutes spent answering on each study day that had reviews. */
export function timePerDay(logs: readonly LogFacts[], dayOf: DayOf) {
  const ms = new Map<number, number>()
  for (const l of logs) ms.set(dayOf(l.id), (ms.get(dayOf(l.id)) ?? 0) + l.durationMs)
  return [...ms]
    .sort((a, b) => a[0] - b[0])
    .map(([day, total]) => ({ day, minutes: total / 60_000 }))
}

/** How many values fall in each bucket; `edges` are the buckets' lower bounds, ascending. */
export function histogram(values: readonly number[], edges: readonly number[]) {
  const counts = new Array<number>(edges.length).fill(0)
  for (const v of values) {
    let i = edges.length - 1
    while (i > 0 && v < (edges[i] as number)) i--
    counts[i] = (counts[i] ?? 0) + 1
  }
  return edges.map((from, i) => ({ from, count: counts[i] ?? 0 }))
}

/** Interval, stability and difficulty distributions of the cards past learning. */
export function memoryDistributions(cards: readonly CardFacts[]) {
  const studied = cards.filter((c) => c.state === State.Review && c.queue !== -1 && c.queue !== -4)
  return {
    intervals: histogram(
      studied.map((c) => c.scheduled_days),
      [0, 1, 3, 7, 14, 30, 60, 90, 180, 365],
    ),
    stability: histogram(
      studied.map((c) => c.stability),
      [0, 1, 3, 7, 14, 30, 60, 90, 180, 365],
    ),
    difficulty: histogram(
      studied.map((c) => c.difficulty),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    ),
  }
}
