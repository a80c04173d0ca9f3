import type { Transaction } from 'dexie'
import {
  Queue,
  cardIdOf,
  queueOf,
  sectionKeyOf,
  type CardRow,
  type NoteRow,
  type ReviewLogRow,
} from '../../app/collection'
import type { Fact } from '../../core/decks/deck-schema'
import { factFields } from '../../core/notes/fact-fields'
import { BUILT_IN_NOTE_TYPES, FACT_TYPE } from '../../core/notes/note-types'

/** Version 2's rows, as that version wrote them. */
interface V2Note {
  id: string
  deckId: string
  position: number
  fact: Fact
}
type V2Card = Omit<CardRow, 'ord' | 'queue' | 'sectionKey'> & {
  template: 'qa' | 'typed' | 'reverse' | 'cloze'
  retired: 0 | 1
}
type V2Log = Omit<ReviewLogRow, 'before'> & { deckId: string }

/** Version 2's card templates are the fact type's ordinals. */
const ORDINAL: Record<string, number> = { qa: 0, typed: 1, reverse: 2, cloze: 3 }

/**
 * Version 2 → 3, losslessly: a fact becomes a note of the fact type (its fields as the deck
 * shipped them), a card keeps its scheduling state under its note + ordinal, and every review
 * log row is kept under its answer time (moved on by a millisecond where two share one).
 */
export async function upgradeToNoteModel(tx: Transaction) {
  const notes = (await tx.table('notes').toArray()) as V2Note[]
  const cards = (await tx.table('cards').toArray()) as V2Card[]
  const logs = (await tx.table('reviewLogs').toArray()) as V2Log[]
  const decks = await tx.table('decks').toArray()

  const noteOf = new Map(notes.map((n) => [n.id, n]))
  const newNotes: NoteRow[] = notes.map((n) => {
    const fields = factFields(n.fact)
    return {
      id: n.id,
      typeId: FACT_TYPE.id,
      deckId: n.deckId,
      fields,
      shipped: fields,
      tags: [],
      section: n.fact.section,
      position: n.position,
      retired: 0,
      modifiedAt: 0,
    }
  })
  const newId = new Map<string, string>()
  const newCards: CardRow[] = cards.map((c) => {
    const { template, retired, ...rest } = c
    const note = noteOf.get(c.noteId)
    const ord = ORDINAL[template] ?? 0
    const id = cardIdOf(c.noteId, ord)
    newId.set(c.id, id)
    return {
      ...rest,
      id,
      ord,
      position: note?.position ?? c.position,
      sectionKey: sectionKeyOf(note?.fact.section ?? []),
      queue: retired ? Queue.Retired : queueOf(c.state),
    }
  })
  const used = new Set<number>()
  const newLogs: ReviewLogRow[] = logs
    .sort((a, b) => a.review - b.review || a.id - b.id)
    .map(({ deckId: _deck, id: _old, ...l }) => {
      let id = l.review
      while (used.has(id)) id++
      used.add(id)
      return { ...l, id, cardId: newId.get(l.cardId) ?? l.cardId }
    })

  await tx.table('noteTypes').bulkPut([...BUILT_IN_NOTE_TYPES])
  await tx.table('notes').clear()
  await tx.table('notes').bulkAdd(newNotes)
  await tx.table('cards').clear()
  await tx.table('cards').bulkAdd(newCards)
  await tx.table('revlog').bulkAdd(newLogs)
  // The next start-up syncs every built-in deck again under the new model.
  await tx.table('decks').bulkPut(decks.map(({ fingerprint: _f, ...d }) => d))
}
