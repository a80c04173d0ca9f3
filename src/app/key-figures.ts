import { groupBy } from '../core/group-by'
import { plainText } from '../core/notes/render-template'
import { FACT_TYPE } from '../core/notes/note-types'
import { Scheduler } from '../core/scheduling/scheduler'
import { fromStoredState } from '../core/scheduling/stored-state'
import { isInCollection } from './collection'
import { presetOf, schedulerOptionsOf } from './presets'
import type { Settings } from './settings'
import type { Collection } from './collection-writes'

/** One figure or date of a deck, as the key-figures table shows it. */
export interface KeyFigure {
  noteId: string
  section: string[]
  /** What it measures: the fact's question. */
  what: string
  /** The value as written, with its unit ("5.3 million US dollars", "June 2019"). */
  value: string
  kind: 'figure' | 'date'
  /** For sorting: the number, or the date as YYYY-MM-DD. */
  sortValue: number | string
  /** Chance of recalling it now, 0–1; null if never studied. */
  recall: number | null
  lapses: number
  /** Whether its last answer was Again, or it lapsed at least twice: the ones to look at again. */
  missed: boolean
}

/**
 * Every figure and date of a deck's facts (the chapter deck's note type), with the recall of
 * the card that asks for it: the offline reference a candidate skims the night before.
 */
export function keyFigures(store: Collection, deckId: string, settings: Settings, now: Date) {
  return store.read(async () => {
    const deck = await store.getDeck(deckId)
    const preset = await presetOf(store, deck, settings)
    const memory = new Scheduler(schedulerOptionsOf(preset))
    const notes = (await store.notesOfDeck(deckId)).filter(
      (n) =>
        n.typeId === FACT_TYPE.id &&
        n.deletedAt === undefined &&
        n.retired === 0 &&
        (n.fields.Figure || n.fields.Date),
    )
    const cards = await store.cardsOfNotes(notes.map((n) => n.id))
    const byNote = groupBy(cards.filter(isInCollection), (c) => c.noteId)
    const rows: KeyFigure[] = []
    for (const note of notes) {
      const own = byNote.get(note.id) ?? []
      // The typed card asks for the figure or date itself; else whichever card the note has.
      const card = own.find((c) => c.ord === 1) ?? own[0]
      if (!card) continue
      const last = await store.lastLogOfCard(card.id)
      const figure = note.fields.Figure ?? ''
      rows.push({
        noteId: note.id,
        section: note.section,
        what: plainText(note.fields.Prompt ?? ''),
        value: plainText(note.fields.Answer ?? ''),
        kind: figure ? 'figure' : 'date',
        sortValue: figure ? Number(figure) : (note.fields.Date ?? ''),
        recall: card.state === 0 ? null : memory.retrievability(fromStoredState(card), now),
        lapses: card.lapses,
        missed: last?.rating === 1 || card.lapses >= 2,
      })
    }
    return rows
  })
}
