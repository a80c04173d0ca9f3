import { afterEach, describe, expect, it, vi } from 'vitest'
import { CardState, Scheduler } from '../../core/scheduling/scheduler'
import { at, deck, fact } from '../../core/testing/factories'
import { StaleCardError, answerCard, undoAnswer } from './answer'
import type { AttacheDb } from './db'
import { syncDeck } from './deck-sync'
import { freshDb } from './test-db'

const scheduler = new Scheduler()
const t0 = at('2024-06-01T10:00:00Z')
let db: AttacheDb

afterEach(async () => {
  vi.restoreAllMocks()
  db.close()
})

async function deckWithOneCard() {
  db = await freshDb()
  await syncDeck(db, deck('d', [fact({ id: 'a' })]), scheduler, t0)
  const card = await db.cards.get('d/a/qa')
  if (!card) throw new Error('card missing')
  return card
}

const answerGood = (id: string, revision: number, now = t0) =>
  answerCard(db, scheduler, { cardId: id, revision, grade: 3, now, durationMs: 4200 })

describe('answerCard', () => {
  it('writes the new card state and one review-log row together', async () => {
    const card = await deckWithOneCard()
    const receipt = await answerGood(card.id, card.revision)
    const after = await db.cards.get(card.id)
    expect(after?.state).toBe(CardState.Learning)
    expect(after?.revision).toBe(card.revision + 1)
    expect(after?.reps).toBe(1)
    const logs = await db.reviewLogs.toArray()
    expect(logs).toHaveLength(1)
    expect(logs[0]).toMatchObject({
      id: receipt.logId,
      cardId: card.id,
      deckId: 'd',
      rating: 3,
      state: CardState.New,
      durationMs: 4200,
    })
  })

  it('leaves card and log untouched when a write in the transaction fails', async () => {
    const card = await deckWithOneCard()
    vi.spyOn(db.cards, 'put').mockRejectedValueOnce(new Error('disk full'))
    await expect(answerGood(card.id, card.revision)).rejects.toThrow('disk full')
    expect(await db.reviewLogs.count()).toBe(0)
    expect(await db.cards.get(card.id)).toEqual(card)
  })

  it('refuses an answer for a card that changed since it was shown', async () => {
    const card = await deckWithOneCard()
    await answerGood(card.id, card.revision)
    const second = answerGood(card.id, card.revision) // the same stale screen answers again
    await expect(second).rejects.toBeInstanceOf(StaleCardError)
    await expect(second).rejects.toThrow(/changed since it was shown/)
    expect(await db.reviewLogs.count()).toBe(1)
  })
})

describe('undoAnswer', () => {
  it('restores the card as it was and removes its log row', async () => {
    const card = await deckWithOneCard()
    const first = await answerGood(card.id, card.revision)
    const beforeSecond = await db.cards.get(card.id)
    if (!beforeSecond) throw new Error('missing')
    const second = await answerGood(card.id, first.revisionAfter, new Date(beforeSecond.due))
    const restored = await undoAnswer(db, scheduler, second)
    const { revision: _r1, ...restoredState } = restored
    const { revision: _r2, ...expected } = beforeSecond
    expect(restoredState).toEqual(expected)
    expect((await db.reviewLogs.toArray()).map((l) => l.id)).toEqual([first.logId])
  })

  it('refuses to undo when the card moved on, and changes nothing', async () => {
    const card = await deckWithOneCard()
    const first = await answerGood(card.id, card.revision)
    const due = (await db.cards.get(card.id))?.due
    await answerGood(card.id, first.revisionAfter, due === undefined ? t0 : new Date(due))
    await expect(undoAnswer(db, scheduler, first)).rejects.toBeInstanceOf(StaleCardError)
    expect(await db.reviewLogs.count()).toBe(2)
  })
})
