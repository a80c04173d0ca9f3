import { findNodeAtLocation, parseTree } from 'jsonc-parser'
import { firstJsonError } from '../formats/json-syntax'
import type { z } from 'zod'
import { deckSchema, type Deck } from './deck-schema'
import { DECK_LIMITS, duplicateKey, tooDeepAt } from './deck-text'

/** A deck file as read from disk or bundled: its name (for messages) and its text. */
export interface DeckSource {
  file: string
  text: string
}

/** A problem with one deck file, worded for the user: which file, where, and why. */
export interface DeckProblem {
  file: string
  line?: number
  reason: string
}

export type DeckParseResult = { ok: true; deck: Deck } | { ok: false; problem: DeckProblem }

/** Parses and validates one deck file; never throws, whatever the text. */
export function parseDeck(source: DeckSource): DeckParseResult {
  try {
    return parseDeckText(source)
  } catch (e) {
    // A limit below should prevent this; it is the promise "never throws" kept anyway.
    return fail(
      source,
      undefined,
      `could not be read (${e instanceof Error ? e.message : String(e)})`,
    )
  }
}

function parseDeckText(original: DeckSource): DeckParseResult {
  // A byte-order mark is not part of the JSON; editors on Windows add one.
  const source = original.text.startsWith('\uFEFF')
    ? { ...original, text: original.text.slice(1) }
    : original
  if (source.text.length > DECK_LIMITS.maxChars)
    return fail(
      source,
      undefined,
      `is ${(source.text.length / 1024 / 1024).toFixed(1)} MB; a deck file may be at most ${DECK_LIMITS.maxChars / 1024 / 1024} MB`,
    )
  const deep = tooDeepAt(source.text, DECK_LIMITS.maxDepth)
  if (deep !== null)
    return fail(
      source,
      deep,
      `nests more than ${DECK_LIMITS.maxDepth} levels deep; a deck file needs only a few`,
    )
  // The fast path is plain JSON.parse; the located syntax tree is built only to say where a
  // problem is (measured: the tree made loading the chapter deck ~20× slower than JSON.parse).
  let data: unknown
  try {
    data = JSON.parse(source.text)
  } catch {
    const first = firstJsonError(source.text)
    return fail(source, first?.offset ?? 0, `not valid JSON (${first?.reason ?? 'an empty file'})`)
  }
  const twice = duplicateKey(source.text)
  if (twice)
    return fail(source, twice.offset, `${formatPath(twice.path)}: "${twice.key}" is given twice`)
  const facts = (data as { facts?: unknown } | null)?.facts
  if (Array.isArray(facts) && facts.length > DECK_LIMITS.maxFacts)
    return fail(
      source,
      undefined,
      `has ${facts.length} facts; a deck file may have at most ${DECK_LIMITS.maxFacts}`,
    )
  const parsed = deckSchema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue
    const path = issue.path as (string | number)[]
    return fail(
      source,
      offsetOf(source.text, path),
      `${formatPath(issue.path)}: ${issueText(issue.message)}`,
    )
  }
  const seen = new Map<string, number>()
  for (const [i, fact] of parsed.data.facts.entries()) {
    const first = seen.get(fact.id)
    if (first !== undefined) {
      return fail(
        source,
        offsetOf(source.text, ['facts', i, 'id']),
        `facts[${i}].id: "${fact.id}" is already used by facts[${first}]`,
      )
    }
    seen.set(fact.id, i)
  }
  return { ok: true, deck: parsed.data }
}

/** Where a JSON path sits in the text; a missing field points at its nearest enclosing node. */
function offsetOf(text: string, path: (string | number)[]): number | undefined {
  const tree = parseTree(text)
  if (!tree) return undefined
  for (let depth = path.length; depth >= 0; depth--) {
    const node = findNodeAtLocation(tree, path.slice(0, depth))
    if (node) return node.offset
  }
  return undefined
}

/** Parses every file; a bad file is reported and skipped, the others still load. */
export function parseDecks(sources: readonly DeckSource[]): {
  decks: Deck[]
  problems: DeckProblem[]
} {
  const decks: Deck[] = []
  const problems: DeckProblem[] = []
  const owner = new Map<string, string>()
  for (const source of sources) {
    const r = parseDeck(source)
    if (!r.ok) {
      problems.push(r.problem)
      continue
    }
    const other = owner.get(r.deck.id)
    if (other) {
      problems.push({
        file: source.file,
        reason: `deck id "${r.deck.id}" is already used by ${other}`,
      })
      continue
    }
    owner.set(r.deck.id, source.file)
    decks.push(r.deck)
  }
  return { decks, problems }
}

/** "file (line 3): reason" — the one-line form used in lists and logs. */
export function describeProblem(p: DeckProblem): string {
  return `${p.file}${p.line ? ` (line ${p.line})` : ''}: ${p.reason}`
}

function fail(source: DeckSource, offset: number | undefined, reason: string): DeckParseResult {
  const problem: DeckProblem = { file: source.file, reason }
  if (offset !== undefined) problem.line = lineAt(source.text, offset)
  return { ok: false, problem }
}

/** A zod issue in the user's words: a missing value "is required". */
export function issueText(message: string): string {
  const missing = /^Invalid input: expected (\w+), received undefined$/.exec(message)
  return missing ? `is required (${missing[1]})` : message
}

function lineAt(text: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++
  return line
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)'
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('')
}
