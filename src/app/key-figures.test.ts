import { describe, expect, it } from 'vitest'
import { deck, fact } from '../core/testing/factories'
import { keyFigures } from './key-figures'
import { cardIdOf } from './collection'
import { answer, collectionWith, settings, t0 } from './testing'

describe('key figures', () => {
  it('lists every figure and date of a deck with its recall, and marks the ones missed', async () => {
    const store = await collectionWith(
      deck('d', [
        fact({
          id: 'budget',
          prompt: 'How much did Japan give?',
          answer: '5.3 million US dollars',
          figure: { value: 5_300_000, unit: 'USD' },
        }),
        fact({
          id: 'aoip',
          kind: 'date',
          prompt: 'When was the AOIP announced?',
          answer: 'June 2019',
          date: '2019-06',
        }),
        fact({ id: 'who', kind: 'person', prompt: 'Who?', answer: 'Someone' }),
      ]),
    )
    await answer(store, cardIdOf('d/budget', 1), 1, t0)
    await answer(store, cardIdOf('d/aoip', 1), 4, t0)
    const rows = await keyFigures(store, 'd', settings, new Date(t0.getTime() + 60_000))
    expect(rows.map((r) => [r.what, r.value, r.kind, r.sortValue, r.missed])).toEqual([
      ['How much did Japan give?', '5.3 million US dollars', 'figure', 5_300_000, true],
      ['When was the AOIP announced?', 'June 2019', 'date', '2019-06', false],
    ])
    expect(rows[1]?.recall).toBeGreaterThan(0.9)
  })
})
