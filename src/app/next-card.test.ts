import { describe, expect, it, vi } from 'vitest'
import { deck, fact } from '../core/testing/factories'
import { DAY_MS } from '../core/units'
import { answerCard, undoAnswer, type AnswerReceipt } from './answer'
import { Queue } from './collection'
import { MemoryStore } from './memory-store'
import type { KeptQueue } from './study-queue'
import { changeCard, unburyCards } from './card-actions'
import type { Collection } from './collection-writes'
import { nextCard } from './next-card'
import {
  answer,
  collectionWith,
  keptSession,
  pastLimitsDeck,
  questionCard,
  scheduler,
  settings,
  t0,
} from './testing'
import { memoryCollection } from './collection-writes'

const scope = { deckId: 'd', section: null }
const next = (store: Collection, now: Date, preferId?: string) =>
  nextCard(store, scheduler, { scope, settings, now, ...(preferId ? { preferId } : {}) })

async function grade(store: Collection, now: Date, g: 1 | 2 | 3 | 4) {
  const shown = await next(store, now)
  if (!shown.view) throw new Error('nothing to study')
  const { card } = shown.view
  return answerCard(store, scheduler, {
    cardId: card.id,
    revision: card.revision,
    grade: g,
    now,
    durationMs: 3000,
  })
}

describe('a study session driven through the use cases alone', () => {
  it('answers, undoes, buries and rolls over to the next day', async () => {
    const store = await collectionWith()
    const first = await next(store, t0)
    expect(first.counts).toEqual({ learning: 0, review: 0, new: 3 })
    expect(first.view?.face.front).toBeTruthy()
    // The four labels the buttons show: Again and Good on a new card are learning steps.
    expect(first.intervals).toEqual({ 1: '1m', 2: '6m', 3: '10m', 4: expect.stringMatching(/d$/) })

    // Good: the card goes to learning, the next new card is shown.
    const a = await grade(store, t0, 3)
    const second = await next(store, new Date(t0.getTime() + 1000))
    expect(second.counts).toEqual({ learning: 1, review: 0, new: 2 })
    expect(second.view?.card.id).not.toBe(a.cardId)

    // Undo: the card is new again and shown again.
    await undoAnswer(store, a)
    const back = await next(store, new Date(t0.getTime() + 2000), a.cardId)
    expect(back.view?.card.id).toBe(a.cardId)
    expect(back.counts).toEqual({ learning: 0, review: 0, new: 3 })

    // Bury the shown card: it leaves today's queue.
    const shown = back.view
    if (!shown) throw new Error('no card')
    const dayEnd = back.dayEnd
    await changeCard(store, shown.card.id, shown.card.revision, { kind: 'bury' }, dayEnd)
    const afterBury = await next(store, new Date(t0.getTime() + 3000))
    expect(afterBury.counts).toEqual({ learning: 0, review: 0, new: 2 })
    expect(afterBury.view?.card.id).not.toBe(shown.card.id)

    // Easy on the two others: nothing is left today, and the screen says when there will be.
    const late = new Date(t0.getTime() + 4000)
    await grade(store, late, 4)
    await grade(store, late, 4)
    const done = await next(store, late)
    expect(done.view).toBeNull()
    expect(done.intervals).toBeNull()
    expect(done.counts).toEqual({ learning: 0, review: 0, new: 0 })
    expect(done.nextAt).toBeGreaterThan(late.getTime())

    // The next study day: the buried card is back, new again.
    const tomorrow = new Date(dayEnd + 1000)
    await unburyCards(store, tomorrow)
    const nextDay = await next(store, tomorrow)
    expect(nextDay.counts.new).toBe(1)
    expect(nextDay.view?.card.id).toBe(shown.card.id)
    expect(nextDay.dayEnd).toBe(dayEnd + DAY_MS)
  })
})

