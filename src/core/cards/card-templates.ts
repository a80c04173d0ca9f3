import type { Deck, Fact } from '../decks/deck-schema'

/**
 * The ways one fact is asked. A card is a (fact, template) pair:
 * - `qa`: question → answer, revealed;
 * - `typed`: figures and dates, the answer is typed and checked;
 * - `reverse`: acronyms, expansion → acronym;
 * - `cloze`: a statement with the key part hidden.
 */
export const TEMPLATES = ['qa', 'typed', 'reverse', 'cloze'] as const
export type Template = (typeof TEMPLATES)[number]

/** A card as the deck defines it; scheduling state lives in storage. */
export interface CardSpec {
  id: string
  deckId: string
  factId: string
  template: Template
  /** The deck's own order, used for new cards. */
  position: number
}

/** What the review screen shows. */
export interface CardFace {
  front: string
  back: string
  /** For cloze cards: the whole statement, shown with the answer. */
  context?: string
  /** `type`: the user types the answer before seeing it. */
  answerMode: 'reveal' | 'type'
  section: readonly string[]
}

/**
 * The card id is derived from deck, fact and template only, so rewording a fact keeps its
 * review history and reloading a deck never duplicates cards.
 */
export function cardId(deckId: string, factId: string, template: Template): string {
  return `${noteId(deckId, factId)}/${template}`
}

/** A fact's id in storage (Anki's note id): its cards' ids extend it. */
export function noteId(deckId: string, factId: string): string {
  return `${deckId}/${factId}`
}

/** Which cards a fact makes: one question (typed for figures and dates), plus reverse and cloze where the fact has them. */
export function templatesFor(fact: Fact): Template[] {
  const t: Template[] = [fact.figure || fact.date ? 'typed' : 'qa']
  if (fact.acronym) t.push('reverse')
  if (fact.cloze) t.push('cloze')
  return t
}

/** Every card of a deck, in study order. */
export function cardsOfDeck(deck: Deck): CardSpec[] {
  let position = 0
  return deck.facts.flatMap((fact) =>
    templatesFor(fact).map((template) => ({
      id: cardId(deck.id, fact.id, template),
      deckId: deck.id,
      factId: fact.id,
      template,
      position: position++,
    })),
  )
}

const CLOZE = /\{\{([^{}]+)\}\}/g

/** The front and back of one card of a fact. */
export function cardFace(fact: Fact, template: Template): CardFace {
  const base = { section: fact.section, answerMode: 'reveal' as const }
  switch (template) {
    case 'reverse':
      if (fact.acronym)
        return { ...base, front: `Acronym for “${fact.acronym.long}”?`, back: fact.acronym.short }
      break
    case 'cloze':
      if (fact.cloze) {
        const hidden = [...fact.cloze.matchAll(CLOZE)].map((m) => m[1] ?? '')
        return {
          ...base,
          front: fact.cloze.replace(CLOZE, '[…]'),
          back: hidden.join(' · '),
          context: fact.cloze.replace(CLOZE, '$1'),
        }
      }
      break
    case 'typed':
      return { ...base, front: fact.prompt, back: fact.answer, answerMode: 'type' }
    case 'qa':
      break
  }
  return { ...base, front: fact.prompt, back: fact.answer }
}
