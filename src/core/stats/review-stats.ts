import { State } from 'ts-fsrs'
import { DAY_MS } from '../units'

/**
 * Statistics over review logs and cards (issue 11), pure. Logs and cards are first reduced to
 * tallies — fixed-length count vectors, one per study day for logs and one per deck for cards
 * — and every chart is drawn from sums of tallies. A store can then keep the tallies as rows
 * are written, so a year of a million logs is read as a few thousand small rows (see
 * `app/tallies.ts`); the tests build the same tallies straight from logs and cards.
 * The day a time belongs to is an argument (the user's study day, which rolls over at their
 * hour), so tests are exact.
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

/**
 * A day's logs, counted: [0] reviews, [1] milliseconds answering, then the answers by the
 * card's state before them and the rating: [2 + 0..4] learning (new, learning, relearning)
 * rated 0 (manual) to 4, [7 + 0..4] review rated 0 to 4.
 */
export type LogTally = number[]
export const LOG_TALLY_LENGTH = 12
const RATINGS_AT = 2

/** The tally of one log (a rating outside 0–4 counts as a failed answer, rating 0). */
export function logTallyOf(log: LogFacts): LogTally {
  const t = new Array<number>(LOG_TALLY_LENGTH).fill(0)
  t[0] = 1
  t[1] = log.durationMs
  const rating = log.rating >= 0 && log.rating <= 4 ? Math.floor(log.rating) : 0
  t[RATINGS_AT + (log.state === State.Review ? 5 : 0) + rating] = 1
  return t
}

const EDGES = {
  days: [0, 1, 3, 7, 14, 30, 60, 90, 180, 365],
  difficulty: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
}
const STATE_NAMES = ['new', 'learning', 'review', 'relearning', 'suspended', 'buried'] as const

/**
 * A deck's cards, counted: [0] cards in the collection, [1..6] by state (new, learning,
 * review, relearning, suspended, buried), then for cards past learning the histograms of
 * interval [7..16], stability [17..26] and difficulty [27..36] (EDGES' buckets).
 */
export type CardTally = number[]
export const CARD_TALLY_LENGTH = 7 + 3 * 10

/** Which bucket of `edges` (ascending lower bounds) a value falls in. */
function bucketOf(value: number, edges: readonly number[]) {
  let i = edges.length - 1
  while (i > 0 && value < (edges[i] as number)) i--
  return i
}

/**
 * The tally of one card in the collection (not retired, not in the trash), or null for one
 * outside it, which no statistic counts.
 */
export function cardTallyOf(card: CardFacts): CardTally | null {
  if (card.queue === -1 || card.queue === -4) return null
  const t = new Array<number>(CARD_TALLY_LENGTH).fill(0)
  t[0] = 1
  const state =
    card.queue === -2
      ? 4
      : card.queue === -3
        ? 5
        : card.state === State.New
          ? 0
          : card.state === State.Learning
            ? 1
            : card.state === State.Relearning
              ? 3
              : 2
  t[1 + state] = 1
  if (card.state === State.Review) {
    t[7 + bucketOf(card.scheduled_days, EDGES.days)] = 1
    t[17 + bucketOf(card.stability, EDGES.days)] = 1
    t[27 + bucketOf(card.difficulty, EDGES.difficulty)] = 1
  }
  return t
}

/** The study day a card in a queue is due on (learning or review), or null. */
export const dueDayOf = (card: CardFacts, dayOf: DayOf) =>
  card.queue === 1 || card.queue === 2 ? dayOf(card.due) : null

/** Adds `b` (times `sign`) into `a`, in place. */
export function addTally(a: number[], b: readonly number[], sign = 1) {
  for (let i = 0; i < b.length; i++) a[i] = (a[i] ?? 0) + sign * (b[i] ?? 0)
  return a
}

/** The sum of tallies of one kind. */
export function sumTallies(tallies: Iterable<readonly number[]>, length: number) {
  const sum = new Array<number>(length).fill(0)
  for (const t of tallies) addTally(sum, t)
  return sum
}

/** Logs counted per study day. */
export function tallyLogsByDay(logs: readonly LogFacts[], dayOf: DayOf) {
  const days = new Map<number, LogTally>()
  for (const l of logs) {
    const day = dayOf(l.id)
    const t = days.get(day)
    if (t) addTally(t, logTallyOf(l))
    else days.set(day, logTallyOf(l))
  }
  return days
}

/** Cards counted, and how many come due on each study day. */
export function tallyCards(cards: readonly CardFacts[], dayOf: DayOf) {
  const tally = new Array<number>(CARD_TALLY_LENGTH).fill(0)
  const due = new Map<number, number>()
  for (const c of cards) {
    const t = cardTallyOf(c)
    if (!t) continue
    addTally(tally, t)
    const day = dueDayOf(c, dayOf)
    if (day !== null) due.set(day, (due.get(day) ?? 0) + 1)
  }
  return { tally, due }
}

type Days = ReadonlyMap<number, readonly number[]>

