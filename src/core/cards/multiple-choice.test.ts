import { describe, expect, it } from 'vitest'
import { fact } from '../testing/factories'
import { multipleChoice } from './multiple-choice'

const usd = (id: string, value: number) =>
  fact({ id, answer: String(value), figure: { value, unit: 'USD' } })
const org = (id: string, answer: string) => fact({ id, kind: 'organization', answer })

describe('multipleChoice', () => {
  const pool = [
    usd('pbf', 52_500_000),
    usd('drtc', 15_100_000),
    usd('somalia', 480_000_000),
    usd('afg', 5_300_000),
    usd('gcerf', 4_500_000),
  ]

  it('offers the answer and three other US-dollar amounts from the deck', () => {
    const c = multipleChoice(pool[0] ?? usd('x', 1), pool, 'seed-1')
    expect(c.options).toHaveLength(4)
    expect(c.options[c.correct]).toBe('52.5 million US dollars')
    expect(new Set(c.options).size).toBe(4)
    for (const o of c.options) expect(o).toMatch(/ US dollars$/)
  })

  it('is reproducible for a seed and varies between seeds', () => {
    const target = pool[0] ?? usd('x', 1)
    expect(multipleChoice(target, pool, 's')).toEqual(multipleChoice(target, pool, 's'))
    const orders = new Set(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((s) => multipleChoice(target, pool, s).options.join('|')),
    )
    expect(orders.size).toBeGreaterThan(1)
  })

  it('makes up neighbouring years when the deck has too few dates', () => {
    const f = fact({ id: 'pbc', kind: 'date', answer: '2005', date: '2005' })
    const c = multipleChoice(f, [f], 's')
    expect(c.options[c.correct]).toBe('2005')
    for (const o of c.options) expect(o).toMatch(/^20\d\d$/)
  })

  it('draws other answers of the same kind for names', () => {
    const orgs = [
      org('a', 'UNODC'),
      org('b', 'UNDP'),
      org('c', 'IMO'),
      org('d', 'IOM'),
      fact({ id: 'e', kind: 'person', answer: 'Abe' }),
    ]
    const c = multipleChoice(orgs[0] ?? org('x', 'x'), orgs, 's')
    expect(c.options.sort()).toEqual(['IMO', 'IOM', 'UNDP', 'UNODC'])
  })

  it('prefers distractors shaped like the answer: names against names, concepts against concepts', () => {
    const rel = (id: string, answer: string) => fact({ id, kind: 'relation', answer })
    const pool = [
      rel('a', 'Australia'),
      rel('b', 'India'),
      rel('c', 'the rule of law'),
      rel('d', 'New Zealand'),
      rel('e', 'freedom of navigation'),
      rel('f', 'Indonesia'),
      rel('g', 'peaceful settlement of disputes'),
      rel('h', 'human rights'),
    ]
    for (const seed of ['1', '2', '3', '4']) {
      const country = multipleChoice(pool[0] ?? rel('x', 'x'), pool, seed)
      expect(country.options.sort()).toEqual(['Australia', 'India', 'Indonesia', 'New Zealand'])
      const concept = multipleChoice(pool[2] ?? rel('x', 'x'), pool, seed)
      expect(concept.options.filter((o) => /^[A-Z]/.test(o))).toEqual([])
    }
  })
})
