import type { Deck, Fact, FactKind } from '../decks/deck-schema'
import type { SourceDocument } from './document'
import type { Blank, Proposal } from './proposals'

/** The longest source paragraph a fact carries in its note. */
const MAX_SOURCE = 1200

const KIND_OF_ENTITY: Record<NonNullable<Blank['entity']>, FactKind> = {
  person: 'person',
  organization: 'organization',
  agreement: 'agreement',
  provision: 'agreement',
  event: 'event',
  programme: 'event',
  place: 'relation',
}

function kindOf(b: Blank): FactKind {
  if (b.kind === 'figure') return 'figure'
  if (b.kind === 'date' || b.kind === 'range') return 'date'
  if (b.kind === 'acronym' || b.kind === 'expansion') return 'acronym'
  // A name of no known kind: who or what it is stays the reader's to say.
  return b.entity ? KIND_OF_ENTITY[b.entity] : 'relation'
}

/** A lower-case slug of a name, for a deck id. */
export function slugOf(name: string): string {
  return (
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'generated'
  )
}

/**
 * A deck file (the built-in decks' format, so `cli validate` checks it and the app loads it)
 * from proposals: one fact per blank — its sentence with that blank as the cloze and as a
 * question, the blank's text as the answer, the figure, date or acronym as data where it is
 * one, and the paragraph it came from in the note.
 */
export function deckFromProposals(
  doc: SourceDocument,
  proposals: readonly Proposal[],
  deck: { id?: string; name?: string } = {},
): Deck {
  const name = deck.name ?? (doc.title || 'Generated deck')
  const facts: Fact[] = []
  for (const p of proposals) {
    const block = doc.blocks[p.block]
    const source = block
      ? block.text.length > MAX_SOURCE
        ? `${block.text.slice(0, MAX_SOURCE)}…`
        : block.text
      : p.sentence
    if (p.definition) {
      const term = p.blanks[0]
      facts.push({
        id: `${p.id}-1`,
        section: p.section.length ? [...p.section] : [name],
        kind: term ? kindOf(term) : 'relation',
        prompt: p.definition.question,
        answer: p.definition.answer,
        note: `Source: ${source}`,
      })
      continue
    }
    p.blanks.forEach((b, k) => {
      const before = p.sentence.slice(0, b.start)
      const after = p.sentence.slice(b.end)
      const fact: Fact = {
        id: `${p.id.replace(/^p/, 's')}-${k + 1}`,
        section: p.section.length ? [...p.section] : [name],
        kind: kindOf(b),
        prompt: `${before}_____${after}`,
        answer: b.text,
        cloze: `${before}{{${b.text}}}${after}`,
        note: `Source: ${source}`,
      }
      if (b.figure)
        fact.figure = {
          value: b.figure.value,
          unit: b.figure.ordinal ? 'ordinal' : (b.figure.unit ?? 'count'),
        }
      if (b.date && b.kind === 'date') fact.date = b.date
      if (b.acronym) fact.acronym = { ...b.acronym }
      facts.push(fact)
    })
  }
  return {
    format: 1,
    id: deck.id ?? slugOf(name),
    name,
    description: `Generated from ${doc.title || 'a document'}: ${facts.length} facts to review.`,
    ...(doc.title ? { source: { title: doc.title } } : {}),
    facts,
  }
}
