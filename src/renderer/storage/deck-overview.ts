import { nextStudyIn } from '../../core/study/next-study'
import type { AttacheDb } from './db'
import type { Settings } from './settings'
import { doneSince, queueOf, studyableCards, studyDayAt } from './study-data'

export interface DeckOverview {
  id: string
  name: string
  description: string
  total: number
  /** The session's own counts (core's one definition of new, learning and due). */
  new: number
  learning: number
  due: number
  /** When the deck next has something to study, in words ("in 3h", "tomorrow"); null if never. */
  nextIn: string | null
}

/** Per-deck counts for the deck list, as of `now`, using the same queue rules as a session. */
export async function deckOverviews(
  db: AttacheDb,
  settings: Settings,
  now: Date,
): Promise<DeckOverview[]> {
  const decks = await db.decks.orderBy('id').toArray()
  const day = studyDayAt(settings, now)
  return Promise.all(
    decks.map(async (d) => {
      const [cards, log] = await Promise.all([
        studyableCards(db, d.id, null),
        doneSince(db, d.id, day.start),
      ])
      const queue = queueOf(cards, log, settings, now, day)
      return {
        id: d.id,
        name: d.name,
        description: d.description,
        total: cards.length,
        new: queue.counts.new,
        learning: queue.counts.learning,
        due: queue.counts.review,
        nextIn: nextStudyIn(now.getTime(), day.end.getTime(), queue.nextAt),
      }
    }),
  )
}
