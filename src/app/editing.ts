import { whyNoCards } from '../core/notes/note-cards'
import { BUILT_IN_NOTE_TYPES } from '../core/notes/note-types'
import type { Scheduler } from '../core/scheduling/scheduler'
import { toStoredState } from '../core/scheduling/stored-state'
import {
  DECK_SEPARATOR,
  MAX_DECK_DEPTH,
  Queue,
  queueOf,
  type CardRow,
  type DeckRow,
  type NoteRow,
} from './collection'
import { isWithin, parentNames } from './deck-tree'
import { cardsOfNote } from './note-cards'
import { findNoteType } from './note-types'
import type { Collection } from './collection-writes'

/** A note or deck that cannot be saved as it is; the message says why, in the user's words. */
export class EditError extends Error {
  override name = 'EditError'
}

/** Deck names nest with `::`, as Anki's: `Exam::Treaties`. */
export function normalizeDeckName(name: string): string {
  return name
    .split(DECK_SEPARATOR)
    .map((part) => part.trim().replace(/\s+/g, ' '))
    .join(DECK_SEPARATOR)
}

/** A deck name as typed, tidied, or an error when it (or a level of it) is empty. */
function checkedDeckName(typed: string): string {
  const name = normalizeDeckName(typed)
  if (!name || name.split(DECK_SEPARATOR).some((p) => p === ''))
    throw new EditError('A deck needs a name; nested names look like “Parent::Child”.')
  if (name.split(DECK_SEPARATOR).length > MAX_DECK_DEPTH)
    throw new EditError(`Decks nest at most ${MAX_DECK_DEPTH} levels deep.`)
  return name
}

/** The deck (not in the trash, other than `except`) already named `name`, in any case. */
export const liveDeckNamed = (decks: readonly DeckRow[], name: string, except?: string) =>
  decks.find(
    (d) =>
      d.id !== except &&
      d.deletedAt === undefined &&
      d.name.toLocaleLowerCase() === name.toLocaleLowerCase(),
  )

/**
 * Creates an empty deck of the user's. `id` comes from the caller (chance and time are
 * arguments); a name that is empty, has an empty level, or is taken is refused.
 */
export function createDeck(
  store: Collection,
  input: { id: string; name: string; description?: string },
  now: Date,
): Promise<DeckRow> {
  return store.transaction(async () => {
    const name = checkedDeckName(input.name)
    const decks = await store.listDecks()
    const taken = liveDeckNamed(decks, name)
    if (taken) throw new EditError(`There is already a deck named “${taken.name}”.`)
    if (decks.some((d) => d.id === input.id))
      throw new EditError('That deck id is taken; try again.')
    const row = (id: string, deckName: string): DeckRow => ({
      id,
      name: deckName,
      description: '',
      sourceTitle: null,
      origin: 'user',
      updatedAt: now.getTime(),
      nextPosition: 0,
    })
    // Parents a nested name needs are made too, as Anki does.
    for (const [i, parent] of parentNames(name).entries())
      if (!liveDeckNamed(decks, parent)) await store.putDeck(row(`${input.id}-${i}`, parent))
    const deck = { ...row(input.id, name), description: input.description ?? '' }
    await store.putDeck(deck)
    return deck
  })
}

/** Renames a deck; the decks nested in it move with it. */
export function renameDeck(store: Collection, id: string, newName: string, now: Date) {
  return store.transaction(async () => {
    const decks = await store.listDecks()
    const deck = decks.find((d) => d.id === id)
    if (!deck) throw new EditError('That deck no longer exists.')
    const name = checkedDeckName(newName)
    if (isWithin(name, deck.name) && name !== deck.name)
      throw new EditError('A deck cannot be moved inside itself.')
    const taken = liveDeckNamed(decks, name, id)
    if (taken) throw new EditError(`There is already a deck named “${taken.name}”.`)
    const moving = decks.filter((d) => isWithin(d.name, deck.name))
    const depth = (n: string) => n.split(DECK_SEPARATOR).length
    if (moving.some((d) => depth(name) + depth(d.name) - depth(deck.name) > MAX_DECK_DEPTH))
      throw new EditError(
        `Decks nest at most ${MAX_DECK_DEPTH} levels deep, with the decks inside it.`,
      )
    for (const d of moving)
      await store.putDeck({
        ...d,
        name: name + d.name.slice(deck.name.length),
        updatedAt: now.getTime(),
      })
  })
}

/**
 * Moves a deck and the decks nested in it to the trash: they leave the deck list and the
 * queue, and every note, card and review stays, to come back with `restoreDeck`.
 */
export function trashDeck(store: Collection, id: string, now: Date) {
  return store.transaction(async () => {
    const decks = await store.listDecks()
    const deck = decks.find((d) => d.id === id)
    if (!deck) throw new EditError('That deck no longer exists.')
    for (const d of decks.filter((d) => d.deletedAt === undefined && isWithin(d.name, deck.name)))
      await store.putDeck({ ...d, deletedAt: now.getTime() })
  })
}

