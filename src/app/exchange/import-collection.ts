import { groupBy } from '../../core/group-by'
import { append } from '../../core/extent'
import { toStoredState } from '../../core/scheduling/stored-state'
import { Scheduler } from '../../core/scheduling/scheduler'
import { isBuiltInNoteType, type NoteType } from '../../core/notes/note-types'
import { type CardRow, type DeckRow, type NoteRow, type ReviewLogRow } from '../collection'
import { liveDeckNamed } from '../editing'
import { cardsOfNote } from '../note-cards'
import { findNoteType } from '../note-types'
import type { CollectionData, MediaFile } from './collection-data'
import { putMediaFiles, renameMediaReferences, renamedMedia } from './media-files'
import type { Collection } from '../collection-writes'

/** What to do with an incoming note whose guid is here with other content. */
export type ConflictChoice = 'keep' | 'update' | 'duplicate'

/** What an import would do (shown before it runs) or did. */
export interface ImportSummary {
  notesAdded: number
  notesUnchanged: number
  /** Notes here with other content: kept, updated or duplicated as the user chose. */
  notesConflicting: number
  cardsAdded: number
  logsAdded: number
  mediaAdded: number
  /** Incoming files whose name was taken by other bytes, stored under a new name. */
  mediaRenamed: number
  decksCreated: string[]
}

interface Writes {
  summary: ImportSummary
  decks: DeckRow[]
  noteTypes: NoteType[]
  notes: NoteRow[]
  cards: CardRow[]
  logs: ReviewLogRow[]
  media: MediaFile[]
}

const sameNote = (a: NoteRow, b: NoteRow) =>
  a.typeId === b.typeId &&
  a.tags.join(' ') === b.tags.join(' ') &&
  Object.keys({ ...a.fields, ...b.fields }).every(
    (k) => (a.fields[k] ?? '') === (b.fields[k] ?? ''),
  )

/** The guid a duplicated note gets: derived, so importing the same file again finds it. */
export const duplicateGuid = (guid: string) => `${guid}+copy`

/**
 * Works out every row an import writes, reading the store only. Guids, card ids and log ids
 * make it repeatable: what is already here with the same content is left as it is.
 */
