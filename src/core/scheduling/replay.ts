import {
  fuzzSeed,
  type Grade,
  type ReviewRecord,
  type Scheduler,
  type SchedulingState,
} from './scheduler'

/** One answer of a history: when, and which button. */
export interface PastAnswer {
  at: Date
  grade: Grade
  /** The time zone it was given in, when recorded: its days are counted there. */
  zone?: string
}

/**
 * A card's state after answering `answers` in order, starting new at `start`, with the record
 * of each answer: the same `review` (and fuzz seeds) a live answer uses, so an imported card is
 * scheduled as if it had always been studied here.
 */
export function replayAnswers(
  scheduler: Scheduler,
  cardId: string,
  start: Date,
  answers: readonly PastAnswer[],
): { state: SchedulingState; records: ReviewRecord[] } {
  let state = scheduler.newState(start)
  const records: ReviewRecord[] = []
  for (const { at, grade, zone } of answers) {
    const next = scheduler.review(state, grade, at, fuzzSeed(cardId, state.reps), zone)
    state = next.state
    records.push(next.log)
  }
  return { state, records }
}
