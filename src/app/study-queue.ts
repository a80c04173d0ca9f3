import { inSection } from '../core/decks/sections'
import { CardState } from '../core/scheduling/scheduler'
import { studyDay, type StudyDay } from '../core/study/day-boundary'
import { nextStudyIn } from '../core/study/next-study'
import {
  DEFAULT_LIMITS,
  reviewQueue,
  type QueueCard,
  type ReviewQueue,
  type StudyLimits,
} from '../core/study/review-queue'
import { Queue, sectionKeyOf, type CardRow } from './collection'
import type { Settings } from './settings'
import type { StudyStore } from './store'

/** The study day `now` falls in, under the user's rollover hour and local time zone. */
export function studyDayAt(settings: Settings, now: Date): StudyDay {
  return studyDay(now, settings.rolloverHour, -now.getTimezoneOffset())
}

/** What the review log says was studied in a deck since the study day began. */
export interface TodaysLog {
  /** Cards seen for the first time today. */
  newCards: ReadonlySet<string>
  reviews: number
  /** Notes with a card answered today: their other new and review cards wait for tomorrow. */
  notes: ReadonlySet<string>
}

/**
 * Today's answers in each deck, from the log's time index; a card counts toward the deck it
 * is in now (a log row carries no deck that could go stale).
 */
export async function todaysLogs(
  store: StudyStore,
  day: StudyDay,
): Promise<Map<string, TodaysLog>> {
  const logs = await store.logsSince(day.start.getTime())
  const cards = await store.getCards([...new Set(logs.map((l) => l.cardId))])
  const deckOf = new Map(cards.flatMap((c) => (c ? [[c.id, c.deckId] as const] : [])))
  const byDeck = new Map<string, { newCards: Set<string>; reviews: number; notes: Set<string> }>()
  for (const l of logs) {
    const deckId = deckOf.get(l.cardId)
    if (deckId === undefined) continue
    let d = byDeck.get(deckId)
    if (!d) byDeck.set(deckId, (d = { newCards: new Set(), reviews: 0, notes: new Set() }))
    d.notes.add(l.noteId)
    if (l.state === CardState.New) d.newCards.add(l.cardId)
    else if (l.state === CardState.Review) d.reviews++
  }
  return byDeck
}

const EMPTY_LOG: TodaysLog = { newCards: new Set(), reviews: 0, notes: new Set() }

/** A deck, or one section of it. */
export interface StudyScope {
  deckId: string
  section: readonly string[] | null
}

/** What to study, and for a section, whether it goes past the deck's daily new-card limit. */
export interface StudyQueue extends ReviewQueue {
  /** New cards the deck's daily limit still allows today. */
  deckNewLeft: number
  /** A section session showing new cards after the deck's limit is used up (Anki's custom study). */
  pastDeckLimit: boolean
}

const limitsOf = (settings: Settings): StudyLimits => ({
  ...DEFAULT_LIMITS,
  newPerDay: settings.newPerDay,
  reviewsPerDay: settings.reviewsPerDay,
})

const toQueueCard = (c: CardRow): QueueCard => ({
  id: c.id,
  noteId: c.noteId,
  position: c.position,
  state: c.state,
  due: c.due,
})

/**
 * Reads `page(limit)` with a growing limit until it holds `need` cards of notes not yet taken
 * (so the queue can fill its limit and see that more wait), or the range is exhausted.
 */
async function enoughOf(
  page: (limit: number) => Promise<CardRow[]>,
  need: number,
  taken: ReadonlySet<string>,
): Promise<CardRow[]> {
  let limit = need + taken.size + 1
  for (;;) {
    const rows = await page(limit)
    const notes = new Set(rows.filter((r) => !taken.has(r.noteId)).map((r) => r.noteId))
    if (rows.length < limit || notes.size >= need) return rows
    limit *= 2
  }
}

/**
 * The cards the queue can use today, read through the indexes with the limits in the query:
 * learning cards due by the learn-ahead limit, the earliest reviews due today and the first
 * new cards, each one past what the limits allow (so the queue knows more wait), and the
 * first learning step and review after that (so it can say when to come back).
 */
async function deckCandidates(
  store: StudyStore,
  deckId: string,
  limits: StudyLimits,
  log: TodaysLog,
  now: number,
  dayEnd: number,
): Promise<CardRow[]> {
  const ahead = now + limits.learnAheadMs + 1
  const [learning, laterLearning, laterReview] = await Promise.all([
    store.cardsByDue({ deckId, queue: Queue.Learning, from: -Infinity, to: ahead }),
    store.cardsByDue({ deckId, queue: Queue.Learning, from: ahead, to: Infinity, limit: 1 }),
    store.cardsByDue({ deckId, queue: Queue.Review, from: dayEnd, to: Infinity, limit: 1 }),
  ])
  const reviews = await enoughOf(
    (limit) =>
      store.cardsByDue({ deckId, queue: Queue.Review, from: -Infinity, to: dayEnd, limit }),
    Math.max(0, limits.reviewsPerDay - log.reviews) + 1,
    log.notes,
  )
  const takenByReviews = new Set([...log.notes, ...reviews.map((r) => r.noteId)])
  const fresh = await enoughOf(
    (limit) =>
      store.cardsByPosition({ deckId, queue: Queue.New, from: -Infinity, to: Infinity, limit }),
    Math.max(0, limits.newPerDay - log.newCards.size) + 1,
    takenByReviews,
  )
  return [...learning, ...laterLearning, ...reviews, ...laterReview, ...fresh]
}

