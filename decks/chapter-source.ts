import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { ChapterOutline, type Span } from './chapter-outline'
import type { Deck } from '../src/core/decks/deck-schema'
import { parseDeck } from '../src/core/decks/parse-deck'
import { factNumbers } from './source-check'

const root = resolve(import.meta.dirname, '..')
export const CHAPTER_DECK_FILE = resolve(root, 'decks/bluebook-2020-global-security/deck.json')
/** The chapter text lives outside the repository (it must not be copied in). */
export const CHAPTER_SOURCE = resolve(
  root,
  '../shared/source/bluebook-2020-ch3-global-security.txt',
)

export function readChapterDeck(): { deck: Deck; text: string } {
  const text = readFileSync(CHAPTER_DECK_FILE, 'utf8')
  const parsed = parseDeck({ file: 'bluebook-2020-global-security/deck.json', text })
  if (!parsed.ok) throw new Error(`${parsed.problem.file}: ${parsed.problem.reason}`)
  return { deck: parsed.deck, text }
}

export function readChapterSource(): string | null {
  return existsSync(CHAPTER_SOURCE) ? readFileSync(CHAPTER_SOURCE, 'utf8') : null
}

/** The chapter outline, told which "Column:" / "Special Feature:" labels the deck uses. */
export function outlineFor(deck: Deck, source: string): ChapterOutline {
  const labels = new Set(
    deck.facts.flatMap((f) => f.section).filter((l) => /^(Column|Special Feature): /.test(l)),
  )
  return new ChapterOutline(source, [...labels])
}

export interface ResolvedFact {
  id: string
  section: readonly string[]
  span: Span
  numbers: Set<number>
}

/** Each fact with the chapter lines its section covers; unresolved sections are returned as errors. */
export function resolveFacts(
  deck: Deck,
  outline: ChapterOutline,
): { facts: ResolvedFact[]; errors: string[] } {
  const facts: ResolvedFact[] = []
  const errors: string[] = []
  for (const f of deck.facts) {
    const r = outline.resolve(f.section)
    if ('error' in r) errors.push(`${f.id}: ${r.error}`)
    else facts.push({ id: f.id, section: f.section, span: r, numbers: factNumbers(f) })
  }
  return { facts, errors }
}
