import { isLearning } from '../../core/study/review-queue'
import type { AttacheDb } from './db'
import type { Settings } from './settings'
import { studyQueue } from './study-data'

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
  const decks = await db.decks.orderBy('id').toArray()
  return Promise.all(
    decks.map(async (d) => {
      const { queue, cards, day } = await studyQueue(db, d.id, null, settings, now)
      const learning = cards.filter((c) => isLearning(c) && c.due < day.end).length
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
