import { groupBy } from '../core/group-by'
import type { Deck } from '../core/decks/deck-schema'
import { fnv1a } from '../core/hash'
import { factFields } from '../core/notes/fact-fields'
import { BUILT_IN_NOTE_TYPES, FACT_TYPE } from '../core/notes/note-types'
import type { Scheduler } from '../core/scheduling/scheduler'
import { toStoredState } from '../core/scheduling/stored-state'
import type { NoteRow } from './collection'
import { cardsOfNote } from './note-cards'
import type { Collection } from './collection-writes'

export interface SyncReport {
  unchanged: boolean
  addedNotes: number
  updatedNotes: number
  retiredNotes: number
  /** Fields the user edited that the deck file changed too: the user's version was kept. */
  keptEdits: number
}

/** A built-in note's guid: the deck and the fact's stable id. */
const builtInNoteId = (deckId: string, factId: string) => `${deckId}/${factId}`

/**
 * Brings a built-in deck file into the collection in one transaction. New facts become notes;
 * a note the user has not touched takes the file's new wording; a field the user edited keeps
 * the user's version; a fact gone from the file retires its note (its cards leave the queue,
 * its history stays, and it comes back if the fact does). Cards keep their scheduling state
 * and history across every change; an unchanged file is not synced again.
 */
export function syncBuiltInDeck(
  store: Collection,
  deck: Deck,
  scheduler: Scheduler,
  now: Date,
): Promise<SyncReport> {
  const fingerprint = fnv1a(JSON.stringify(deck))
  const report: SyncReport = {
    unchanged: false,
    addedNotes: 0,
    updatedNotes: 0,
    retiredNotes: 0,
    keptEdits: 0,
  }
  return store.transaction(async () => {
    const stored = await store.getDeck(deck.id)
    if (stored?.fingerprint === fingerprint) return { ...report, unchanged: true }
    await store.putNoteTypes(BUILT_IN_NOTE_TYPES)
    const existing = new Map((await store.notesOfDeck(deck.id)).map((n) => [n.id, n]))
    const notes: NoteRow[] = []
    deck.facts.forEach((fact, position) => {
      const id = builtInNoteId(deck.id, fact.id)
      const shipped = factFields(fact)
      const old = existing.get(id)
      existing.delete(id)
      if (!old) report.addedNotes++
      const fields = { ...shipped }
      for (const [name, value] of Object.entries(old?.fields ?? {})) {
        const edited = value !== (old?.shipped?.[name] ?? value)
        if (edited) {
          if (value !== shipped[name] && old?.shipped?.[name] !== shipped[name]) report.keptEdits++
          fields[name] = value
        }
      }
      const note: NoteRow = {
        id,
        typeId: FACT_TYPE.id,
        deckId: deck.id,
        fields,
        shipped,
        tags: old?.tags ?? [],
        section: fact.section,
        position,
        retired: 0,
        createdAt: old?.createdAt ?? now.getTime(),
        // A note the user put in the trash stays there.
        ...(old?.deletedAt !== undefined ? { deletedAt: old.deletedAt } : {}),
        modifiedAt:
          old && JSON.stringify(old.fields) === JSON.stringify(fields)
            ? old.modifiedAt
            : now.getTime(),
      }
      if (old && note.modifiedAt !== old.modifiedAt) report.updatedNotes++
      notes.push(note)
    })
    for (const gone of existing.values()) {
      if (!gone.retired) report.retiredNotes++
      notes.push({ ...gone, retired: 1 })
    }
    const had = groupBy(await store.cardsOfNotes(notes.map((n) => n.id)), (c) => c.noteId)
    const fresh = toStoredState(scheduler.newState(now))
    const rows = notes.flatMap(
      (note) => cardsOfNote(note, FACT_TYPE, had.get(note.id) ?? [], fresh).rows,
    )
    await store.putNotes(notes)
    await store.putCards(rows)
    // What the user set on the deck (its name, preset, the trash) stays; notes they moved in
    // keep positions after the file's.
    await store.putDeck({
      ...stored,
      id: deck.id,
      name: stored?.name ?? deck.name,
      description: deck.description,
      sourceTitle: deck.source?.title ?? null,
      origin: 'built-in',
      updatedAt: now.getTime(),
      fingerprint,
      nextPosition: Math.max(stored?.nextPosition ?? 0, deck.facts.length),
    })
    return report
  })
}
