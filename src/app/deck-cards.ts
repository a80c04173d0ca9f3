import { isInCollection, type CardRow, type DeckRow } from './collection'
import { deckAndChildren } from './deck-tree'
import type { Collection } from './collection-writes'

/**
 * The cards in the collection (not retired, not in the trash) of a deck and the decks inside
 * it, or of every deck not in the trash: one index range per deck, no note read.
 */
export async function cardsInDecks(store: Collection, deckId?: string): Promise<CardRow[]> {
  return cardsOfDecks(store, decksInScope(await store.listDecks(), deckId))
}

/** A deck and the decks inside it, or every deck not in the trash. */
export const decksInScope = (decks: readonly DeckRow[], deckId?: string) =>
  deckId ? deckAndChildren(decks, deckId) : decks.filter((d) => d.deletedAt === undefined)

/** The cards in the collection of the given decks (each deck alone, not its children). */
export async function cardsOfDecks(
  store: Collection,
  decks: readonly Pick<DeckRow, 'id'>[],
): Promise<CardRow[]> {
  const cards = await Promise.all(decks.map((d) => store.sectionCards(d.id, '')))
  return cards.flat().filter(isInCollection)
}
