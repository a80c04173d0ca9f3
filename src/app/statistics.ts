import {
  answerButtons,
  cardStates,
  CARD_TALLY_LENGTH,
  dueForecast,
  LOG_TALLY_LENGTH,
  memoryDistributions,
  reviewsPerDay,
  streaks,
  sumTallies,
  timePerDay,
  trueRetention,
} from '../core/stats/review-stats'
import { decksInScope } from './deck-cards'
import { presetOf } from './presets'
import type { Settings } from './settings'
import { dayIndexer } from './study-queue'
import { talliesByDay } from './tallies'
import { hostZone } from '../core/study/time-zone'
import type { Collection } from './collection-writes'
import { DAY_MS } from '../core/units'

/** Everything the Statistics screen and `cli stats` show for one scope. */
export type Statistics = Awaited<ReturnType<typeof statisticsOf>>

/** How far back the reviews go: the last N days, or the scope's whole history (Anki's "deck life"). */
export type StatsPeriod = number | 'life'

/**
 * Statistics of a deck (with the decks inside it) or the whole collection: the last
 * `days` study days of reviews, or (`'life'`) every day from the first review on (heatmap,
 * streaks, time, buttons), true retention by day, week
 * and month beside the desired retention, the due forecast, card states and memory
 * distributions. Read from the kept tallies (`tallies.ts`) in one snapshot; they are counted
 * afresh first when they follow another rollover hour or time zone (or none yet), and
 * `recounted` says so.
 */
export async function statisticsOf(
  store: Collection,
  settings: Settings,
  now: Date,
  scope: { deckId?: string; days?: StatsPeriod; forecastDays?: number } = {},
) {
  const days = scope.days ?? 365
  const forecastDays = scope.forecastDays ?? 90
  const recounted = await store.ensureTallies({
    zone: hostZone(),
    rolloverHour: settings.rolloverHour,
  })
  const dayOf = dayIndexer({ rolloverHour: settings.rolloverHour })
  const today = dayOf(now.getTime())
  // The first day whose logs count: the one `days` days of 24 hours back lies in.
  const since = days === 'life' ? -Infinity : dayOf(now.getTime() - days * DAY_MS)
  return store.read(async () => {
    const decks = decksInScope(await store.listDecks(), scope.deckId)
    const ids = decks.map((d) => d.id)
    const [logDays, due, cards, preset] = await Promise.all([
      talliesByDay(store, ids, 'log', since, Infinity),
      talliesByDay(store, ids, 'due', -Infinity, today + forecastDays - 1),
      talliesByDay(store, ids, 'cards', 0, 0),
      presetOf(
        store,
        decks.find((d) => d.id === scope.deckId),
        settings,
      ),
    ])
    const logs = sumTallies(logDays.values(), LOG_TALLY_LENGTH)
    const cardTally = sumTallies(cards.values(), CARD_TALLY_LENGTH)
    // A whole history starts on its first study day (today when there is none).
    const first = days === 'life' ? Math.min(today, ...logDays.keys()) : today - days + 1
    const perDay = reviewsPerDay(logDays, first, today)
    return {
      today,
      /** The first study day counted. */
      first,
      cards: cardTally[0] ?? 0,
      reviews: logs[0] ?? 0,
      perDay,
      streaks: streaks(perDay, today),
      retention: {
        desired: preset.desiredRetention,
        day: trueRetention(logDays, 'day'),
        week: trueRetention(logDays, 'week'),
        month: trueRetention(logDays, 'month'),
      },
      forecast: dueForecast(
        new Map([...due].map(([day, n]) => [day, n[0] ?? 0])),
        today,
        forecastDays,
      ),
      states: cardStates(cardTally),
      buttons: answerButtons(logs),
      time: timePerDay(logDays),
      distributions: memoryDistributions(cardTally),
      recounted,
    }
  })
}