/** Brings a deck back from the trash, with the decks that went there with it. */
export function restoreDeck(store: Collection, id: string) {
  return store.transaction(async () => {
    const decks = await store.listDecks()
    const deck = decks.find((d) => d.id === id)
    if (!deck?.deletedAt) throw new EditError('That deck is not in the trash.')
    const clash = liveDeckNamed(decks, deck.name)
    if (clash) throw new EditError(`A deck named “${clash.name}” exists again; rename it first.`)
    for (const d of decks.filter(
      (d) => d.deletedAt === deck.deletedAt && isWithin(d.name, deck.name),
    )) {
      const { deletedAt: _gone, ...back } = d
      await store.putDeck(back)
    }
  })
}

/** The decks in the trash, newest first (the top deck of each deletion only). */
export async function trashedDecks(store: Collection): Promise<DeckRow[]> {
  const gone = (await store.listDecks()).filter((d) => d.deletedAt !== undefined)
  return gone
    .filter(
      (d) => !gone.some((p) => p !== d && p.deletedAt === d.deletedAt && isWithin(d.name, p.name)),
    )
    .sort((a, b) => (b.deletedAt ?? 0) - (a.deletedAt ?? 0))
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
  store: Collection,
  scheduler: Scheduler,
  input: NoteInput,
  now: Date,
): Promise<{ note: NoteRow; cards: number }> {
  return store.transaction(async () => {
    const bound = store.bound()
    const [type, deck, existing] = await Promise.all([
      findNoteType(bound, input.typeId),
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
      createdAt: now.getTime(),
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
  store: Collection,
  scheduler: Scheduler,
  input: {
    noteId: string
    fields: Record<string, string>
    tags: readonly string[]
    /** Move the note and all its cards to this deck. */
    deckId?: string
  },
  now: Date,
): Promise<EditReceipt> {
  return store.transaction(async () => {
    const bound = store.bound()
    const note = await store.getNote(input.noteId)
    if (!note) throw new EditError('This note no longer exists; nothing was saved.')
    const type = await findNoteType(bound, note.typeId)
    if (!type) throw new EditError(`There is no note type “${note.typeId}”.`)
    const fields = Object.fromEntries(
      type.fields.map((f) => [f, input.fields[f] ?? note.fields[f] ?? '']),
    )
    const problem = whyNoCards(type, fields)
    if (problem) throw new EditError(problem)
    const deckId = input.deckId ?? note.deckId
    let position = note.position
    if (deckId !== note.deckId) {
      // A moved note goes to the end of its new deck's order (positions stay unique per deck).
      const target = await store.getDeck(deckId)
      if (!target) throw new EditError('That deck no longer exists; nothing was saved.')
      position = target.nextPosition ?? 0
      await store.putDeck({ ...target, nextPosition: position + 1 })
    }
    const edited: NoteRow = {
      ...note,
      deckId,
      position,
      fields,
      tags: cleanTags(input.tags),
      modifiedAt: now.getTime(),
    }
    const before = await store.cardsOfNotes([note.id])
    const had = before.map((c) =>
      deckId === note.deckId ? c : { ...c, deckId, revision: c.revision + 1 },
    )
    const made = cardsOfNote(edited, type, had, toStoredState(scheduler.newState(now)))
    await Promise.all([store.putNotes([edited]), store.putCards(made.rows)])
    return {
      added: made.added,
      retired: made.retired,
      before: note,
      cards: before,
      editedAt: edited.modifiedAt,
    }
  })
}

/** What an edit did, and what undoing it needs: the note and its cards as they were. */
export interface EditReceipt {
  added: number
  retired: number
  before: NoteRow
  cards: CardRow[]
  /** The edited note's `modifiedAt`. */
  editedAt: number
}

/**
 * Takes an edit back (Ctrl+Z after saving a note): the fields, tags and deck as they were, and
 * what the edit did to the cards undone — their deck and place back, a card it retired back in
 * its queue, a card it made retired (a card is never deleted). What happened to the cards since
 * (a flag, a suspension) stays. Refused, with nothing written, when the note was edited again
 * or one of its cards studied since.
 */
export function undoEdit(store: Collection, receipt: EditReceipt, now: Date): Promise<void> {
  return store.transaction(async () => {
    const note = await store.getNote(receipt.before.id)
    if (!note || note.modifiedAt !== receipt.editedAt)
      throw new EditError('That note was changed again since; nothing was undone.')
    const current = await store.cardsOfNotes([note.id])
    const was = new Map(receipt.cards.map((c) => [c.id, c]))
    if (current.some((c) => c.reps !== (was.get(c.id)?.reps ?? 0)))
      throw new EditError('A card of that note was studied since; nothing was undone.')
    await store.putNotes([{ ...receipt.before, modifiedAt: now.getTime() }])
    await store.putCards(
      current.map((c): CardRow => {
        const old = was.get(c.id)
        const revision = c.revision + 1
        if (!old) return { ...c, queue: Queue.Retired, revision }
        const retiredByEdit = old.queue !== Queue.Retired && c.queue === Queue.Retired
        const revivedByEdit = old.queue === Queue.Retired && c.queue !== Queue.Retired
        return {
          ...c,
          deckId: old.deckId,
          position: old.position,
          sectionKey: old.sectionKey,
          queue: retiredByEdit ? old.queue : revivedByEdit ? Queue.Retired : c.queue,
          revision,
        }
      }),
    )
  })
}

/**
 * Moves a note to the trash: its cards leave the queue (each remembering where it was), and
 * the note, its cards and their history stay, to come back with `restoreNote`.
 */
export function trashNote(store: Collection, noteId: string, now: Date) {
  return trashNotes(store, [noteId], now)
}

/**
 * Moves many notes to the trash in one transaction (the browser's bulk action): all of them,
 * or none when one no longer exists. Notes already in the trash stay as they are.
 */
export function trashNotes(store: Collection, noteIds: readonly string[], now: Date) {
  return store.transaction(async () => {
    const ids = [...new Set(noteIds)]
    const notes = await Promise.all(ids.map((id) => store.getNote(id)))
    if (notes.some((n) => !n))
      throw new EditError(
        ids.length === 1 ? 'This note no longer exists.' : 'A chosen note no longer exists.',
      )
    const moving = notes.flatMap((n) => (n && n.deletedAt === undefined ? [n] : []))
    if (moving.length === 0) return
    const cards = await store.cardsOfNotes(moving.map((n) => n.id))
    await store.putNotes(moving.map((n) => ({ ...n, deletedAt: now.getTime() })))
    await store.putCards(
      cards.map((c) => ({
        ...c,
        queue: Queue.Trashed,
        queueBeforeTrash: c.queue,
        revision: c.revision + 1,
      })),
    )
  })
}

/** Brings a note back from the trash with its cards where they were. */
export function restoreNote(store: Collection, noteId: string) {
  return restoreNotes(store, [noteId])
}

/** Brings notes back from the trash, all or none (undo of the browser's bulk trash). */
export function restoreNotes(store: Collection, noteIds: readonly string[]) {
  return store.transaction(async () => {
    const notes = await Promise.all(noteIds.map((id) => store.getNote(id)))
    if (notes.some((n) => n?.deletedAt === undefined))
      throw new EditError(
        noteIds.length === 1
          ? 'That note is not in the trash.'
          : 'One of those notes is no longer in the trash; nothing was restored.',
      )
    const cards = await store.cardsOfNotes(noteIds)
    await store.putNotes(notes.flatMap((n) => (n ? [omitDeletedAt(n)] : [])))
    await store.putCards(
      cards.map(({ queueBeforeTrash, ...c }) => ({
        ...c,
        queue: c.queue === Queue.Trashed ? (queueBeforeTrash ?? queueOf(c.state)) : c.queue,
        revision: c.revision + 1,
      })),
    )
  })
}

const omitDeletedAt = ({ deletedAt: _gone, ...note }: NoteRow): NoteRow => note

/** The notes in the trash, newest first. */
export async function trashedNotes(store: Collection): Promise<NoteRow[]> {
  return (await store.trashedNotes()).sort((a, b) => (b.deletedAt ?? 0) - (a.deletedAt ?? 0))
}

/** Adds tags to, or takes tags off, many notes at once (the browser's tag and untag). */
export function retagNotes(
  store: Collection,
  noteIds: readonly string[],
  change: { add?: readonly string[]; remove?: readonly string[] },
  now: Date,
): Promise<number> {
  return store.transaction(async () => {
    const add = cleanTags(change.add ?? [])
    const remove = new Set(cleanTags(change.remove ?? []).map((t) => t.toLowerCase()))
    const changed: NoteRow[] = []
    for (const id of new Set(noteIds)) {
      const note = await store.getNote(id)
      if (!note) continue
      const tags = cleanTags([...note.tags.filter((t) => !remove.has(t.toLowerCase())), ...add])
      if (tags.join(' ') !== note.tags.join(' '))
        changed.push({ ...note, tags, modifiedAt: now.getTime() })
    }
    await store.putNotes(changed)
    return changed.length
  }, ['notes'])
}

/** Moves many notes, with all their cards, to a deck (each to the end of its order). */
export async function moveNotes(
  store: Collection,
  scheduler: Scheduler,
  noteIds: readonly string[],
  deckId: string,
  now: Date,
): Promise<number> {
  let moved = 0
  for (const noteId of new Set(noteIds)) {
    const note = await store.getNote(noteId)
    if (!note || note.deckId === deckId) continue
    await editNote(store, scheduler, { noteId, fields: note.fields, tags: note.tags, deckId }, now)
    moved++
  }
  return moved
}
