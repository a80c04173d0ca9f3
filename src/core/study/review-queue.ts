import { CardState, type SchedulingState } from '../scheduling/scheduler'

/** What the queue needs to know about a card. */
export interface QueueCard {
  id: string
  /** Cards of one fact are siblings: only one of them is shown per day (Anki's burying). */
  noteId: string
  /** Order of new cards: the deck's own order. */
  position: number
  state: SchedulingState
}

export interface StudyLimits {
  newPerDay: number
  reviewsPerDay: number
  /** Learning cards due within this many ms are shown early when nothing else is left (Anki's 20 min). */
  learnAheadMs: number
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

export interface ReviewQueue {
  /** Card ids in the order they will be shown. */
  order: string[]
  counts: { learning: number; review: number; new: number }
}

/** In (re)learning: short steps, shown when due and never buried. */
export const isLearning = (s: SchedulingState) =>
  s.state === CardState.Learning || s.state === CardState.Relearning

/**
 * The cards to show now, in order: learning cards that are due, then review cards due before
 * the study day ends, then new cards up to what is left of today's new-card limit. When only
 * learning cards due in the next `learnAheadMs` remain, they are shown early. New and review
 * cards whose fact already had a card today, or has one earlier in the queue, are buried.
 */
export function reviewQueue(
  cards: readonly QueueCard[],
  now: Date,
  dayEnd: Date,
  limits: StudyLimits,
  done: DoneToday,
): ReviewQueue {
  const t = now.getTime()
  const byDue = (a: QueueCard, b: QueueCard) =>
    a.state.due.getTime() - b.state.due.getTime() || a.position - b.position
  const learning = cards.filter((c) => isLearning(c.state) && c.state.due.getTime() <= t)
  const taken = new Set(done.notes)
  const unburied = (c: QueueCard) => !taken.has(c.noteId) && Boolean(taken.add(c.noteId))
  const reviews = cards
    .filter((c) => c.state.state === CardState.Review && c.state.due.getTime() < dayEnd.getTime())
    .sort(byDue)
    .filter(unburied)
    .slice(0, Math.max(0, limits.reviewsPerDay - done.reviews))
  const fresh = cards
    .filter((c) => c.state.state === CardState.New)
    .sort((a, b) => a.position - b.position)
    .filter(unburied)
    .slice(0, Math.max(0, limits.newPerDay - done.newCards))
  learning.sort(byDue)
  if (learning.length + reviews.length + fresh.length === 0) {
    const ahead = cards
      .filter((c) => isLearning(c.state) && c.state.due.getTime() <= t + limits.learnAheadMs)
      .sort(byDue)
    learning.push(...ahead)
  }
  return {
    order: [...learning, ...reviews, ...fresh].map((c) => c.id),
    counts: { learning: learning.length, review: reviews.length, new: fresh.length },
  }
}
