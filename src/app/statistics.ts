import {
  answerButtons,
  cardStates,
  dueForecast,
  memoryDistributions,
  reviewsPerDay,
  streaks,
  timePerDay,
  trueRetention,
} from '../core/stats/review-stats'
import { cardsInDecks } from './deck-cards'
import { presetOf } from './presets'
import type { Settings } from './settings'
import type { StudyStore } from './store'
import { dayIndexer, studyDayAt } from './study-queue'

/** Everything the Statistics screen and `cli stats` show for one scope. */
export type Statistics = Awaited<ReturnType<typeof statisticsOf>>

/**
 * Statistics of a deck (with the decks inside it) or the whole collection: the last
 * `days` study days of reviews (heatmap, streaks, time, buttons), true retention by day, week
 * and month beside the desired retention, the due forecast, card states and memory
 * distributions. Reads one snapshot.
 */
export function statisticsOf(
  store: StudyStore,
  settings: Settings,
  now: Date,
  scope: { deckId?: string; days?: number; forecastDays?: number } = {},
) {
  const days = scope.days ?? 365
  const forecastDays = scope.forecastDays ?? 90
  return store.read(async () => {
    const cards = await cardsInDecks(store, scope.deckId)
    const cardIds = new Set(cards.map((c) => c.id))
    const dayOf = dayIndexer(settings)
    const today = dayOf(now.getTime())
    const since = studyDayAt(settings, new Date(now.getTime() - days * 86_400_000)).start.getTime()
    const logs = (await store.logsSince(since)).filter((l) => cardIds.has(l.cardId))
    const perDay = reviewsPerDay(logs, dayOf, today - days + 1, today)
    const root = scope.deckId ? await store.getDeck(scope.deckId) : undefined
    const preset = await presetOf(store, root, settings)
    return {
      today,
      cards: cards.length,
      reviews: logs.length,
      perDay,
      streaks: streaks(perDay, today),
      retention: {
        desired: preset.desiredRetention,
        day: trueRetention(logs, dayOf, 'day'),
        week: trueRetention(logs, dayOf, 'week'),
        month: trueRetention(logs, dayOf, 'month'),
      },
      forecast: dueForecast(cards, dayOf, today, forecastDays),
      states: cardStates(cards),
      buttons: answerButtons(logs),
      time: timePerDay(logs, dayOf),
      distributions: memoryDistributions(cards),
    }
  })
}
