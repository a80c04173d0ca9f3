import { describe, expect, it } from 'vitest'
import { matchesQuery, type SearchContext, type SearchItem } from './match'
import { parseQuery, type Query } from './query'

const parsed = (input: string): Query => {
  const r = parseQuery(input)
  if (!r.ok) throw new Error(`${r.error.message} at ${r.error.at}`)
  return r.query
}
const error = (input: string) => {
  const r = parseQuery(input)
  return r.ok ? null : r.error
}

const DAY = 86_400_000
const dayStart = Date.parse('2026-03-02T04:00:00Z')
const ctx: SearchContext = {
  now: dayStart + 6 * 3_600_000,
  dayStart,
  dayEnd: dayStart + DAY,
  ratedSince: (days, grade) =>
    new Set(days >= 2 && (grade === null || grade === 1) ? ['lapsed'] : []),
}
const card = (o: Partial<SearchItem> = {}): SearchItem => ({
  cardId: 'c',
  deckName: 'Exam::Treaties',
  noteType: 'Basic (and reversed card)',
  tags: ['un', 'law::sea'],
  text: 'the unclos was signed in 1982 montego bay',
  queue: 2,
  state: 2,
  flag: 0,
  due: dayStart + 3 * 3_600_000,
  scheduledDays: 40,
  reps: 5,
  lapses: 1,
  stability: 41.5,
  difficulty: 6.2,
  addedAt: dayStart - 3 * DAY,
  ...o,
})
const hits = (q: string, item = card()) => matchesQuery(parsed(q), item, ctx)

describe('the search language', () => {
  it('parses words, phrases, negation, or and groups', () => {
    expect(parsed('a "b c" -d')).toEqual({
      kind: 'and',
      items: [
        { kind: 'text', text: 'a' },
        { kind: 'text', text: 'b c' },
        { kind: 'not', item: { kind: 'text', text: 'd' } },
      ],
    })
    expect(parsed('a or b')).toEqual({
      kind: 'or',
      items: [
        { kind: 'text', text: 'a' },
        { kind: 'text', text: 'b' },
      ],
    })
    expect(parsed('-(deck:A or tag:x)')).toMatchObject({ kind: 'not', item: { kind: 'or' } })
    expect(parsed('"or"')).toEqual({ kind: 'text', text: 'or' })
    expect(parsed('deck:"Exam::Law of the Sea"')).toEqual({
      kind: 'deck',
      name: 'Exam::Law of the Sea',
    })
  })

  it('shows errors with their place instead of throwing', () => {
    expect(error('"open')).toEqual({ message: 'a quote is not closed', at: 0 })
    expect(error('(a b')?.message).toBe('a “(” is not closed')
    expect(error('a )')).toEqual({ message: 'a “)” has no “(”', at: 2 })
    expect(error('a or')?.message).toMatch(/or” needs a term/)
    expect(error('is:old')?.message).toMatch(/is: takes new, learn/)
    expect(error('flag:9')?.message).toMatch(/0 to 7/)
    expect(error('prop:ivl>>3')?.message).toMatch(/prop:ivl>30/)
    expect(error('deck:')?.message).toBe('deck: needs a deck name')
    expect(error('colour:red')).toEqual({
      message: expect.stringMatching(/“colour:” is not/),
      at: 0,
    })
    expect(error('added:0')?.message).toMatch(/1 or more/)
    expect(error('rated:3:5')?.message).toMatch(/rated:7:1/)
  })

  it('matches text in any field, phrases and negations', () => {
    expect(hits('UNCLOS')).toBe(true)
    expect(hits('"montego bay"')).toBe(true)
    expect(hits('"bay montego"')).toBe(false)
    expect(hits('unclos -1982')).toBe(false)
  })

  it('matches decks and tags with their children and wildcards', () => {
    expect(hits('deck:exam')).toBe(true)
    expect(hits('deck:Exam::Treaties')).toBe(true)
    expect(hits('deck:Exa')).toBe(false)
    expect(hits('deck:Ex*')).toBe(true)
    expect(hits('tag:law')).toBe(true)
    expect(hits('tag:sea')).toBe(false)
    expect(hits('tag:la*::sea')).toBe(true)
  })

  it('matches a note type by its whole name, in any case, quoted when it has spaces', () => {
    expect(hits('note:"basic (and reversed card)"')).toBe(true)
    expect(hits('note:Basic')).toBe(false)
    expect(hits('-note:Cloze')).toBe(true)
    expect(parseQuery('note:')).toMatchObject({ ok: false })
  })

  it('matches states, flags and properties', () => {
    expect(hits('is:review is:due')).toBe(true)
    expect(hits('is:due', card({ due: dayStart + 2 * DAY }))).toBe(false)
    expect(hits('is:new', card({ queue: 0, state: 0 }))).toBe(true)
    expect(hits('is:suspended', card({ queue: -2 }))).toBe(true)
    expect(hits('is:buried', card({ queue: -3 }))).toBe(true)
    expect(hits('is:leech', card({ tags: ['Leech'] }))).toBe(true)
    expect(hits('flag:1', card({ flag: 1 }))).toBe(true)
    expect(hits('flag:0')).toBe(true)
    expect(hits('prop:ivl>30 prop:lapses=1 prop:reps<=5 prop:d<7 prop:s>=41.5')).toBe(true)
    expect(hits('prop:due=0')).toBe(true)
    expect(hits('prop:due=1', card({ due: dayStart + DAY + 60_000 }))).toBe(true)
    expect(hits('prop:ivl>1', card({ queue: 0, state: 0 }))).toBe(false)
  })

  it('matches when cards were added and answered', () => {
    expect(hits('added:3')).toBe(false)
    expect(hits('added:4')).toBe(true)
    expect(hits('rated:2', card({ cardId: 'lapsed' }))).toBe(true)
    expect(hits('rated:2:1', card({ cardId: 'lapsed' }))).toBe(true)
    expect(hits('rated:2')).toBe(false)
  })

  it('an empty search matches everything', () => {
    expect(hits('')).toBe(true)
  })
})