describe("a session's kept index reads", () => {
  it('equals counting them afresh through answers, undo, suspend, bury and time passing', async () => {
    // Counting learning cards walks the index: a session counts them once and then brings the
    // count forward. (The spy comes first: the collection binds its reads as it is made.)
    const listed = vi.spyOn(MemoryStore.prototype, 'queueIds')
    const facts = Array.from({ length: 130 }, (_, i) => fact({ id: `f${i}` }))
    const store = await collectionWith(deck('d', facts))
    // 120 cards into learning: more than the queue lists (50 of those due now, 50 due soon).
    for (let i = 0; i < 120; i++)
      await answer(store, questionCard('d', `f${i}`), 1, new Date(t0.getTime() + i * 100))
    const fullCounts = () =>
      listed.mock.calls.filter(([r]) => r.queue === Queue.Learning && r.limit === undefined).length
    let now = t0.getTime() + 10_000
    let kept: KeptQueue | null = null
    const undo: AnswerReceipt[] = []
    let sessionCounted = 0
    const session = async () => {
      const before = fullCounts()
      const shown = await nextCard(store, scheduler, {
        scope,
        settings,
        now: new Date(now),
        kept,
      })
      sessionCounted += fullCounts() - before
      const fresh = await nextCard(store, scheduler, { scope, settings, now: new Date(now) })
      expect(shown.counts, `at +${now - t0.getTime()} ms`).toEqual(fresh.counts)
      expect(shown.view?.card.id).toBe(fresh.view?.card.id)
      kept = shown.kept
      return shown
    }
    const first = await session()
    expect(first.counts.learning).toBe(120)
    for (let step = 0; step < 40; step++) {
      now += 60_000
      const shown = (await session()).view
      if (!shown) break
      const { card } = shown
      if (step % 10 === 3) {
        await changeCard(store, card.id, card.revision, { kind: 'suspend' }, first.dayEnd)
      } else if (step % 10 === 6) {
        await changeCard(store, card.id, card.revision, { kind: 'bury' }, first.dayEnd)
      } else if (step % 10 === 8 && undo.length) {
        const last = undo.pop()
        if (last) await undoAnswer(store, last)
      } else {
        const grade = ([1, 3, 4, 2] as const)[step % 4] ?? 3
        undo.push(
          await answerCard(store, scheduler, {
            cardId: card.id,
            revision: card.revision,
            grade,
            now: new Date(now),
            durationMs: 2000,
          }),
        )
      }
    }
    // The session counted once, at its start, and brought its count forward after.
    expect(sessionCounted).toBe(1)
    // Back before the first count (a clock set back): counted afresh, and still right.
    now = t0.getTime() + 5_000
    await session()
    expect(sessionCounted).toBe(2)
  })

  it('equal reading the review and new cards afresh, past their limits, through a session', async () => {
    const listed = vi.spyOn(MemoryStore.prototype, 'queueIds')
    // (The in-memory store's `firstByDue` lists one id from a range's middle: not counted.)
    const listReads = () =>
      listed.mock.calls.filter(
        ([r]) => (r.queue === Queue.Review || r.queue === Queue.New) && r.from === -Infinity,
      ).length
    const reads: number[] = []
    const { differences, first, undone } = await keptSession(
      memoryCollection(),
      80,
      async (read) => {
        const before = listReads()
        const shown = await read()
        reads.push(listReads() - before)
        return shown
      },
    )
    expect(differences).toEqual([])
    expect(first.counts).toEqual({ learning: 0, review: 30, new: 20 })
    // Read at the start, then again only when an undone card came back into a list.
    expect(reads[0]).toBeGreaterThan(0)
    expect(undone).toBeGreaterThan(0)
    expect(reads.slice(1).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2 * undone)
  })

  it('are read again after the collection is replaced (a restore clears every table)', async () => {
    const store = memoryCollection()
    const { settings: limits, day } = await pastLimitsDeck(store)
    const now = new Date(day)
    const first = await nextCard(store, scheduler, { scope, settings: limits, now })
    expect(first.counts).toEqual({ learning: 0, review: 30, new: 20 })
    await store.clearAll()
    const after = await nextCard(store, scheduler, {
      scope,
      settings: limits,
      now,
      kept: first.kept,
    })
    expect(after.counts).toEqual({ learning: 0, review: 0, new: 0 })
    expect(after.view).toBeNull()
  })
})
