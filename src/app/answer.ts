import { fuzzSeed, type Grade, type Scheduler } from '../core/scheduling/scheduler'
import { fromStoredState, toStoredReview, toStoredState } from '../core/scheduling/stored-state'
import { Queue, queueOf, type CardRow } from './collection'
import type { StudyStore } from './store'

/** An answer and its undo touch only these. */
const ANSWER_TABLES = ['cards', 'revlog'] as const

/** Answer times above this are stored as this (Anki's default "maximum answer seconds"). */
export const MAX_ANSWER_MS = 60_000

/** The card is no longer in the state the screen showed, or an undo cannot be done; nothing was written. */
export class StaleCardError extends Error {
  override name = 'StaleCardError'
}

export interface AnswerInput {
  cardId: string
  /** The revision the screen showed. */
  revision: number
  grade: Grade
  now: Date
  durationMs: number
}

/** What undo needs, and the card as written so a screen can update without re-reading. */
export interface AnswerReceipt {
  cardId: string
  logId: number
  card: CardRow
  /** The card as it was before the answer. */
  before: CardRow
}

/**
 * Grades a card: the new scheduling state and its review-log row are written in one
 * transaction, or neither is (Anki's answer_card). If the card changed since it was shown,
 * the answer is refused. The log's id is the answer time in ms, moved on by a millisecond
 * while taken, as Anki does for its revlog ids.
 */
export function answerCard(
  store: StudyStore,
  scheduler: Scheduler,
  input: AnswerInput,
): Promise<AnswerReceipt> {
  return store.transaction(async () => {
    // Both reads go out together, and both writes: one round trip each, one transaction.
    let id = input.now.getTime()
    const [card, taken] = await Promise.all([
      currentCard(store, input.cardId, input.revision),
      store.getLog(id),
    ])
    if (taken) {
      id++
      while (await store.getLog(id)) id++
    }
    const { state, log } = scheduler.review(
      fromStoredState(card),
      input.grade,
      input.now,
      fuzzSeed(card.id, card.reps),
    )
    const stored = toStoredState(state)
    const { last_review: _drop, ...rest } = card
    const written: CardRow = {
      ...rest,
      ...stored,
      queue: queueOf(stored.state),
      revision: card.revision + 1,
    }
    await Promise.all([
      store.addLog({
        ...toStoredReview(log),
        id,
        cardId: card.id,
        noteId: card.noteId,
        durationMs: Math.min(MAX_ANSWER_MS, Math.max(0, Math.round(input.durationMs))),
        before: card,
      }),
      store.putCard(written),
    ])
    return { cardId: card.id, logId: id, card: written, before: card }
  }, ANSWER_TABLES)
}

/**
 * Reverses one answer exactly: the card's scheduling state goes back to what the log kept
 * from before the answer, and the log row is removed, in one transaction. Any answer can be
 * undone while it is its card's newest, so several steps back work, the same card included.
 */
export function undoAnswer(store: StudyStore, receipt: AnswerReceipt): Promise<CardRow> {
  return store.transaction(async () => {
    const log = await store.getLog(receipt.logId)
    if (!log)
      throw new StaleCardError('That answer is no longer in the review log; nothing was undone.')
    const newest = await store.lastLogOfCard(log.cardId)
    if (newest && newest.id !== log.id)
      throw new StaleCardError(
        'That card was answered again since (in another window?); undo that answer first.',
      )
    const card = await store.getCard(log.cardId)
    if (!card || !log.before)
      throw new StaleCardError(
        'That answer cannot be undone: its card is gone; nothing was changed.',
      )
    const { last_review: _drop, ...structure } = card
    const {
      id: _i,
      noteId: _n,
      ord: _o,
      deckId: _d,
      position: _p,
      sectionKey: _s,
      revision: _r,
      ...state
    } = log.before
    const restored: CardRow = {
      ...structure,
      ...state,
      queue: card.queue === Queue.Retired ? Queue.Retired : state.queue,
      revision: card.revision + 1,
    }
    await Promise.all([store.deleteLog(log.id), store.putCard(restored)])
    return restored
  }, ANSWER_TABLES)
}

async function currentCard(store: StudyStore, id: string, revision: number): Promise<CardRow> {
  const card = await store.getCard(id)
  if (!card || card.queue === Queue.Retired)
    throw new StaleCardError('This card no longer exists; the answer was not saved.')
  if (card.revision !== revision) {
    throw new StaleCardError(
      'This card changed since it was shown (another window?); the answer was not saved.',
    )
  }
  return card
}
