import { describe, expect, it } from 'vitest'
import { at, deck, fact } from '../core/testing/factories'
import { statisticsOf } from './statistics'
import { answer, collectionWith, questionCard, settings } from './testing'

describe('statistics of a collection', () => {
  it('counts reviews per study day, streaks, retention, states and the forecast of one deck', async () => {
    const store = await collectionWith(
      deck('d', [fact({ id: 'a' }), fact({ id: 'b' }), fact({ id: 'c' })]),
    )
    await collectionWith() // another collection: nothing leaks between stores
    const day1 = at('2024-06-01T10:00:00Z')
    const day2 = at('2024-06-02T10:00:00Z')
    await answer(store, questionCard('d', 'a'), 3, day1)
    await answer(store, questionCard('d', 'b'), 1, day1)
    await answer(store, questionCard('d', 'a'), 3, day2)
    const now = at('2024-06-02T12:00:00Z')
    const stats = await statisticsOf(store, settings, now, { deckId: 'd', days: 30 })
    expect(stats.reviews).toBe(3)
    expect(stats.perDay.slice(-2).map((d) => d.reviews)).toEqual([2, 1])
    expect(stats.streaks).toEqual({ current: 2, longest: 2 })
    // a graduated on its second Good; b is still learning after Again.
    expect(stats.states).toEqual({
      new: 1,
      learning: 1,
      review: 1,
      relearning: 0,
      suspended: 0,
      buried: 0,
    })
    expect(stats.buttons.learning).toEqual([1, 0, 2, 0])
    expect(stats.retention.desired).toBe(0.9)
    expect(stats.forecast.reduce((n, d) => n + d.due, 0)).toBe(2)
    expect(stats.time.map((t) => t.minutes * 60_000)).toEqual([2 * 4200, 4200])
    // Another deck's scope holds none of these.
    expect((await statisticsOf(store, settings, now, { deckId: 'none' })).reviews).toBe(0)
  })
})
