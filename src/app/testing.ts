import type { Deck } from '../core/decks/deck-schema'
import { Scheduler } from '../core/scheduling/scheduler'
import { at, deck, fact } from '../core/testing/factories'
import { answerCard, undoAnswer, type AnswerReceipt } from './answer'
import { changeCard } from './card-actions'
import { nextCard, type NextCard } from './next-card'
import type { KeptQueue } from './study-queue'
import { DAY_MS } from '../core/units'
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

/**
 * A deck of 300 question facts in `store`: 100 cards in review, due 40 days after t0 (the
 * session's day), and 200 new; for sessions past their limits of 30 reviews and 20 new cards.
 */
export async function pastLimitsDeck(store: Collection) {
  const facts = Array.from({ length: 300 }, (_, i) => fact({ id: `f${i}` }))
  await syncBuiltInDeck(store, deck('d', facts), scheduler, t0)
  for (let i = 0; i < 100; i++) {
    const id = questionCard('d', `f${i}`)
    await answer(store, id, 3, new Date(t0.getTime() + i * 100))
    await answer(store, id, 3, new Date(t0.getTime() + 700_000 + i * 100))
  }
  return {
    settings: { ...settings, reviewsPerDay: 30, newPerDay: 20 },
    day: t0.getTime() + 40 * DAY_MS,
  }
}

/**
 * A study session on `pastLimitsDeck` that keeps its reads from one next card to the next
 * (`nextCard`'s `kept`), and at every step reads the next card afresh beside it: answers,
 * suspends, buries and undoes, 20 s apart. Returns where the two differ (nothing, when keeping
 * is right), the first card, and how many answers were undone. `around` is called around each
 * kept read, for a test that counts what it reads.
 */
export async function keptSession(
  store: Collection,
  steps: number,
  around: (read: () => Promise<NextCard>) => Promise<NextCard> = (read) => read(),
) {
  const { settings: limits, day } = await pastLimitsDeck(store)
  const scope = { deckId: 'd', section: null }
  let now = day
  let kept: KeptQueue | null = null
  const differences: string[] = []
  const undo: AnswerReceipt[] = []
  let undone = 0
  const next = async () => {
    const at = new Date(now)
    const shown = await around(() =>
      nextCard(store, scheduler, { scope, settings: limits, now: at, kept }),
    )
    const fresh = await nextCard(store, scheduler, { scope, settings: limits, now: at })
    const said = JSON.stringify([shown.counts, shown.view?.card.id])
    const truth = JSON.stringify([fresh.counts, fresh.view?.card.id])
    if (said !== truth) differences.push(`at +${now - day} ms: kept ${said}, afresh ${truth}`)
    kept = shown.kept
    return shown
  }
  const first = await next()
  for (let step = 0; step < steps; step++) {
    now += 20_000
    const card = (await next()).view?.card
    if (!card) break
    if (step % 10 === 1 || step % 10 === 4)
      await changeCard(store, card.id, card.revision, { kind: 'suspend' }, first.dayEnd)
    else if (step % 10 === 3 || step % 10 === 7)
      await changeCard(store, card.id, card.revision, { kind: 'bury' }, first.dayEnd)
    else if (step % 10 === 9 && undo.length) {
      const last = undo.pop()
      if (last) await undoAnswer(store, last)
      undone++
    } else {
      const grade = ([3, 1, 4, 2, 3] as const)[step % 5] ?? 3
      const { revision, id: cardId } = card
      undo.push(
        await answerCard(store, scheduler, {
          cardId,
          revision,
          grade,
          now: new Date(now),
          durationMs: 2000,
        }),
      )
    }
  }
  return { differences, first, undone }
}
