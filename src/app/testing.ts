import type { Deck } from '../core/decks/deck-schema'
import { Scheduler } from '../core/scheduling/scheduler'
import { at, deck, fact } from '../core/testing/factories'
import { answerCard } from './answer'
import { cardIdOf } from './collection'
import { syncBuiltInDeck } from './deck-sync'
import { MemoryStore } from './memory-store'
import { DEFAULT_SETTINGS } from './settings'

/** Test helpers in domain words, over the in-memory store. */
export const scheduler = new Scheduler()
export const t0 = at('2024-06-01T10:00:00Z')
export const settings = DEFAULT_SETTINGS

/** A collection holding `d` (by default one deck of three question facts). */
export async function collectionWith(
  d: Deck = deck('d', [fact({ id: 'a' }), fact({ id: 'b' }), fact({ id: 'c' })]),
) {
  const store = new MemoryStore()
  await syncBuiltInDeck(store, d, scheduler, t0)
  return store
}

/** The question card of fact `factId` in deck `deckId`. */
export const questionCard = (deckId: string, factId: string) => cardIdOf(`${deckId}/${factId}`, 0)

/** Answers a card as the screen shows it now (its current revision). */
export async function answer(
  store: MemoryStore,
  cardId: string,
  grade: 1 | 2 | 3 | 4,
  now: Date,
  durationMs = 4200,
) {
  const card = await store.getCard(cardId)
  if (!card) throw new Error(`no card ${cardId}`)
  return answerCard(store, scheduler, { cardId, revision: card.revision, grade, now, durationMs })
}
