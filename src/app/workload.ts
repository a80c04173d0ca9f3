import { Scheduler, CardState } from '../core/scheduling/scheduler'
import { isStudiable } from './collection'
import { cardsInDecks } from './deck-cards'
import type { Collection } from './collection-writes'

/**
 * About how many reviews a day a deck's cards in review would ask for at `retention`: each
 * card comes back once per the interval FSRS gives its stability at that retention. A higher
 * desired retention means shorter intervals and more reviews.
 */
export function estimatedDailyReviews(
  store: Collection,
  deckId: string,
  retention: number,
): Promise<number> {
  return store.read(async () => {
    const cards = await cardsInDecks(store, deckId)
    const scheduler = new Scheduler({ requestRetention: retention, fuzz: false })
    let perDay = 0
    for (const c of cards)
      if (isStudiable(c) && c.state === CardState.Review)
        perDay += 1 / Math.max(1, scheduler.intervalDays(c.stability))
    return perDay
  })
}
