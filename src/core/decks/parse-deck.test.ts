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
