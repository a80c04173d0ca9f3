import { describe, expect, it } from 'vitest'
import { deck, fact } from '../core/testing/factories'
import { DEFAULT_LEECH, isLeechAt, undoAnswer } from './answer'
import { changeCard, undoCardChange, unburyCards } from './card-actions'
import { Queue } from './collection'
import { studyDayAt, studyQueue } from './study-queue'
import { answer, collectionWith, questionCard, settings, t0 } from './testing'

const A = questionCard('d', 'a')
const B = questionCard('d', 'b')
const DAY = 86_400_000
const scope = { deckId: 'd', section: null }
const order = async (store: Awaited<ReturnType<typeof collectionWith>>, now = t0) =>
  (await studyQueue(store, scope, settings, now)).order

describe('bury, suspend and flag', () => {
  it('a buried card is gone for today and back on the next study day', async () => {
    const store = await collectionWith()
    const dayEnd = studyDayAt(settings, t0).end.getTime()
    await changeCard(store, A, 0, { kind: 'bury' }, dayEnd)
    expect(await order(store)).not.toContain(A)
    expect(await unburyCards(store, t0)).toBe(0)
    const tomorrow = new Date(t0.getTime() + DAY)
    expect(await unburyCards(store, tomorrow)).toBe(1)
    expect(await order(store, tomorrow)).toContain(A)
  })

  it('a suspended card stays out of the queue until unsuspended, and undo puts it back', async () => {
    const store = await collectionWith()
    const change = await changeCard(store, A, 0, { kind: 'suspend' }, 0)
    expect(await order(store, new Date(t0.getTime() + 9 * DAY))).not.toContain(A)
    await undoCardChange(store, change)
    expect(await order(store)).toContain(A)
    const again = await changeCard(store, B, 0, { kind: 'suspend' }, 0)
    await changeCard(store, B, again.after.revision, { kind: 'unsuspend' }, 0)
    expect((await store.getCard(B))?.queue).toBe(Queue.New)
  })

  it('flags toggle, and a stale screen cannot change a card', async () => {
    const store = await collectionWith()
    const red = await changeCard(store, A, 0, { kind: 'flag', flag: 1 }, 0)
    expect(red.after.flag).toBe(1)
    const cleared = await changeCard(store, A, red.after.revision, { kind: 'flag', flag: 1 }, 0)
    expect(cleared.after.flag).toBe(0)
    await expect(changeCard(store, A, 0, { kind: 'flag', flag: 2 }, 0)).rejects.toThrow(
      /changed since it was shown/,
    )
  })
})

describe('leeches', () => {
  it('are flagged at the threshold and every half of it after', () => {
    expect([7, 8, 9, 11, 12, 16].map((n) => isLeechAt(n, 8))).toEqual([
      false,
      true,
      false,
      false,
      true,
      true,
    ])
  })

  it('a card forgotten for the eighth time is tagged, suspended when the rule says, and undo reverts both', async () => {
    const store = await collectionWith(deck('d', [fact({ id: 'a' })]))
    let now = t0
    // Graduate, then lapse eight times (Again on a review card), relearning in between.
    await answer(store, A, 4, now)
    let last
    for (let lapse = 1; lapse <= 8; lapse++) {
      const due = (await store.getCard(A))?.due ?? 0
      now = new Date(Math.max(now.getTime(), due) + 1000)
      const card = await store.getCard(A)
      const { answerCard } = await import('./answer')
      const { scheduler } = await import('./testing')
      last = await answerCard(store, scheduler, {
        cardId: A,
        revision: card?.revision ?? 0,
        grade: 1,
        now,
        durationMs: 1000,
        leech: { ...DEFAULT_LEECH, action: 'suspend' },
      })
      if (lapse < 8) {
        expect(last.leech).toBeNull()
        const relearn = await store.getCard(A)
        now = new Date(Math.max(now.getTime(), relearn?.due ?? 0) + 1000)
        await answer(store, A, 4, now)
      }
    }
    expect(last?.leech).toBe('suspend')
    expect((await store.getNote('d/a'))?.tags).toContain('leech')
    expect((await store.getCard(A))?.queue).toBe(Queue.Suspended)
    if (!last) throw new Error('no answer')
    await undoAnswer(store, last)
    expect((await store.getNote('d/a'))?.tags).not.toContain('leech')
    expect((await store.getCard(A))?.queue).toBe(Queue.Review)
  })
})
