import { describe, expect, it } from 'vitest'
import { fsrsItems } from './fsrs-items'

const DAY = 86_400_000
const dayOf = (ms: number) => Math.floor(ms / DAY)

describe('optimizer items', () => {
  it('one item per review on a later day, with the days between reviews', () => {
    const items = fsrsItems(
      [
        { cardId: 'a', at: 0, rating: 3 },
        { cardId: 'a', at: 600_000, rating: 3 }, // same day: short-term, no item of its own
        { cardId: 'a', at: 2 * DAY, rating: 1 },
        { cardId: 'a', at: 5 * DAY, rating: 3 },
        { cardId: 'b', at: DAY, rating: 0 }, // manual: left out
        { cardId: 'b', at: DAY, rating: 4 },
      ],
      dayOf,
    )
    expect(items).toEqual([
      [
        { rating: 3, deltaT: 0 },
        { rating: 3, deltaT: 0 },
        { rating: 1, deltaT: 2 },
      ],
      [
        { rating: 3, deltaT: 0 },
        { rating: 3, deltaT: 0 },
        { rating: 1, deltaT: 2 },
        { rating: 3, deltaT: 3 },
      ],
    ])
  })
})
