import { describe, expect, it } from 'vitest'
import { deck, fact } from '../testing/factories'
import { describeProblem, parseDeck, parseDecks } from './parse-deck'

const source = (file: string, value: unknown) => ({ file, text: JSON.stringify(value, null, 2) })

describe('parseDeck', () => {
  it('accepts a valid deck', () => {
    const r = parseDeck(source('ok/deck.json', deck('ok', [fact({ id: 'a' })])))
    expect(r.ok && r.deck.facts.map((f) => f.id)).toEqual(['a'])
  })

  it('names the file, line and field of a schema error', () => {
    const bad = deck('bad', [
      fact({ id: 'a' }),
      { ...fact({ id: 'b' }), prompt: 7 as unknown as string },
    ])
    const r = parseDeck(source('bad/deck.json', bad))
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.problem.file).toBe('bad/deck.json')
    expect(r.problem.reason).toMatch(/^facts\[1\]\.prompt: .*expected string/)
    const text = source('x', bad).text.split('\n')
    expect(text[(r.problem.line ?? 0) - 1]).toContain('"prompt": 7')
    expect(describeProblem(r.problem)).toMatch(/^bad\/deck\.json \(line \d+\): facts\[1\]\.prompt/)
  })

  it('reports broken JSON with its line', () => {
    const r = parseDeck({ file: 'x/deck.json', text: '{\n  "format": 1,\n  "id": "x",\n  oops\n}' })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.problem.reason).toMatch(/not valid JSON/)
      expect(r.problem.line).toBe(4)
    }
  })

  it('refuses duplicate fact ids, naming both places', () => {
    const r = parseDeck(
      source(
        'd/deck.json',
        deck('d', [fact({ id: 'same' }), fact({ id: 'other' }), fact({ id: 'same' })]),
      ),
    )
    expect(!r.ok && r.problem.reason).toBe('facts[2].id: "same" is already used by facts[0]')
  })

  it('refuses unknown fields and malformed ids, dates and clozes', () => {
    const cases: [unknown, RegExp][] = [
      [{ ...fact({ id: 'a' }), extra: 1 }, /unrecognized key/i],
      [fact({ id: 'Not A Slug' }), /facts\[0\]\.id: must be lower-case/],
      [fact({ id: 'a', date: '19 June' }), /facts\[0\]\.date: must be YYYY/],
      [fact({ id: 'a', cloze: 'no marker' }), /facts\[0\]\.cloze: must mark/],
      [fact({ id: 'a', section: [] }), /facts\[0\]\.section: needs at least one heading/],
    ]
    for (const [f, why] of cases) {
      const r = parseDeck(source('d/deck.json', { ...deck('d', []), facts: [f] }))
      expect(!r.ok && r.problem.reason).toMatch(why)
    }
  })
})

describe('parseDecks', () => {
  it('skips a bad file and loads the others', () => {
    const { decks, problems } = parseDecks([
      source('a/deck.json', deck('a', [fact({ id: 'x' })])),
      { file: 'broken/deck.json', text: '{' },
      source('b/deck.json', deck('b', [fact({ id: 'y' })])),
    ])
    expect(decks.map((d) => d.id)).toEqual(['a', 'b'])
    expect(problems.map((p) => p.file)).toEqual(['broken/deck.json'])
  })

  it('refuses a second deck with the same id', () => {
    const { decks, problems } = parseDecks([
      source('a/deck.json', deck('a', [fact({ id: 'x' })])),
      source('copy/deck.json', deck('a', [fact({ id: 'x' })])),
    ])
    expect(decks).toHaveLength(1)
    expect(problems[0]).toEqual({
      file: 'copy/deck.json',
      reason: 'deck id "a" is already used by a/deck.json',
    })
  })
})

describe('hostile and odd deck files', () => {
  const valid = (overrides: Record<string, unknown> = {}) =>
    JSON.stringify({ ...deck('d', [fact({ id: 'a' })]), ...overrides }, null, 2)
  const reason = (text: string) => {
    const r = parseDeck({ file: 'd/deck.json', text })
    return r.ok ? null : r.problem.reason
  }

  it('reports a file nested 10,000 levels deep instead of throwing', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000)
    expect(() => parseDeck({ file: 'deep/deck.json', text: deep })).not.toThrow()
    expect(reason(deep)).toMatch(/nests more than 32 levels deep/)
    // Brackets inside strings do not count.
    expect(reason(valid({ description: '['.repeat(100) }))).toBeNull()
  })

  it('reports a file too large or with too many facts', () => {
    expect(reason(' '.repeat(17 * 1024 * 1024))).toMatch(/may be at most 16 MB/)
    const many = deck(
      'd',
      Array.from({ length: 50_001 }, (_, i) => fact({ id: `f${i}` })),
    )
    expect(reason(JSON.stringify(many))).toMatch(/has 50001 facts; .* at most 50000/)
  })

  it('accepts a byte-order mark', () => {
    expect(reason('\uFEFF' + valid())).toBeNull()
  })

  it('refuses a key given twice, naming it and where', () => {
    const text = '{\n  "format": 1,\n  "id": "d",\n  "id": "e",\n  "name": "D",\n  "facts": []\n}'
    const r = parseDeck({ file: 'd/deck.json', text })
    expect(r.ok ? null : r.problem).toEqual({
      file: 'd/deck.json',
      line: 4,
      reason: 'id: "id" is given twice',
    })
  })

  it('refuses impossible dates, huge figures, broken ordinals and non-https links', () => {
    const withFact = (f: Record<string, unknown>) =>
      JSON.stringify(deck('d', [{ ...fact({ id: 'a' }), ...f } as never]))
    expect(reason(withFact({ date: '2016-99-99' }))).toMatch(/facts\[0\]\.date: is not a real date/)
    expect(reason(withFact({ date: '2019-02-29' }))).toMatch(/is not a real date/)
    expect(reason(withFact({ date: '2020-02-29' }))).toBeNull()
    expect(reason(withFact({ figure: { value: 1e308, unit: 'USD' } }))).toMatch(
      /facts\[0\]\.figure\.value: must be at most/,
    )
    expect(reason(withFact({ figure: { value: -1.5, unit: 'ordinal' } }))).toMatch(
      /facts\[0\]\.figure\.value: an ordinal must be a whole number/,
    )
    expect(reason(valid({ source: { title: 'T', url: 'javascript:alert(1)' } }))).toMatch(
      /source\.url: /,
    )
    expect(reason(valid({ source: { title: 'T', url: 'https://www.mofa.go.jp/' } }))).toBeNull()
  })
})
