import type { ReviewRecord, SchedulingState } from './scheduler'

/**
 * A scheduling state as stored: ts-fsrs's fields with times as epoch milliseconds. Numbers
 * index and compare without allocating, and survive every structured clone — a `Date` built
 * while a fake clock replaces the global `Date` did not (issue 6).
 */
export type StoredState = Omit<SchedulingState, 'due' | 'last_review'> & {
  due: number
  last_review?: number
}

/** A review record as stored: the due time it had and the answer time, in epoch ms. */
export type StoredReview = Omit<ReviewRecord, 'due' | 'review'> & { due: number; review: number }

/** The fields ts-fsrs keeps beside the times, the same in both forms. */
function memoryFields(s: StoredState | SchedulingState) {
  return {
    stability: s.stability,
    difficulty: s.difficulty,
    elapsed_days: s.elapsed_days,
    scheduled_days: s.scheduled_days,
    learning_steps: s.learning_steps,
    reps: s.reps,
    lapses: s.lapses,
    state: s.state,
  }
}

/** A stored state alone, from a row that holds one among other columns (a card row). */
export function storedStateOf(row: StoredState): StoredState {
  const out: StoredState = { due: row.due, ...memoryFields(row) }
  if (row.last_review !== undefined) out.last_review = row.last_review
  return out
}

/** The state to store (ts-fsrs's own fields only, times in ms). */
export function toStoredState(s: SchedulingState): StoredState {
  const out: StoredState = { due: s.due.getTime(), ...memoryFields(s) }
  if (s.last_review) out.last_review = s.last_review.getTime()
  return out
}

/** The state ts-fsrs works on, from a stored row (other fields of the row are left out). */
export function fromStoredState(s: StoredState): SchedulingState {
  const out: SchedulingState = { due: new Date(s.due), ...memoryFields(s) }
  if (s.last_review !== undefined) out.last_review = new Date(s.last_review)
  return out
}

/** The review record to store. */
export function toStoredReview(r: ReviewRecord): StoredReview {
  return { ...r, due: r.due.getTime(), review: r.review.getTime() }
}
