import type { Deck, Fact } from '../decks/deck-schema'

/** The ways one fact is asked. A card is a (fact, template) pair. */
export const TEMPLATES = ['qa', 'reverse'] as const
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
  section: readonly string[]
}

/**
 * The card id is derived from deck, fact and template only, so rewording a fact keeps its
 * review history and reloading a deck never duplicates cards.
 */
export function cardId(deckId: string, factId: string, template: Template): string {
  return `${deckId}/${factId}/${template}`
}

/** Which templates a fact makes: every fact a question; acronyms also the reverse direction. */
export function templatesFor(fact: Fact): Template[] {
  return fact.acronym ? ['qa', 'reverse'] : ['qa']
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

/** The front and back of one card of a fact. */
export function cardFace(fact: Fact, template: Template): CardFace {
  if (template === 'reverse' && fact.acronym) {
    return {
      front: `Acronym for “${fact.acronym.long}”?`,
      back: fact.acronym.short,
      section: fact.section,
    }
  }
  return { front: fact.prompt, back: fact.answer, section: fact.section }
}
