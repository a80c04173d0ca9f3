import type { Deck, Fact } from '../src/core/decks/deck-schema'
import { documentFromText } from '../src/core/generate/document'
import { proposeCards, type Blank } from '../src/core/generate/proposals'

/**
 * The generator measured against the human-made deck (issue 24): of the deck's facts, how
 * many the generator blanks (the same figure, date, acronym or name), and of its proposals,
 * how many blank nothing the deck asks.
 */
export interface DeckCoverage {
  facts: number
  blanked: number
  byKind: Record<string, { facts: number; blanked: number }>
  proposals: number
  /** Proposals none of whose blanks is a fact of the deck. */
  unmatched: number
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/^the\s+/, '')
    .replace(/\s+/g, ' ')
    .trim()

/** Whether a blank asks what a fact asks. */
function sameFact(b: Blank, f: Fact): boolean {
  if (f.figure && b.figure) return b.figure.value === f.figure.value
  if (f.date && b.date) return b.date === f.date
  const said = norm(b.text)
  if (f.acronym) return said === norm(f.acronym.short) || said === norm(f.acronym.long)
  const answer = norm(f.answer)
  // The deck names a person with their office ("Prime Minister Abe"); the generator blanks
  // the name and leaves the office in view.
  if (f.kind === 'person')
    return answer === said || answer.endsWith(` ${said}`) || answer.startsWith(`${said},`)
  return said === answer
}

export function generatorAgainstDeck(deck: Deck, chapter: string): DeckCoverage {
  const proposals = proposeCards(documentFromText(chapter))
  const blanks = proposals.flatMap((p) => p.blanks)
  const byKind: DeckCoverage['byKind'] = {}
  let blanked = 0
  for (const f of deck.facts) {
    const hit = blanks.some((b) => sameFact(b, f))
    const row = (byKind[f.kind] ??= { facts: 0, blanked: 0 })
    row.facts++
    if (hit) {
      row.blanked++
      blanked++
    }
  }
  const unmatched = proposals.filter(
    (p) => !p.blanks.some((b) => deck.facts.some((f) => sameFact(b, f))),
  ).length
  return { facts: deck.facts.length, blanked, byKind, proposals: proposals.length, unmatched }
}
