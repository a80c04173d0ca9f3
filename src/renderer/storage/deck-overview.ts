import { CardState } from '../../core/scheduling/scheduler'
import { studyDay } from '../../core/study/day-boundary'
import { DEFAULT_LIMITS, reviewQueue } from '../../core/study/review-queue'
import type { AttacheDb } from './db'
import type { Settings } from './settings'
import { doneSince, studyableCards } from './study-data'

export interface DeckOverview {
  id: string
  name: string
  description: string
  total: number
  /** New cards still allowed today (daily limit minus those already started). */
  new: number
  /** Cards in (re)learning that come due before the study day ends. */
  learning: number
  /** Reviews due today, within the daily review limit. */
  due: number
}

/** Per-deck counts for the deck list, as of `now`, using the same queue rules as a session. */
export async function deckOverviews(
  db: AttacheDb,
  settings: Settings,
  now: Date,
): Promise<DeckOverview[]> {
  const day = studyDay(now, settings.rolloverHour, -now.getTimezoneOffset())
  const limits = {
    ...DEFAULT_LIMITS,
    newPerDay: settings.newPerDay,
    reviewsPerDay: settings.reviewsPerDay,
  }
  const decks = await db.decks.orderBy('id').toArray()
  return Promise.all(
    decks.map(async (d) => {
      const [cards, done] = await Promise.all([
        studyableCards(db, d.id),
        doneSince(db, d.id, day.start),
      ])
      const queue = reviewQueue(
        cards.map((c) => ({ id: c.id, position: c.position, state: c })),
        now,
        day.end,
        limits,
        done,
      )
      const learning = cards.filter(
        (c) =>
          (c.state === CardState.Learning || c.state === CardState.Relearning) && c.due < day.end,
      ).length
      return {
        id: d.id,
        name: d.name,
        description: d.description,
        total: cards.length,
        new: queue.counts.new,
        learning,
        due: queue.counts.review,
      }
    }),
  )
}
