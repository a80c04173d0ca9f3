import { inSection, sectionPaths } from '../../core/decks/sections'
import { CardState } from '../../core/scheduling/scheduler'
import type { AttacheDb } from './db'
import type { Settings } from './settings'
import { doneSince, queueOf, studyDayAt } from './study-data'

export interface SectionRow {
  path: string[]
  total: number
  /** What a session of this section would show now (the session's own counts). */
  new: number
  learning: number
  due: number
  /** Cards answered at least once. */
  seen: number
}

export interface SectionOverview {
  rows: SectionRow[]
  /** New cards the deck's daily limit still allows today. */
  deckNewLeft: number
}

/** Per-section counts of a deck, every heading level, parents before children. */
export async function sectionOverview(
  db: AttacheDb,
  deckId: string,
  settings: Settings,
  now: Date,
): Promise<SectionOverview> {
  const day = studyDayAt(settings, now)
  const [notes, cards, log] = await Promise.all([
    db.notes.where('deckId').equals(deckId).toArray(),
    db.cards.where('deckId').equals(deckId).toArray(),
    doneSince(db, deckId, day.start),
  ])
  notes.sort((a, b) => a.position - b.position)
  const sectionOf = new Map(notes.map((n) => [n.id, n.fact.section]))
  const live = cards.filter((c) => !c.retired)
  const rows = sectionPaths(notes.map((n) => n.fact.section)).map((path) => {
    const inside = live.filter((c) => inSection(sectionOf.get(c.noteId) ?? [], path))
    const { counts } = queueOf(inside, log, settings, now, day, 'section')
    return {
      path,
      total: inside.length,
      new: counts.new,
      learning: counts.learning,
      due: counts.review,
      seen: inside.filter((c) => c.state !== CardState.New).length,
    }
  })
  return { rows, deckNewLeft: Math.max(0, settings.newPerDay - log.newCards.size) }
}
