import { Scheduler, type Grade, type SchedulingState } from '../scheduling/scheduler'
import type { QueueCard } from '../study/review-queue'
import type { Deck, Fact } from '../decks/deck-schema'

/** Test factories in domain words; tests never hand-build scheduler objects. */
export const at = (iso: string) => new Date(iso)

export const noFuzz = new Scheduler({ fuzz: false })

export function newCardAt(now: Date): SchedulingState {
  return noFuzz.newState(now)
}

/** Answers `grades` in order, each at the moment the previous answer scheduled. */
export function answerSequence(start: Date, grades: readonly Grade[], scheduler = noFuzz) {
  let state = scheduler.newState(start)
  let now = start
  const states: SchedulingState[] = []
  for (const g of grades) {
    state = scheduler.review(state, g, now, 'seed').state
    states.push(state)
    now = state.due
  }
  return states
}

/** A queue entry; each card is its own fact unless `noteId` says otherwise. */
export function queueCard(
  id: string,
  position: number,
  state: SchedulingState,
  noteId = id,
): QueueCard {
  return { id, noteId, position, state: state.state, due: state.due.getTime() }
}

export function fact(overrides: Partial<Fact> & { id: string }): Fact {
  return {
    section: ['(1) Regional Security'],
    kind: 'figure',
    prompt: `Question for ${overrides.id}?`,
    answer: `Answer for ${overrides.id}`,
    ...overrides,
  }
}

export function deck(id: string, facts: Fact[]): Deck {
  return { format: 1, id, name: `Deck ${id}`, description: '', facts }
}
