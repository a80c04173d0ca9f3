import type { Grade } from '../../scheduling/scheduler'
import type { AnkiReview } from './read-collection'

/** What one revlog row means for a replay of the card's memory. */
export type HistoryStep = { kind: 'answer'; grade: Grade } | { kind: 'reset' } | { kind: 'skip' }

const LEARN = 0
const RELEARN = 2
const FILTERED = 3
const MANUAL = 4

/**
 * The meaning of an Anki revlog row, following Anki's own rules (rslib/src/revlog/mod.rs,
 * `is_reset`, `is_cramming`, `has_rating_and_affects_scheduling`): a manual entry with ease
 * factor 0 is a reset ("Forget": the card starts over); a row with no button (set due date,
 * rescheduling) and a filtered-deck review that did not reschedule (factor 0, "cramming") are
 * history but not answers. Scheduler v1 had three buttons while learning: its 2 and 3 are Good
 * and Easy.
 */
export function historyStep(review: AnkiReview, schedulerVersion: number): HistoryStep {
  if (review.type === MANUAL && review.factor === 0) return { kind: 'reset' }
  if (review.ease < 1 || review.ease > 4) return { kind: 'skip' }
  if (review.type === FILTERED && review.factor === 0) return { kind: 'skip' }
  const threeButtons = schedulerVersion < 2 && (review.type === LEARN || review.type === RELEARN)
  if (threeButtons && review.ease > 1)
    return { kind: 'answer', grade: Math.min(4, review.ease + 1) as Grade }
  return { kind: 'answer', grade: review.ease as Grade }
}
