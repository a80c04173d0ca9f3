import { describe, expect, it, vi } from 'vitest'
import { CardState, Scheduler } from '../core/scheduling/scheduler'
import { answerCard, MAX_ANSWER_MS, StaleCardError, undoAnswer } from './answer'
import { Queue } from './collection'
import { answer, collectionWith, questionCard, t0 } from './testing'

const A = questionCard('d', 'a')
const DAY = 86_400_000

describe('answering', () => {
  it('writes the new card state and one log row keyed by the answer time, together', async () => {
    const store = await collectionWith()
    const receipt = await answer(store, A, 3, t0)
    const card = await store.getCard(A)
    expect(card).toMatchObject({ state: CardState.Learning, queue: Queue.Learning, revision: 1 })
    expect(receipt.logId).toBe(t0.getTime())
    expect(await store.getLog(t0.getTime())).toMatchObject({
      cardId: A,
      noteId: 'd/a',
      rating: 3,
      state: CardState.New,
      durationMs: 4200,
    })
  })

  it('records the time zone whose study days the answer was counted in', async () => {
    const store = await collectionWith()
    const tokyo = new Scheduler({ dayRule: { rolloverHour: 4, timeZone: 'Asia/Tokyo' } })
    const card = await store.getCard(A)
    const { logId } = await answerCard(store, tokyo, {
      cardId: A,
      revision: card?.revision ?? 0,
      grade: 3,
      now: t0,
      durationMs: 1000,
    })
    expect((await store.getLog(logId))?.zone).toBe('Asia/Tokyo')
    // Counted on UTC dates (no day rule), an answer has no zone to record.
    const plain = await answer(store, questionCard('d', 'b'), 3, t0)
    expect(await store.getLog(plain.logId)).not.toHaveProperty('zone')
  })

  it('caps the answer time at 60 s', async () => {
    const store = await collectionWith()
    const { logId } = await answer(store, A, 3, t0, 10 * 60_000)
    expect((await store.getLog(logId))?.durationMs).toBe(MAX_ANSWER_MS)
  })

  it('gives two answers in the same millisecond distinct log ids', async () => {
    const store = await collectionWith()
    const first = await answer(store, A, 3, t0)
    const second = await answer(store, questionCard('d', 'b'), 3, t0)
    expect(second.logId).toBe(first.logId + 1)
  })

  it('writes nothing when a write in the transaction fails', async () => {
    const store = await collectionWith()
    const before = await store.getCard(A)
    vi.spyOn(store, 'putCard').mockRejectedValueOnce(new Error('disk full'))
    await expect(answer(store, A, 3, t0)).rejects.toThrow('disk full')
    expect(await store.logsSince(0)).toEqual([])
    expect(await store.getCard(A)).toEqual(before)
  })

  it('refuses an answer for a card that changed since it was shown', async () => {
    const store = await collectionWith()
    const shown = await store.getCard(A)
    await answer(store, A, 3, t0)
    const { answerCard } = await import('./answer')
    const { scheduler } = await import('./testing')
    await expect(
      answerCard(store, scheduler, {
        cardId: A,
        revision: shown?.revision ?? -1,
        grade: 3,
        now: t0,
        durationMs: 1,
      }),
    ).rejects.toBeInstanceOf(StaleCardError)
    expect(await store.logsSince(0)).toHaveLength(1)
  })
})

describe('undo', () => {
  it('restores the card exactly, even after an answer two days late', async () => {
    const store = await collectionWith()
    await answer(store, A, 3, t0)
    await answer(store, A, 3, new Date(t0.getTime() + 10 * 60_000))
    const graduated = await store.getCard(A)
    if (!graduated) throw new Error('missing')
    const late = new Date(graduated.due + 2 * DAY)
    const receipt = await answer(store, A, 1, late)
    const restored = await undoAnswer(store, receipt)
    const { revision: _r1, ...state } = restored
    const { revision: _r2, ...expected } = graduated
    expect(state).toEqual(expected)
    expect(await store.getLog(receipt.logId)).toBeUndefined()
  })

  it('goes several steps back, the same card twice included', async () => {
    const store = await collectionWith()
    const fresh = await store.getCard(A)
    const r1 = await answer(store, A, 3, t0)
    const r2 = await answer(store, questionCard('d', 'b'), 4, new Date(t0.getTime() + 1000))
    const r3 = await answer(store, A, 3, new Date(t0.getTime() + 11 * 60_000))
    await undoAnswer(store, r3)
    await undoAnswer(store, r2)
    const back = await undoAnswer(store, r1)
    const { revision: _a, ...state } = back
    const { revision: _b, ...original } = fresh ?? back
    expect(state).toEqual(original)
    expect(await store.logsSince(0)).toEqual([])
  })

  it('refuses, in its own words, to undo an answer that is not its card’s newest, and changes nothing', async () => {
    const store = await collectionWith()
    const r1 = await answer(store, A, 3, t0)
    await answer(store, A, 3, new Date(t0.getTime() + 11 * 60_000))
    const before = await store.getCard(A)
    await expect(undoAnswer(store, r1)).rejects.toThrow(
      /answered again since.*undo that answer first/,
    )
    expect(await store.getCard(A)).toEqual(before)
    expect(await store.logsSince(0)).toHaveLength(2)
  })

  it('says so when the answer is gone from the log', async () => {
    const store = await collectionWith()
    const r1 = await answer(store, A, 3, t0)
    await undoAnswer(store, r1)
    await expect(undoAnswer(store, r1)).rejects.toThrow(/no longer in the review log/)
  })
})