/** Reviews per study day, over the days from `first` to `last` inclusive. */
export function reviewsPerDay(days: Days, first: number, last: number) {
  return Array.from({ length: last - first + 1 }, (_, i) => ({
    day: first + i,
    reviews: days.get(first + i)?.[0] ?? 0,
  }))
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/**
 * Reviews per day laid out as a calendar, as GitHub's and Anki's heatmaps: a column per week
 * (Monday first), a row per weekday (0 = Monday), and where each month begins, for the labels.
 * Day numbers are calendar days since 1970-01-01, a Thursday.
 */
export function calendarCells(perDay: readonly { day: number; reviews: number }[]) {
  const weekday = (day: number) => (((day + 3) % 7) + 7) % 7
  const firstMonday = (perDay[0]?.day ?? 0) - weekday(perDay[0]?.day ?? 0)
  const cells = perDay.map((d) => ({
    x: Math.floor((d.day - firstMonday) / 7),
    y: weekday(d.day),
    v: d.reviews,
    day: d.day,
  }))
  // Where each month begins (and the first days, whatever month they are in).
  const starts: { x: number; month: number; year: number }[] = []
  for (const c of cells) {
    const date = new Date(c.day * DAY_MS)
    if (date.getUTCDate() !== 1 && c !== cells[0]) continue
    const start = { x: c.x, month: date.getUTCMonth(), year: date.getUTCFullYear() }
    // A month that begins in the first days' column, or within three weeks of it, takes the
    // place of their label: the two would overlap.
    if (starts.length === 1 && c !== cells[0] && c.x - (starts[0]?.x ?? 0) < 3) starts.pop()
    starts.push(start)
  }
  // The first label and each January say the year.
  const months = starts.map((m, i) => ({
    x: m.x,
    label: i === 0 || m.month === 0 ? `${MONTHS[m.month]} ${m.year}` : `${MONTHS[m.month]}`,
  }))
  return { cells, weeks: (cells.at(-1)?.x ?? 0) + 1, months }
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

const sortedDays = (days: Days) => [...days].sort((a, b) => a[0] - b[0])

/**
 * True retention, as Anki defines it: of the reviews of cards past learning (state Review
 * before the answer), the share not answered Again (nor rated 0); by day, week (7 study days)
 * or month (30).
 */
export function trueRetention(days: Days, period: Period) {
  const size = period === 'day' ? 1 : period === 'week' ? 7 : 30
  const buckets = new Map<number, { passed: number; total: number }>()
  for (const [day, t] of sortedDays(days)) {
    const review = t.slice(RATINGS_AT + 5, RATINGS_AT + 10)
    const total = review.reduce((a, b) => a + b, 0)
    if (total === 0) continue
    const key = Math.floor(day / size)
    const b = buckets.get(key) ?? { passed: 0, total: 0 }
    b.total += total
    b.passed += total - (review[0] ?? 0) - (review[1] ?? 0)
    buckets.set(key, b)
  }
  return [...buckets].map(([key, b]) => ({
    firstDay: key * size,
    ...b,
    retention: b.passed / b.total,
  }))
}

/** Cards coming due on each of the next `days` study days (overdue ones count today). */
export function dueForecast(due: ReadonlyMap<number, number>, today: number, days: number) {
  const counts = new Array<number>(days).fill(0)
  for (const [day, n] of due) {
    const offset = Math.max(0, day - today)
    if (offset < days) counts[offset] = (counts[offset] ?? 0) + n
  }
  return counts.map((n, i) => ({ day: today + i, due: n }))
}

/** Cards by where they stand, as Anki's card counts. */
export function cardStates(tally: CardTally) {
  return Object.fromEntries(STATE_NAMES.map((name, i) => [name, tally[1 + i] ?? 0])) as Record<
    (typeof STATE_NAMES)[number],
    number
  >
}

/**
 * Answer buttons pressed (ratings 1–4), by the card's state before the answer: learning (new,
 * learning, relearning) or review. `tally` is the period's logs summed.
 */
export function answerButtons(tally: LogTally) {
  return {
    learning: tally.slice(RATINGS_AT + 1, RATINGS_AT + 5),
    review: tally.slice(RATINGS_AT + 6, RATINGS_AT + 10),
  }
}

/** Minutes spent answering on each study day that had reviews. */
export function timePerDay(days: Days) {
  return sortedDays(days)
    .filter(([, t]) => (t[0] ?? 0) > 0)
    .map(([day, t]) => ({ day, minutes: (t[1] ?? 0) / 60_000 }))
}

/** Interval, stability and difficulty distributions of the cards past learning. */
export function memoryDistributions(tally: CardTally) {
  const read = (at: number, edges: readonly number[]) =>
    edges.map((from, i) => ({ from, count: tally[at + i] ?? 0 }))
  return {
    intervals: read(7, EDGES.days),
    stability: read(17, EDGES.days),
    difficulty: read(27, EDGES.difficulty),
  }
}