/**
 * The queue of a deck or section now. A chosen section is a deliberate act, as Anki's custom
 * study: it gets its own allowance of new cards (the daily limit, counting only its own cards
 * started today), even once the deck's is used up; the screen says so.
 */
export async function studyQueue(
  store: StudyStore,
  scope: StudyScope,
  settings: Settings,
  now: Date,
  logs?: Map<string, TodaysLog>,
): Promise<StudyQueue & { day: StudyDay }> {
  const day = studyDayAt(settings, now)
  const log = (logs ?? (await todaysLogs(store, day))).get(scope.deckId) ?? EMPTY_LOG
  const limits = limitsOf(settings)
  let cards: CardRow[]
  let newStarted = log.newCards.size
  if (scope.section?.length) {
    cards = (await store.cardsOfSection(scope.deckId, sectionKeyOf(scope.section))).filter(
      (c) => c.queue !== Queue.Retired,
    )
    newStarted = cards.filter((c) => log.newCards.has(c.id)).length
  } else {
    cards = await deckCandidates(store, scope.deckId, limits, log, now.getTime(), day.end.getTime())
  }
  const queue = reviewQueue(cards.map(toQueueCard), now, day.end, limits, {
    newCards: newStarted,
    reviews: log.reviews,
    notes: log.notes,
  })
  const deckNewLeft = Math.max(0, settings.newPerDay - log.newCards.size)
  return { ...queue, day, deckNewLeft, pastDeckLimit: queue.counts.new > deckNewLeft }
}

export interface DeckOverview {
  id: string
  name: string
  description: string
  /** Cards of the deck that can be studied (not retired). */
  total: number
  /** The session's own counts (core's one definition of new, learning and due). */
  new: number
  learning: number
  due: number
  /** When the deck next has something to study, in words ("in 3h", "tomorrow"); null if never. */
  nextIn: string | null
}

/** Every deck with what a session of it would show now. */
export async function deckOverviews(
  store: StudyStore,
  settings: Settings,
  now: Date,
): Promise<DeckOverview[]> {
  const day = studyDayAt(settings, now)
  const [decks, logs] = await Promise.all([store.listDecks(), todaysLogs(store, day)])
  return Promise.all(
    decks.map(async (d) => {
      const everything = { deckId: d.id, from: -Infinity, to: Infinity }
      const [q, ...sizes] = await Promise.all([
        studyQueue(store, { deckId: d.id, section: null }, settings, now, logs),
        ...[Queue.New, Queue.Learning, Queue.Review].map((queue) =>
          store.countByDue({ ...everything, queue }),
        ),
      ])
      return {
        id: d.id,
        name: d.name,
        description: d.description,
        total: sizes.reduce((a, b) => a + b, 0),
        new: q.counts.new,
        learning: q.counts.learning,
        due: q.counts.review,
        nextIn: nextStudyIn(now.getTime(), day.end.getTime(), q.nextAt),
      }
    }),
  )
}

export interface SectionRow {
  path: string[]
  total: number
  /** What a session of this section would show now (the session's own counts). */
  new: number
  learning: number
  due: number
  /** Cards answered at least once. */
  seen: number
}

export interface SectionOverview {
  rows: SectionRow[]
  /** New cards the deck's daily limit still allows today. */
  deckNewLeft: number
  /** Cards of the deck (not retired). */
  total: number
}

/** Per-section counts of a deck, every heading level, parents before children, in deck order. */
export async function sectionOverview(
  store: StudyStore,
  deckId: string,
  settings: Settings,
  now: Date,
): Promise<SectionOverview> {
  const day = studyDayAt(settings, now)
  const [all, logs] = await Promise.all([store.cardsOfSection(deckId, ''), todaysLogs(store, day)])
  const log = logs.get(deckId) ?? EMPTY_LOG
  const cards = all.filter((c) => c.queue !== Queue.Retired).sort((a, b) => a.position - b.position)
  const limits = limitsOf(settings)
  // Each card's section path, and every distinct path prefix in deck order.
  const pathOf = new Map<string, string[]>()
  const paths = new Map<string, string[]>()
  for (const c of cards) {
    if (pathOf.has(c.sectionKey)) continue
    const path = c.sectionKey.split('\u001f').slice(0, -1)
    pathOf.set(c.sectionKey, path)
    for (let depth = 1; depth <= path.length; depth++) {
      const prefix = path.slice(0, depth)
      const key = sectionKeyOf(prefix)
      if (!paths.has(key)) paths.set(key, prefix)
    }
  }
  const rows = [...paths.values()].map((path) => {
    const inside = cards.filter((c) => inSection(pathOf.get(c.sectionKey) ?? [], path))
    const q = reviewQueue(inside.map(toQueueCard), now, day.end, limits, {
      newCards: inside.filter((c) => log.newCards.has(c.id)).length,
      reviews: log.reviews,
      notes: log.notes,
    })
    return {
      path,
      total: inside.length,
      new: q.counts.new,
      learning: q.counts.learning,
      due: q.counts.review,
      seen: inside.filter((c) => c.queue !== Queue.New).length,
    }
  })
  return {
    rows,
    deckNewLeft: Math.max(0, settings.newPerDay - log.newCards.size),
    total: cards.length,
  }
}
