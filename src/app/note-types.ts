import { BUILT_IN_NOTE_TYPES, type NoteType } from '../core/notes/note-types'
import type { Collection } from './collection-writes'

/** A note type by id: the collection's own, or a built-in one (every collection has those). */
export async function findNoteType(store: Collection, id: string): Promise<NoteType | undefined> {
  return (await store.getNoteType(id)) ?? BUILT_IN_NOTE_TYPES.find((t) => t.id === id)
}

/** Every note type of the collection, the built-in ones included. */
export async function noteTypes(store: Collection): Promise<NoteType[]> {
  const stored = await store.listNoteTypes()
  const ids = new Set(stored.map((t) => t.id))
  return [...stored, ...BUILT_IN_NOTE_TYPES.filter((t) => !ids.has(t.id))]
}
