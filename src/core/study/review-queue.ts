import { CardState } from '../scheduling/scheduler'
import { DAY_MS } from '../units'

/** What the queue needs to know about a card. */
export interface QueueCard {
  id: string
  /** Cards of one fact are siblings: only one of them is shown per day (Anki's burying). */
  noteId: string
  /** Order of new cards: the deck's own order. */
  position: number
  state: CardState
  /** When the card is due, in epoch ms. */
  due: number
}

export interface StudyLimits {
  newPerDay: number
  reviewsPerDay: number
  /** Learning cards due within this many ms count as due now (Anki's learn-ahead limit, 20 min). */
  learnAheadMs: number
  /** Whether a card's siblings wait for the next day once one of them is studied (default: yes). */
  burySiblings?: boolean
}

export const DEFAULT_LIMITS: StudyLimits = {
  newPerDay: 20,
  reviewsPerDay: 200,
  learnAheadMs: 20 * 60_000,
}

/** What was already studied today (from the review log). */
export interface DoneToday {
  newCards: number
  reviews: number
  /** Facts with a card answered today: their other new and review cards wait for tomorrow. */
  notes: ReadonlySet<string>
}

/**
 * The one definition of each count, used by the deck list, the Sections screen and the
 * session alike:
 * - `learning`: cards in (re)learning due now or within the learn-ahead limit;
 * - `review`: review cards due before the study day ends, unburied, within the review limit;
 * - `new`: unburied new cards, within what is left of the new-card limit.
 */
export interface QueueCounts {
  learning: number
  review: number
  new: number
}

export interface ReviewQueue {
  /** Card ids in the order they will be shown. */
  order: string[]
  counts: QueueCounts
  /**
   * When something next becomes available once this queue is done (epoch ms): a learning
   * step later today, or the start of the study day when the next review, buried sibling or
   * held-back new card comes. Null when the deck holds nothing more to study.
   */
  nextAt: number | null
}

/** In (re)learning: short steps, shown when due and never buried. */
const isLearning = (c: { state: CardState }) =>
  c.state === CardState.Learning || c.state === CardState.Relearning

/**
 * The cards to show now, in order: learning cards that are due, then review cards due before
 * the study day ends, then new cards up to what is left of today's new-card limit, then
 * learning cards due within the learn-ahead limit (shown early once nothing else is left, as
 * Anki does). New and review cards whose fact already had a card today, or has one earlier in
 * the queue, are buried.
 */
export function reviewQueue(
  cards: readonly QueueCard[],
  now: Date,
  dayEnd: Date,
  limits: StudyLimits,
  done: DoneToday,
): ReviewQueue {
  const t = now.getTime()
  const end = dayEnd.getTime()
  const byDue = (a: QueueCard, b: QueueCard) => a.due - b.due || a.position - b.position
  const learningNow: QueueCard[] = []
  const learningAhead: QueueCard[] = []
  const reviewsDue: QueueCard[] = []
  const fresh: QueueCard[] = []
  let nextAt = Infinity
  // The start of the study day in which a card due at `due` (≥ dayEnd) can be shown.
  const dayOf = (due: number) => end + Math.floor((due - end) / DAY_MS) * DAY_MS
  for (const c of cards) {
    if (isLearning(c)) {
      if (c.due <= t) learningNow.push(c)
      else if (c.due <= t + limits.learnAheadMs) learningAhead.push(c)
      else nextAt = Math.min(nextAt, c.due)
    } else if (c.state === CardState.Review) {
      if (c.due < end) reviewsDue.push(c)
      else nextAt = Math.min(nextAt, dayOf(c.due))
    } else {
      fresh.push(c)
    }
  }
  // Buried siblings, and cards past a limit, come back on the next study day. Only the cards
  // taken into today's queue bury their siblings.
  const bury = limits.burySiblings !== false
  // Notes taken into this queue, beside those of today's answers (not copied: the Sections
  // screen builds a queue per section with the same day's notes).
  const taken = new Set<string>()
  const isTaken = (noteId: string) => taken.has(noteId) || (bury && done.notes.has(noteId))
  let heldBack = false
  const take = (sorted: QueueCard[], limit: number) => {
    const out: QueueCard[] = []
    for (const c of sorted) {
      if (isTaken(c.noteId)) heldBack = true
      else if (out.length >= limit) {
        heldBack = true
        break
      } else {
        if (bury) taken.add(c.noteId)
        out.push(c)
      }
    }
    return out
  }
  const reviews = take(reviewsDue.sort(byDue), Math.max(0, limits.reviewsPerDay - done.reviews))
  fresh.sort((a, b) => a.position - b.position || a.id.localeCompare(b.id))
  const newToday = take(fresh, Math.max(0, limits.newPerDay - done.newCards))
  if (heldBack) nextAt = Math.min(nextAt, end)
  learningNow.sort(byDue)
  learningAhead.sort(byDue)
  return {
    order: [...learningNow, ...reviews, ...newToday, ...learningAhead].map((c) => c.id),
    counts: {
      learning: learningNow.length + learningAhead.length,
      review: reviews.length,
      new: newToday.length,
    },
    nextAt: Number.isFinite(nextAt) ? nextAt : null,
  }
}
