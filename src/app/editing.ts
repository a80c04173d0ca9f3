import { whyNoCards } from '../core/notes/note-cards'
import { BUILT_IN_NOTE_TYPES } from '../core/notes/note-types'
import type { Scheduler } from '../core/scheduling/scheduler'
import { toStoredState } from '../core/scheduling/stored-state'
import type { DeckRow, NoteRow } from './collection'
import { cardsOfNote } from './note-cards'
import type { StudyStore } from './store'

/** A note or deck that cannot be saved as it is; the message says why, in the user's words. */
export class EditError extends Error {
  override name = 'EditError'
}

/** Deck names nest with `::`, as Anki's: `Exam::Treaties`. */
export function normalizeDeckName(name: string): string {
  return name
    .split('::')
    .map((part) => part.trim().replace(/\s+/g, ' '))
    .join('::')
}

/**
 * Creates an empty deck of the user's. `id` comes from the caller (chance and time are
 * arguments); a name that is empty, has an empty level, or is taken is refused.
 */
export function createDeck(
  store: StudyStore,
  input: { id: string; name: string; description?: string },
  now: Date,
): Promise<DeckRow> {
  return store.transaction(async () => {
    const name = normalizeDeckName(input.name)
    if (!name || name.split('::').some((p) => p === ''))
      throw new EditError('A deck needs a name; nested names look like “Parent::Child”.')
    const taken = (await store.listDecks()).find(
      (d) => d.name.toLocaleLowerCase() === name.toLocaleLowerCase(),
    )
    if (taken) throw new EditError(`There is already a deck named “${taken.name}”.`)
    if (await store.getDeck(input.id)) throw new EditError('That deck id is taken; try again.')
    const deck: DeckRow = {
      id: input.id,
      name,
      description: input.description ?? '',
      sourceTitle: null,
      origin: 'user',
      updatedAt: now.getTime(),
      nextPosition: 0,
    }
    await store.putDeck(deck)
    return deck
  })
}

/** Note types the user can pick for a new note (the fact type is the chapter decks' own). */
export function userNoteTypes() {
  return BUILT_IN_NOTE_TYPES.filter((t) => t.id !== 'attache-fact')
}

export interface NoteInput {
  /** A new note's guid, from the caller (chance is an argument). */
  guid: string
  deckId: string
  typeId: string
  fields: Record<string, string>
  tags: readonly string[]
  /** Section path, for notes that belong to a heading. */
  section?: readonly string[]
}

/** Tags as Anki keeps them: no spaces inside, no duplicates (case-insensitive), in order. */
export function cleanTags(tags: readonly string[]): string[] {
  const seen = new Set<string>()
  return tags
    .flatMap((t) => t.split(/\s+/))
    .filter((t) => t !== '' && !seen.has(t.toLowerCase()) && Boolean(seen.add(t.toLowerCase())))
}

/**
 * Adds a note and the cards its type makes, in one transaction. A note that would make no
 * card is refused with the reason; its new cards come after the deck's other new cards.
 */
export function addNote(
  store: StudyStore,
  scheduler: Scheduler,
  input: NoteInput,
  now: Date,
): Promise<{ note: NoteRow; cards: number }> {
  return store.transaction(async () => {
    const [type, deck, existing] = await Promise.all([
      store.getNoteType(input.typeId),
      store.getDeck(input.deckId),
      store.getNote(input.guid),
    ])
    if (!type) throw new EditError(`There is no note type “${input.typeId}”.`)
    if (!deck) throw new EditError('That deck no longer exists.')
    if (existing) throw new EditError('A note with this id exists already; nothing was added.')
    const fields = Object.fromEntries(type.fields.map((f) => [f, input.fields[f] ?? '']))
    const problem = whyNoCards(type, fields)
    if (problem) throw new EditError(problem)
    const position = deck.nextPosition ?? 0
    const note: NoteRow = {
      id: input.guid,
      typeId: type.id,
      deckId: deck.id,
      fields,
      tags: cleanTags(input.tags),
      section: [...(input.section ?? [])],
      position,
      retired: 0,
      modifiedAt: now.getTime(),
    }
    const made = cardsOfNote(note, type, [], toStoredState(scheduler.newState(now)))
    await Promise.all([
      store.putNotes([note]),
      store.putCards(made.rows),
      store.putDeck({ ...deck, nextPosition: position + 1, updatedAt: now.getTime() }),
    ])
    return { note, cards: made.added }
  })
}

/**
 * Saves new field values and tags of a note, in one transaction: cards it now makes are
 * added, cards it no longer makes leave the queue (their history kept), and every other card
 * keeps its schedule. A note that would make no card is refused with the reason.
 */
export function editNote(
  store: StudyStore,
  scheduler: Scheduler,
  input: { noteId: string; fields: Record<string, string>; tags: readonly string[] },
  now: Date,
): Promise<{ added: number; retired: number }> {
  return store.transaction(async () => {
    const note = await store.getNote(input.noteId)
    if (!note) throw new EditError('This note no longer exists; nothing was saved.')
    const type = await store.getNoteType(note.typeId)
    if (!type) throw new EditError(`There is no note type “${note.typeId}”.`)
    const fields = Object.fromEntries(
      type.fields.map((f) => [f, input.fields[f] ?? note.fields[f] ?? '']),
    )
    const problem = whyNoCards(type, fields)
    if (problem) throw new EditError(problem)
    const edited: NoteRow = {
      ...note,
      fields,
      tags: cleanTags(input.tags),
      modifiedAt: now.getTime(),
    }
    const had = await store.cardsOfNotes([note.id])
    const made = cardsOfNote(edited, type, had, toStoredState(scheduler.newState(now)))
    await Promise.all([store.putNotes([edited]), store.putCards(made.rows)])
    return { added: made.added, retired: made.retired }
  })
}
