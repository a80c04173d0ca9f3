import { cardOrdinals } from '../core/notes/note-cards'
import type { NoteType } from '../core/notes/note-types'
import type { StoredState } from '../core/scheduling/stored-state'
import { Queue, cardIdOf, queueOf, sectionKeyOf, type CardRow, type NoteRow } from './collection'

/** The card rows a note makes now, from the cards it had. */
export interface NoteCards {
  rows: CardRow[]
  added: number
  retired: number
}

/**
 * The cards of `note` after it was written: each ordinal its type makes keeps its card (its
 * scheduling state, history and deck) or gets a new one in the note's deck; a card the note no
 * longer makes (a retired note, a template gone empty, a cloze number removed) leaves the
 * queue, keeping its history in case it returns.
 */
export function cardsOfNote(
  note: NoteRow,
  type: NoteType,
  had: readonly CardRow[],
  fresh: StoredState,
): NoteCards {
  const old = new Map(had.map((c) => [c.id, c]))
  const out: NoteCards = { rows: [], added: 0, retired: 0 }
  const place = { position: note.position, sectionKey: sectionKeyOf(note.section) }
  for (const ord of note.retired ? [] : cardOrdinals(type, note.fields)) {
    const id = cardIdOf(note.id, ord)
    const card = old.get(id)
    old.delete(id)
    if (card) {
      const queue = card.queue === Queue.Retired ? queueOf(card.state) : card.queue
      out.rows.push({ ...card, ...place, queue })
    } else {
      out.added++
      out.rows.push({
        ...fresh,
        ...place,
        id,
        noteId: note.id,
        ord,
        deckId: note.deckId,
        queue: Queue.New,
        revision: 0,
      })
    }
  }
  for (const left of old.values()) {
    if (left.queue === Queue.Retired) continue
    out.retired++
    out.rows.push({ ...left, queue: Queue.Retired })
  }
  return out
}