async function importWrites(
  store: Collection,
  data: CollectionData,
  conflict: ConflictChoice,
  now: Date,
): Promise<Writes> {
  const at = now.getTime()
  const summary: ImportSummary = {
    notesAdded: 0,
    notesUnchanged: 0,
    notesConflicting: 0,
    cardsAdded: 0,
    logsAdded: 0,
    mediaAdded: 0,
    mediaRenamed: 0,
    decksCreated: [],
  }
  const writes: Writes = {
    summary,
    decks: [],
    noteTypes: [],
    notes: [],
    cards: [],
    logs: [],
    media: [],
  }

  // Media first: a renamed file changes the fields that refer to it.
  const renames = new Map<string, string>()
  const storedMedia = await store.getMedia(data.media.map((m) => m.name))
  data.media.forEach((file, i) => {
    const stored = storedMedia[i]
    if (stored && stored.hash === file.hash) return
    if (stored) {
      const name = renamedMedia(file.name, file.hash)
      renames.set(file.name, name)
      summary.mediaRenamed++
      writes.media.push({ ...file, name })
    } else writes.media.push(file)
    summary.mediaAdded++
  })
  const withMedia = (note: NoteRow): NoteRow => {
    if (renames.size === 0) return note
    const fields = { ...note.fields }
    for (const [k, v] of Object.entries(fields))
      for (const [from, to] of renames) fields[k] = renameMediaReferences(v, from, to)
    return { ...note, fields }
  }

  // Decks: the same id, else a live deck of the same name (as Anki merges), else a new one.
  const decks = await store.listDecks()
  const deckIds = new Map<string, string>()
  const targets = new Map<string, DeckRow>()
  const created = new Set<string>()
  for (const incoming of data.decks) {
    const byId = decks.find((d) => d.id === incoming.id && d.deletedAt === undefined)
    const target = byId ?? liveDeckNamed(decks, incoming.name)
    if (target) {
      deckIds.set(incoming.id, target.id)
      targets.set(target.id, target)
      continue
    }
    const taken = decks.some((d) => d.id === incoming.id)
    const row: DeckRow = {
      ...incoming,
      id: taken ? `${incoming.id}+imported` : incoming.id,
      nextPosition: 0,
    }
    delete row.deletedAt
    deckIds.set(incoming.id, row.id)
    targets.set(row.id, row)
    created.add(row.id)
    decks.push(row)
    summary.decksCreated.push(row.name)
  }
  const deckOf = (id: string) => deckIds.get(id) ?? id
  const positionBase = new Map<string, number>()
  const placeIn = (deckId: string, incomingPosition: number) => {
    const deck = targets.get(deckId)
    if (!deck) return incomingPosition
    const base = positionBase.get(deckId) ?? deck.nextPosition ?? 0
    positionBase.set(deckId, base)
    return base + incomingPosition
  }

  const storedTypes = new Set((await store.listNoteTypes()).map((t) => t.id))
  // Built-in types are the app's, never stored: a newer release's templates reach every note.
  writes.noteTypes = data.noteTypes.filter(
    (t) => !storedTypes.has(t.id) && !isBuiltInNoteType(t.id),
  )
  const typeOf = async (id: string) =>
    data.noteTypes.find((t) => t.id === id) ?? (await findNoteType(store, id))

  const cardsByNote = groupBy(data.cards, (c) => c.noteId)
  const stored = await store.getNotes(data.notes.map((n) => n.id))
  // Only notes already here can have cards here: a fresh import reads no card at all.
  const storedIds = new Set(stored.flatMap((n) => (n ? [n.id] : [])))
  const maybeStored = data.cards.filter((c) => storedIds.has(c.noteId)).map((c) => c.id)
  const storedCards = new Map(
    (await store.getCards(maybeStored)).flatMap((c) => (c ? [[c.id, c]] : [])),
  )
  const cardsKept = new Set<string>()
  const fresh = toStoredState(new Scheduler().newState(now))

  for (const [i, raw] of data.notes.entries()) {
    const incoming = withMedia(raw)
    const here = stored[i]
    const deckId = deckOf(incoming.deckId)
    const incomingCards = cardsByNote.get(incoming.id) ?? []
    if (!here) {
      const position = placeIn(deckId, incoming.position)
      writes.notes.push({ ...incoming, deckId, position })
      summary.notesAdded++
      for (const c of incomingCards) {
        writes.cards.push({ ...c, deckId: deckOf(c.deckId), position })
        cardsKept.add(c.id)
      }
      continue
    }
    const same = sameNote(here, incoming)
    if (!same) summary.notesConflicting++
    else summary.notesUnchanged++
    if (same || conflict === 'keep') {
      // Cards the note makes here but did not have yet (a template added in the other app).
      for (const c of incomingCards) {
        if (!storedCards.has(c.id))
          writes.cards.push({ ...c, deckId: deckOf(c.deckId), position: here.position })
        cardsKept.add(c.id)
      }
      continue
    }
    const type = await typeOf(incoming.typeId)
    if (!type) continue
    if (conflict === 'update') {
      const updated: NoteRow = {
        ...here,
        typeId: incoming.typeId,
        fields: incoming.fields,
        tags: incoming.tags,
        modifiedAt: at,
      }
      writes.notes.push(updated)
      const had = await store.cardsOfNotes([here.id])
      append(writes.cards, cardsOfNote(updated, type, had, fresh).rows)
      for (const c of incomingCards) cardsKept.add(c.id)
      continue
    }
    // Duplicate: a new note beside the one here; its cards start new, the history stays put.
    const copyId = duplicateGuid(incoming.id)
    const [existingCopy] = await store.getNotes([copyId])
    if (existingCopy && sameNote(existingCopy, incoming)) continue
    const position = placeIn(deckId, incoming.position)
    const copy: NoteRow = {
      ...incoming,
      id: copyId,
      deckId,
      position,
      createdAt: at,
      modifiedAt: at,
    }
    writes.notes.push(copy)
    summary.notesAdded++
    append(writes.cards, cardsOfNote(copy, type, [], fresh).rows)
  }
  summary.cardsAdded = writes.cards.filter((c) => !storedCards.has(c.id)).length

  const logIds = await store.existingLogIds(data.reviewLogs.map((l) => l.id))
  writes.logs = data.reviewLogs.filter(
    (l) => !logIds.has(l.id) && (cardsKept.has(l.cardId) || storedCards.has(l.cardId)),
  )
  summary.logsAdded = writes.logs.length

  // New decks, and decks that received notes (their next position moves past them).
  const nextPositions = new Map<string, number>()
  for (const n of writes.notes)
    nextPositions.set(n.deckId, Math.max(nextPositions.get(n.deckId) ?? 0, n.position + 1))
  for (const [id, deck] of targets)
    if (created.has(id) || nextPositions.has(id))
      writes.decks.push({
        ...deck,
        nextPosition: Math.max(deck.nextPosition ?? 0, nextPositions.get(id) ?? 0),
      })
  return writes
}

/** What importing `data` with the conflict choice `conflict` would do, without writing anything. */
export function planImport(
  store: Collection,
  data: CollectionData,
  now: Date,
  conflict: ConflictChoice = 'keep',
) {
  return store.read(async () => (await importWrites(store, data, conflict, now)).summary)
}

/**
 * Imports `data` in one transaction: every row or none, so a failure leaves the collection
 * exactly as it was. Importing the same data again changes nothing.
 */
export function applyImport(
  store: Collection,
  data: CollectionData,
  conflict: ConflictChoice,
  now: Date,
): Promise<ImportSummary> {
  return store.transaction(async () => {
    const bound = store.bound()
    const w = await importWrites(bound, data, conflict, now)
    await putMediaFiles(bound, w.media)
    await store.putNoteTypes(w.noteTypes)
    for (const d of w.decks) await store.putDeck(d)
    for (const p of data.presets) if (!(await store.getPreset(p.id))) await store.putPreset(p)
    await store.putNotes(w.notes)
    await store.putCards(w.cards)
    await store.putLogs(w.logs)
    return w.summary
  })
}

/**
 * Replaces the whole collection with `data` (a backup), in one transaction: the collection
 * afterwards is exactly the backup, settings included.
 */
export function restoreCollection(store: Collection, data: CollectionData): Promise<void> {
  return store.transaction(async () => {
    const bound = store.bound()
    await store.clearAll()
    await store.putNoteTypes(data.noteTypes.filter((t) => !isBuiltInNoteType(t.id)))
    for (const d of data.decks) await store.putDeck(d)
    for (const p of data.presets) await store.putPreset(p)
    await store.putNotes(data.notes)
    await store.putCards(data.cards)
    await store.putLogs(data.reviewLogs)
    await putMediaFiles(bound, data.media)
    for (const s of data.settings) await store.putSetting(s)
    if (data.versions?.length) await store.putVersions(data.versions)
  })
}
