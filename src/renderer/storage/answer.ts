import { fuzzSeed, type Grade, type Scheduler } from '../../core/scheduling/scheduler'
import {
  fromStoredReview,
  fromStoredState,
  toStoredReview,
  toStoredState,
  type StoredState,
} from '../../core/scheduling/stored-state'
import type { AttacheDb, CardRow } from './db'

/** The card is no longer in the state the screen showed; nothing was written. */
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

/** What undo needs to reverse one answer. */
export interface AnswerReceipt {
  cardId: string
  logId: number
  revisionAfter: number
  /** The card row as written, so a session can update what it holds without re-reading. */
  card: CardRow
}

/**
 * Grades a card: the new scheduling state and its review-log row are written in one
 * transaction, or neither is (Anki's answer_card). If the card changed since it was shown,
 * the answer is refused.
 */
export async function answerCard(
  db: AttacheDb,
  scheduler: Scheduler,
  input: AnswerInput,
): Promise<AnswerReceipt> {
  return db.transaction('rw', db.cards, db.reviewLogs, async () => {
    const card = await currentCard(db, input.cardId, input.revision)
    const { state, log } = scheduler.review(
      fromStoredState(card),
      input.grade,
      input.now,
      fuzzSeed(card.id, card.reps),
    )
    const revisionAfter = card.revision + 1
    // Both writes are issued together (one round trip, not two); the transaction still
    // commits them together or not at all.
    const written = withState(card, toStoredState(state), revisionAfter)
    const [logId] = await Promise.all([
      db.reviewLogs.add({
        ...toStoredReview(log),
        cardId: card.id,
        deckId: card.deckId,
        noteId: card.noteId,
        durationMs: Math.max(0, Math.round(input.durationMs)),
      }),
      db.cards.put(written),
    ])
    return { cardId: card.id, logId, revisionAfter, card: written }
  })
}

/**
 * Reverses one answer: the card goes back to its state before the grade (ts-fsrs rollback of
 * the logged review) and the log row is removed, in one transaction.
 */
export async function undoAnswer(
  db: AttacheDb,
  scheduler: Scheduler,
  receipt: AnswerReceipt,
): Promise<CardRow> {
  return db.transaction('rw', db.cards, db.reviewLogs, async () => {
    const card = await currentCard(db, receipt.cardId, receipt.revisionAfter)
    const log = await db.reviewLogs.get(receipt.logId)
    if (!log || log.cardId !== card.id)
      throw new StaleCardError('That review is no longer in the log; nothing was undone.')
    const rolledBack = scheduler.rollback(fromStoredState(card), fromStoredReview(log))
    const before = withState(card, toStoredState(rolledBack), card.revision + 1)
    await db.cards.put(before)
    await db.reviewLogs.delete(receipt.logId)
    return before
  })
}

async function currentCard(db: AttacheDb, id: string, revision: number): Promise<CardRow> {
  const card = await db.cards.get(id)
  if (!card) throw new StaleCardError('This card no longer exists; the answer was not saved.')
  if (card.revision !== revision) {
    throw new StaleCardError(
      'This card changed since it was shown (another window?); the answer was not saved.',
    )
  }
  return card
}

function withState(card: CardRow, state: StoredState, revision: number): CardRow {
  const { last_review: _drop, ...rest } = card
  const row: CardRow = { ...rest, ...state, revision }
  return row
}
