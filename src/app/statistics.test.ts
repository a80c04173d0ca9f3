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

  it("counts a deck's whole life when asked, where the last year shows none of an older history", async () => {
    const store = await collectionWith(deck('d', [fact({ id: 'a' }), fact({ id: 'b' })]))
    await answer(store, questionCard('d', 'a'), 3, at('2021-03-01T10:00:00Z'))
    await answer(store, questionCard('d', 'b'), 3, at('2021-03-02T10:00:00Z'))
    await answer(store, questionCard('d', 'a'), 3, at('2021-03-04T10:00:00Z'))
    const now = at('2024-06-02T12:00:00Z')
    const year = await statisticsOf(store, settings, now, { deckId: 'd' })
    expect(year.reviews).toBe(0)
    expect(year.perDay).toHaveLength(365)
    expect(year.streaks).toEqual({ current: 0, longest: 0 })

    const life = await statisticsOf(store, settings, now, { deckId: 'd', days: 'life' })
    expect(life.reviews).toBe(3)
    // Every day from the first review to today, the first one studied.
    expect(life.perDay[0]).toEqual({ day: life.first, reviews: 1 })
    expect(life.perDay.at(-1)?.day).toBe(life.today)
    expect(life.perDay).toHaveLength(life.today - life.first + 1)
    expect(life.streaks).toEqual({ current: 0, longest: 2 })
    expect(life.buttons.learning.reduce((n, k) => n + k, 0)).toBe(3)

    // Nothing studied yet: the whole life is today alone.
    const empty = await statisticsOf(
      await collectionWith(deck('e', [fact({ id: 'z' })])),
      settings,
      now,
      {
        days: 'life',
      },
    )
    expect(empty.perDay).toEqual([{ day: empty.today, reviews: 0 }])
  })
})
