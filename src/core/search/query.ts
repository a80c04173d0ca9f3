/**
 * The card browser's search language, Anki's in small: words and "phrases" match any field;
 * `-` negates; terms are all required unless joined by `or`; parentheses group; and
 * `deck:`, `note:` (the note type), `tag:`, `is:`, `flag:`, `prop:`, `added:` and `rated:` filter
 * (https://docs.ankiweb.net/searching.html). A malformed query is an error with its place,
 * never an exception.
 */

export type Term =
  | { kind: 'text'; text: string }
  | { kind: 'deck'; name: string }
  | { kind: 'note'; name: string }
  | { kind: 'tag'; tag: string }
  | { kind: 'is'; what: IsWhat }
  | { kind: 'flag'; flag: number }
  | { kind: 'prop'; prop: Prop; op: Op; value: number }
  | { kind: 'added'; days: number }
  | { kind: 'rated'; days: number; grade: number | null }

export type Query =
  | Term
  | { kind: 'and'; items: Query[] }
  | { kind: 'or'; items: Query[] }
  | { kind: 'not'; item: Query }

export const IS_VALUES = ['new', 'learn', 'review', 'due', 'suspended', 'buried', 'leech'] as const
export type IsWhat = (typeof IS_VALUES)[number]
export const PROPS = ['ivl', 'due', 'reps', 'lapses', 's', 'd'] as const
export type Prop = (typeof PROPS)[number]
export type Op = '=' | '!=' | '<' | '<=' | '>' | '>='

export type ParsedQuery =
  { ok: true; query: Query } | { ok: false; error: { message: string; at: number } }

class QueryError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message)
  }
}

interface Token {
  kind: 'word' | 'open' | 'close'
  text: string
  /** Whether (part of) the word was quoted: `or` in quotes is a word, not the operator. */
  quoted: boolean
  negated: boolean
  at: number
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < input.length) {
    const c = input[i] ?? ''
    if (/\s/.test(c)) {
      i++
      continue
    }
    const at = i
    let negated = false
    if (c === '-' && i + 1 < input.length && !/\s/.test(input[i + 1] ?? '')) {
      negated = true
      i++
    }
    if (input[i] === '(' || input[i] === ')') {
      if (negated && input[i] === ')') throw new QueryError('“-” must come before a term', at)
      tokens.push({
        kind: input[i] === '(' ? 'open' : 'close',
        text: input[i] ?? '',
        quoted: false,
        negated,
        at,
      })
      i++
      continue
    }
    let text = ''
    let quoted = false
    while (
      i < input.length &&
      !/\s/.test(input[i] ?? '') &&
      input[i] !== ')' &&
      !(input[i] === '(' && text === '')
    ) {
      if (input[i] === '"') {
        const end = input.indexOf('"', i + 1)
        if (end < 0) throw new QueryError('a quote is not closed', i)
        text += input.slice(i + 1, end)
        quoted = true
        i = end + 1
      } else text += input[i++]
    }
    tokens.push({ kind: 'word', text, quoted, negated, at })
  }
  return tokens
}

const NUMBER = /^-?\d+(?:\.\d+)?$/

function term(t: Token): Query {
  const colon = t.quoted && !t.text.includes(':') ? -1 : t.text.indexOf(':')
  const key = colon > 0 ? t.text.slice(0, colon).toLowerCase() : ''
  const value = colon > 0 ? t.text.slice(colon + 1) : t.text
  const need = (what: string) => {
    if (!value) throw new QueryError(`${key}: needs ${what}`, t.at)
  }
  switch (key) {
    case '':
      return { kind: 'text', text: t.text }
    case 'deck':
      need('a deck name')
      return { kind: 'deck', name: value }
    case 'note':
      need('a note type name')
      return { kind: 'note', name: value }
    case 'tag':
      need('a tag')
      return { kind: 'tag', tag: value }
    case 'is': {
      const what = value.toLowerCase()
      if (!(IS_VALUES as readonly string[]).includes(what))
        throw new QueryError(`is: takes ${IS_VALUES.join(', ')}`, t.at)
      return { kind: 'is', what: what as IsWhat }
    }
    case 'flag': {
      const flag = Number(value)
      if (!/^[0-7]$/.test(value)) throw new QueryError('flag: takes a number from 0 to 7', t.at)
      return { kind: 'flag', flag }
    }
    case 'prop': {
      const m = /^([a-z]+)(!=|<=|>=|=|<|>)(.+)$/.exec(value.toLowerCase())
      if (!m || !(PROPS as readonly string[]).includes(m[1] ?? '') || !NUMBER.test(m[3] ?? ''))
        throw new QueryError(`prop: looks like prop:ivl>30, with ${PROPS.join(', ')}`, t.at)
      return { kind: 'prop', prop: m[1] as Prop, op: m[2] as Op, value: Number(m[3]) }
    }
    case 'added': {
      if (!/^\d+$/.test(value) || Number(value) < 1)
        throw new QueryError('added: takes a number of days, 1 or more', t.at)
      return { kind: 'added', days: Number(value) }
    }
    case 'rated': {
      const m = /^(\d+)(?::([1-4]))?$/.exec(value)
      if (!m || Number(m[1]) < 1)
        throw new QueryError(
          'rated: takes a number of days, and maybe a grade: rated:7 or rated:7:1',
          t.at,
        )
      return { kind: 'rated', days: Number(m[1]), grade: m[2] ? Number(m[2]) : null }
    }
    default:
      throw new QueryError(
        `“${key}:” is not a search term; try deck:, note:, tag:, is:, flag:, prop:, added: or rated:`,
        t.at,
      )
  }
}

/** Parses a search; an empty one matches everything. */
export function parseQuery(input: string): ParsedQuery {
  try {
    const tokens = tokenize(input)
    let i = 0
    const group = (closing: boolean): Query => {
      const alternatives: Query[][] = [[]]
      for (;;) {
        const t = tokens[i]
        if (!t) {
          if (closing) throw new QueryError('a “(” is not closed', input.length)
          break
        }
        if (t.kind === 'close') {
          if (!closing) throw new QueryError('a “)” has no “(”', t.at)
          i++
          break
        }
        i++
        if (t.kind === 'word' && !t.quoted && !t.negated && t.text.toLowerCase() === 'or') {
          const current = alternatives.at(-1) ?? []
          if (current.length === 0 || !tokens[i] || tokens[i]?.kind === 'close')
            throw new QueryError('“or” needs a term on each side', t.at)
          alternatives.push([])
          continue
        }
        const item = t.kind === 'open' ? group(true) : term(t)
        ;(alternatives.at(-1) ?? []).push(t.negated ? { kind: 'not', item } : item)
      }
      const ands = alternatives.map((items): Query =>
        items.length === 1 ? (items[0] as Query) : { kind: 'and', items },
      )
      return ands.length === 1 ? (ands[0] as Query) : { kind: 'or', items: ands }
    }
    return { ok: true, query: group(false) }
  } catch (e) {
    if (e instanceof QueryError) return { ok: false, error: { message: e.message, at: e.at } }
    throw e
  }
}
