import { describe, expect, it } from 'vitest'
import { DAY_MS } from '../core/units'
import { answerCard, undoAnswer } from './answer'
import { changeCard, unburyCards } from './card-actions'
import type { Collection } from './collection-writes'
import { nextCard } from './next-card'
import { collectionWith, scheduler, settings, t0 } from './testing'

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
