import type { Deck } from '../core/decks/deck-schema'
import { Scheduler } from '../core/scheduling/scheduler'
import { at, deck, fact } from '../core/testing/factories'
import { answerCard } from './answer'
import { cardIdOf, type ReviewLogRow } from './collection'
import { syncBuiltInDeck } from './deck-sync'
import { DEFAULT_SETTINGS } from './settings'
import { type Collection, memoryCollection } from './collection-writes'

/** Test helpers in domain words, over the in-memory store. */
export const scheduler = new Scheduler()
export const t0 = at('2024-06-01T10:00:00Z')
export const settings = DEFAULT_SETTINGS

/** A collection holding `d` (by default one deck of three question facts). */
export async function collectionWith(
  d: Deck = deck('d', [fact({ id: 'a' }), fact({ id: 'b' }), fact({ id: 'c' })]),
) {
  const store = memoryCollection()
  await syncBuiltInDeck(store, d, scheduler, t0)
  return store
}

/** The question card of fact `factId` in deck `deckId`. */
export const questionCard = (deckId: string, factId: string) => cardIdOf(`${deckId}/${factId}`, 0)

/** Answers a card as the screen shows it now (its current revision). */
export async function answer(
  store: Collection,
  cardId: string,
  grade: 1 | 2 | 3 | 4,
  now: Date,
  durationMs = 4200,
) {
  const card = await store.getCard(cardId)
  if (!card) throw new Error(`no card ${cardId}`)
  return answerCard(store, scheduler, { cardId, revision: card.revision, grade, now, durationMs })
}

/** A stored review log of card `cardId` answered Good at `id` (epoch ms), for storage tests. */
export const logRow = (id: number, cardId: string): ReviewLogRow => ({
  id,
  cardId,
  noteId: cardId.slice(0, cardId.lastIndexOf('#')),
  durationMs: 1000,
  rating: 3,
  state: 2,
  due: id,
  stability: 1,
  difficulty: 5,
  elapsed_days: 1,
  last_elapsed_days: 1,
  scheduled_days: 1,
  learning_steps: 0,
  review: id,
})
