import { inSection, sectionPaths } from '../../core/decks/sections'
import { CardState } from '../../core/scheduling/scheduler'
import { isLearning } from '../../core/study/review-queue'
import type { AttacheDb } from './db'
import type { Settings } from './settings'
import { studyDayAt } from './study-data'

export interface SectionRow {
  path: string[]
  total: number
  new: number
  learning: number
  /** Reviews due before the study day ends. */
  due: number
  /** Cards answered at least once. */
  seen: number
}

/** Per-section counts of a deck (parts and their headings), for the deck overview. */
export async function sectionOverview(
  db: AttacheDb,
  deckId: string,
  settings: Settings,
  now: Date,
): Promise<SectionRow[]> {
  const day = studyDayAt(settings, now)
  const [notes, cards] = await Promise.all([
    db.notes.where('deckId').equals(deckId).toArray(),
    db.cards.where('deckId').equals(deckId).toArray(),
  ])
  notes.sort((a, b) => a.position - b.position)
  const sectionOf = new Map(notes.map((n) => [n.id, n.fact.section]))
  const live = cards.filter((c) => !c.retired)
  return sectionPaths(notes.map((n) => n.fact.section)).map((path) => {
    const row: SectionRow = { path, total: 0, new: 0, learning: 0, due: 0, seen: 0 }
    for (const c of live) {
      if (!inSection(sectionOf.get(c.noteId) ?? [], path)) continue
      row.total++
      if (c.state === CardState.New) {
        row.new++
        continue
      }
      row.seen++
      if (isLearning(c)) row.learning++
      else if (c.due < day.end) row.due++
    }
    return row
  })
}
