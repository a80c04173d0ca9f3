import { CardState, fuzzSeed, type Grade, type Scheduler } from '../core/scheduling/scheduler'
import { fromStoredState, toStoredReview, toStoredState } from '../core/scheduling/stored-state'
import { Queue, isInCollection, queueOf, type CardRow } from './collection'
import type { Collection } from './collection-writes'

/** An answer and its undo touch only these (notes: a leech is tagged). */
const ANSWER_TABLES = ['cards', 'revlog', 'notes'] as const

/** When a card that keeps lapsing is a leech, and what happens then (Anki's deck options). */
export interface LeechRule {
  /** Lapses that make a leech; it is flagged again every half as many lapses after. */
  threshold: number
  action: 'tag' | 'suspend'
}

export const DEFAULT_LEECH: LeechRule = { threshold: 8, action: 'tag' }

/** Whether `lapses` lapses make a leech now (at the threshold, then every half of it). */
export function isLeechAt(lapses: number, threshold: number): boolean {
  if (lapses < threshold) return false
  return (lapses - threshold) % Math.max(1, Math.floor(threshold / 2)) === 0
}

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
  leech?: LeechRule
}

/** What undo needs, and the card as written so a screen can update without re-reading. */
export interface AnswerReceipt {
  cardId: string
  logId: number
  card: CardRow
  /** The card as it was before the answer. */
  before: CardRow
  /** The answer made the card a leech: tagged, and suspended if the rule says so. */
  leech: LeechRule['action'] | null
}

/**
 * Grades a card: the new scheduling state and its review-log row are written in one
 * transaction, or neither is (Anki's answer_card). If the card changed since it was shown,
 * the answer is refused. The log's id is the answer time in ms, moved on by a millisecond
 * while taken, as Anki does for its revlog ids.
 */
export function answerCard(
  store: Collection,
  scheduler: Scheduler,
  input: AnswerInput,
): Promise<AnswerReceipt> {
  return store.transaction(async () => {
    // Both reads go out together, and both writes: one round trip each, one transaction.
    let id = input.now.getTime()
    const bound = store.bound()
    const [card, taken] = await Promise.all([
      currentCard(bound, input.cardId, input.revision),
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
    const rule = input.leech ?? DEFAULT_LEECH
    const leech =
      input.grade === 1 &&
      card.state === CardState.Review &&
      isLeechAt(stored.lapses, rule.threshold)
    const { last_review: _drop, ...rest } = card
    const written: CardRow = {
      ...rest,
      ...stored,
      queue: leech && rule.action === 'suspend' ? Queue.Suspended : queueOf(stored.state),
      revision: card.revision + 1,
    }
    let taggedLeech = false
    if (leech) {
      const note = await store.getNote(card.noteId)
      if (note && !note.tags.some((t) => t.toLowerCase() === 'leech')) {
        taggedLeech = true
        await store.putNotes([{ ...note, tags: [...note.tags, 'leech'] }])
      }
    }
    // The card as read above: the collection need not read it again for the change log.
    await Promise.all([
      store.addLog({
        ...toStoredReview(log),
        id,
        cardId: card.id,
        noteId: card.noteId,
        durationMs: Math.min(MAX_ANSWER_MS, Math.max(0, Math.round(input.durationMs))),
        before: card,
        ...(taggedLeech ? { taggedLeech: true as const } : {}),
        ...(scheduler.zone ? { zone: scheduler.zone } : {}),
      }),
      store.putCard(written, card),
    ])
    return {
      cardId: card.id,
      logId: id,
      card: written,
      before: card,
      leech: leech ? rule.action : null,
    }
  }, ANSWER_TABLES)
}

/**
 * Reverses one answer exactly: the card's scheduling state goes back to what the log kept
 * from before the answer, and the log row is removed, in one transaction. Any answer can be
 * undone while it is its card's newest, so several steps back work, the same card included.
 */
export function undoAnswer(store: Collection, receipt: AnswerReceipt): Promise<CardRow> {
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
    // The card as it was, where it is now (an edit or a sync may have moved it since), and out
    // of the queue still if its note has left the collection.
    const restored: CardRow = {
      ...log.before,
      deckId: card.deckId,
      position: card.position,
      sectionKey: card.sectionKey,
      queue: isInCollection(card) ? log.before.queue : card.queue,
      revision: card.revision + 1,
    }
    if (log.taggedLeech) {
      const note = await store.getNote(card.noteId)
      if (note) await store.putNotes([{ ...note, tags: note.tags.filter((t) => t !== 'leech') }])
    }
    await Promise.all([store.deleteLog(log.id), store.putCard(restored, card)])
    return restored
  }, ANSWER_TABLES)
}

async function currentCard(store: Collection, id: string, revision: number): Promise<CardRow> {
  const card = await store.getCard(id)
  if (!card || card.queue === Queue.Retired)
    throw new StaleCardError('This card no longer exists; the answer was not saved.')
  if (card.queue === Queue.Suspended || card.queue === Queue.Buried)
    throw new StaleCardError(
      'This card was suspended or buried meanwhile; the answer was not saved.',
    )
  if (card.revision !== revision) {
    throw new StaleCardError(
      'This card changed since it was shown (another window?); the answer was not saved.',
    )
  }
  return card
}
