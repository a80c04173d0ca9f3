import type { NoteType } from '../core/notes/note-types'
import type { CardRow, DeckRow, NoteRow, Queue, ReviewLogRow, SettingRow } from './collection'

/** A range of cards in one deck and queue, by due time (ms) or by position. */
export interface CardRange {
  deckId: string
  queue: Queue
  /** Inclusive lower and exclusive upper bound. */
  from: number
  to: number
  limit?: number
}

/**
 * What the use cases need from storage. Dexie implements it in the app, a plain in-memory
 * store in the tests and the command line; no use case knows which. Each method is one query
 * an index can answer.
 */
export interface StudyStore {
  /** Runs `work` so that all its writes happen or none does. Only store calls may be awaited in it. */
  transaction<T>(work: () => Promise<T>): Promise<T>

  getDeck(id: string): Promise<DeckRow | undefined>
  listDecks(): Promise<DeckRow[]>
  putDeck(row: DeckRow): Promise<void>

  getNoteType(id: string): Promise<NoteType | undefined>
  putNoteTypes(rows: readonly NoteType[]): Promise<void>

  getNote(id: string): Promise<NoteRow | undefined>
  notesOfDeck(deckId: string): Promise<NoteRow[]>
  putNotes(rows: readonly NoteRow[]): Promise<void>

  getCard(id: string): Promise<CardRow | undefined>
  getCards(ids: readonly string[]): Promise<(CardRow | undefined)[]>
  putCards(rows: readonly CardRow[]): Promise<void>
  cardsOfNotes(noteIds: readonly string[]): Promise<CardRow[]>
  /** Cards of a deck in a queue with `from ≤ due < to`, earliest first. */
  cardsByDue(range: CardRange): Promise<CardRow[]>
  /** Cards of a deck in a queue with `from ≤ position < to`, in position order. */
  cardsByPosition(range: CardRange): Promise<CardRow[]>
  /** How many cards of a deck in a queue have `from ≤ due < to`. */
  countByDue(range: CardRange): Promise<number>
  /** Every card of a deck whose section key starts with `prefix` (all of it for ''). */
  cardsOfSection(deckId: string, prefix: string): Promise<CardRow[]>

  addLog(row: ReviewLogRow): Promise<void>
  getLog(id: number): Promise<ReviewLogRow | undefined>
  deleteLog(id: number): Promise<void>
  /** Logs with `id ≥ since` (answered since then), oldest first. */
  logsSince(since: number): Promise<ReviewLogRow[]>
  /** The newest log of a card, if any. */
  lastLogOfCard(cardId: string): Promise<ReviewLogRow | undefined>

  listSettings(): Promise<SettingRow[]>
  putSetting(row: SettingRow): Promise<void>
}
