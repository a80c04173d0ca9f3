import type { NoteType } from '../core/notes/note-types'
import type { Preset } from './presets'
import type {
  CardRow,
  DeckRow,
  MediaContentRow,
  MediaRow,
  NoteRow,
  Queue,
  ReviewLogRow,
  SettingRow,
  VersionedTable,
  VersionRow,
} from './collection'

/** The tables of a collection, for a transaction's scope. */
export type StoreTable =
  | 'decks'
  | 'noteTypes'
  | 'notes'
  | 'cards'
  | 'revlog'
  | 'settings'
  | 'presets'
  | 'media'
  | 'mediaContent'
  | 'versions'
  | 'tallies'
  | 'digests'
  | 'changes'

/** The tables whose rows the user made: every write to them is in the change log. */
export type UserTable = Exclude<StoreTable, 'tallies' | 'digests' | 'changes'>

/**
 * One entry of a change log row: a write to `table` of the rows under `keys` (`put` writes
 * them, `delete` removes them, `clear` empties every table). `before`: for cards and logs,
 * the rows of `keys` that were stored before the write, as they were (a key with none was
 * new), which is what the kept counts and digests need to follow the write (`derived.ts`).
 */
export interface Change {
  table: UserTable | '*'
  op: 'put' | 'delete' | 'clear'
  keys: (string | number)[]
  before?: (CardRow | ReviewLogRow)[]
}

/**
 * A row of the change log: the changes one transaction made, in order. `seq` grows with every
 * transaction that wrote (the store numbers the rows).
 */
export interface ChangeRow {
  seq?: number
  changes: Change[]
  /** When the transaction ran (epoch ms): what sync stamps the changed rows with. */
  at?: number
  /** 'sync' for what a sync brought from other devices (it is not sent back as an edit here). */
  source?: 'sync'
}

/**
 * What a tally row counts: `log` a study day's review logs of a deck's cards, `due` a deck's
 * cards due on a study day, `cards` a deck's cards (day 0), `rule` (deck '', day 0) how the
 * others were counted.
 */
export type TallyKind = 'log' | 'due' | 'cards' | 'rule'

/** A row of kept counts the statistics read instead of every log and card (`tallies.ts`). */
export interface TallyRow {
  deckId: string
  kind: TallyKind
  day: number
  n: number[]
  /** On the rule row: the time zone study days were counted in. */
  zone?: string
}

export type TallyKey = readonly [deckId: string, kind: TallyKind, day: number]

/**
 * A compact copy of a deck's cards whose positions fall in one block (`card-digests.ts`):
 * what the Sections screen needs of each card, column by column.
 */
export interface CardDigestRow {
  deckId: string
  /** ⌊position ÷ block size⌋; −1 on the row that says the deck's digest is complete. */
  block: number
  ids: string[]
  sectionKey: string[]
  position: number[]
  queue: number[]
  state: number[]
  due: number[]
  stability: number[]
  /** Epoch ms; −1 for a card never reviewed. */
  lastReview: number[]
}

export type CardDigestKey = readonly [deckId: string, block: number]

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
 * Storage, and nothing more: plain reads and writes of tables and index ranges. Dexie implements
 * it in the app, a plain in-memory store in the tests and the command line; both pass one
 * contract suite (`store-contract.ts`). Each method is one query an index can answer. No use
 * case writes to a store: they write through the `Collection` (`collection-writes.ts`), which
 * logs every change and keeps the derived tables.
 */
export interface StudyStore {
  /**
   * Runs `work` so that all its writes happen or none does. Only store calls may be awaited
   * in it. `tables` names the only tables it touches, when a store can use that (Dexie scopes
   * its IndexedDB transaction to them).
   */
  transaction<T>(work: () => Promise<T>, tables?: readonly StoreTable[]): Promise<T>
  /** Runs the reads of `work` against one consistent snapshot (one read transaction in Dexie). */
  read<T>(work: () => Promise<T>): Promise<T>
  /**
   * The transaction the caller runs in, if any: an object that stays the same for every call
   * made within one transaction (what the Collection gathers that transaction's changes under).
   */
  currentTransaction(): object | undefined
  /**
   * This store bound to the transaction the caller runs in, for work with long chains of
   * awaits (Dexie follows its transaction across native awaits only so far).
   */
  bound(): StudyStore

  getDeck(id: string): Promise<DeckRow | undefined>
  listDecks(): Promise<DeckRow[]>
  putDeck(row: DeckRow): Promise<void>

  getNoteType(id: string): Promise<NoteType | undefined>
  listNoteTypes(): Promise<NoteType[]>
  putNoteTypes(rows: readonly NoteType[]): Promise<void>

  getNote(id: string): Promise<NoteRow | undefined>
  getNotes(ids: readonly string[]): Promise<(NoteRow | undefined)[]>
  /** Every note of the collection, the trash included (export, backup). */
  allNotes(): Promise<NoteRow[]>
  notesOfDeck(deckId: string): Promise<NoteRow[]>
  putNotes(rows: readonly NoteRow[]): Promise<void>
  /** The cards of a deck with `from ≤ position ≤ to` (the cards of a page of its notes). */
  cardsByPositionRange(deckId: string, from: number, to: number): Promise<CardRow[]>
  /** Up to `limit` notes of a deck with `position ≥ from`, in position order (paging). */
  notesPage(deckId: string, from: number, limit: number): Promise<NoteRow[]>
  /** The notes in the trash. */
  trashedNotes(): Promise<NoteRow[]>
  /** Every tag used by a note, once each. */
  allTags(): Promise<string[]>

  getCard(id: string): Promise<CardRow | undefined>
  getCards(ids: readonly string[]): Promise<(CardRow | undefined)[]>
  putCard(row: CardRow): Promise<void>
  putCards(rows: readonly CardRow[]): Promise<void>
  cardsOfNotes(noteIds: readonly string[]): Promise<CardRow[]>
  /**
   * The ids of a deck's cards in a queue, in index order, read as keys only (no row is read):
   * by due time (`from ≤ due < to`, earliest first) or by position (`from ≤ position < to`).
   */
  queueIds(range: CardRange, by: 'due' | 'position'): Promise<string[]>
  /** Cards (whole rows) of a deck in a queue with `from ≤ due < to`, earliest first. */
  cardsByDue(range: CardRange): Promise<CardRow[]>
  /** The earliest-due card of a deck in a queue with `from ≤ due < to`. */
  firstByDue(range: Omit<CardRange, 'limit'>): Promise<CardRow | undefined>
  /** How many cards of a deck in a queue have `from ≤ due < to`. */
  countByDue(range: CardRange): Promise<number>
  /** How many cards a deck has: studied, suspended or buried (not retired or trashed; `isCounted`). */
  countCards(deckId: string): Promise<number>
  /** Buried cards whose `buriedUntil` is at or before `time`. */
  buriedUntil(time: number): Promise<CardRow[]>
  /** Every card of a deck whose section key starts with `prefix` ('' for all of them). */
  sectionCards(deckId: string, prefix: string): Promise<CardRow[]>

  /** Adds a log; refuses one whose id is stored. */
  addLog(row: ReviewLogRow): Promise<void>
  getLog(id: number): Promise<ReviewLogRow | undefined>
  getLogs(ids: readonly number[]): Promise<(ReviewLogRow | undefined)[]>
  /** Which of `ids` are already stored (import: a log is stored once). */
  existingLogIds(ids: readonly number[]): Promise<Set<number>>
  putLogs(rows: readonly ReviewLogRow[]): Promise<void>
  deleteLog(id: number): Promise<void>
  /** Logs with `id ≥ since` (answered since then), oldest first. */
  logsSince(since: number): Promise<ReviewLogRow[]>
  /** Up to `limit` logs with `id > after`, oldest first (the log a page at a time). */
  logsAfter(after: number, limit: number): Promise<ReviewLogRow[]>
  /** Every log of a card, oldest first. */
  logsOfCard(cardId: string): Promise<ReviewLogRow[]>
  /** The newest log of a card, if any. */
  lastLogOfCard(cardId: string): Promise<ReviewLogRow | undefined>

  getPreset(id: string): Promise<Preset | undefined>
  listPresets(): Promise<Preset[]>
  putPreset(row: Preset): Promise<void>

  listSettings(): Promise<SettingRow[]>
  putSetting(row: SettingRow): Promise<void>

  getMedia(names: readonly string[]): Promise<(MediaRow | undefined)[]>
  /** The names of every media file. */
  mediaNames(): Promise<string[]>
  putMedia(rows: readonly MediaRow[]): Promise<void>
  /** The bytes stored under each hash, if any. */
  getMediaContent(hashes: readonly string[]): Promise<(Uint8Array | undefined)[]>
  /** The hashes of every stored content (the sweep compares them with the rows'). */
  mediaContentHashes(): Promise<string[]>
  putMediaContent(rows: readonly MediaContentRow[]): Promise<void>
  deleteMediaContent(hashes: readonly string[]): Promise<void>

  /** Adds kept versions (one already stored under an id stays as it is). */
  putVersions(rows: readonly VersionRow[]): Promise<void>
  /** The kept versions of one row, oldest first. */
  versionsOf(table: VersionedTable, key: string): Promise<VersionRow[]>
  /** Every kept version, the most recently kept first. */
  listVersions(): Promise<VersionRow[]>
  getVersion(id: string): Promise<VersionRow | undefined>

  getTallies(keys: readonly TallyKey[]): Promise<(TallyRow | undefined)[]>
  putTallies(rows: readonly TallyRow[]): Promise<void>
  deleteTallies(keys: readonly TallyKey[]): Promise<void>
  /** A deck's tallies of a kind with `from ≤ day ≤ to`, by day. */
  talliesOfDeck(deckId: string, kind: TallyKind, from: number, to: number): Promise<TallyRow[]>
  clearTallies(): Promise<void>
  getDigests(keys: readonly CardDigestKey[]): Promise<(CardDigestRow | undefined)[]>
  putDigests(rows: readonly CardDigestRow[]): Promise<void>
  deleteDigests(keys: readonly CardDigestKey[]): Promise<void>
  /** Every digest row of a deck, the completeness row first. */
  digestsOfDeck(deckId: string): Promise<CardDigestRow[]>

  /**
   * Deletes every row of every table (a restore replaces the whole collection) but media
   * content, which an import may have stored for its rows (the sweep removes what no row
   * uses), and the change log (which records the clearing).
   */
  clearAll(): Promise<void>

  /** Appends a row to the change log, numbering it after every row before. */
  appendChange(row: ChangeRow): Promise<void>
  /**
   * Rewrites change log rows already in it, each under its own `seq` (the log is compacted:
   * what nothing reads any more is dropped from its rows, `change-log.ts`). Numbers nothing.
   */
  putChanges(rows: readonly (ChangeRow & { seq: number })[]): Promise<void>
  /** Up to `limit` change log rows with `seq > after`, oldest first. */
  changesAfter(after: number, limit: number): Promise<ChangeRow[]>
  /** The `seq` of the newest change log row (0 when there is none). */
  lastChangeSeq(): Promise<number>
}

/** The methods of a store that write. */
export type StoreWrite =
  | 'putDeck'
  | 'putNoteTypes'
  | 'putNotes'
  | 'putCard'
  | 'putCards'
  | 'addLog'
  | 'putLogs'
  | 'deleteLog'
  | 'putPreset'
  | 'putSetting'
  | 'putMedia'
  | 'putMediaContent'
  | 'deleteMediaContent'
  | 'putVersions'
  | 'putTallies'
  | 'deleteTallies'
  | 'clearTallies'
  | 'putDigests'
  | 'deleteDigests'
  | 'clearAll'
  | 'appendChange'
  | 'putChanges'

/** What may be read of a store: everything but its writes and its transactions. */
export type StoreReads = Omit<
  StudyStore,
  StoreWrite | 'transaction' | 'currentTransaction' | 'bound'
>

/** The read methods' names, for passing them through (`collection-writes.ts`). */
export const READ_METHODS = [
  'read',
  'getDeck',
  'listDecks',
  'getNoteType',
  'listNoteTypes',
  'getNote',
  'getNotes',
  'allNotes',
  'notesOfDeck',
  'cardsByPositionRange',
  'notesPage',
  'trashedNotes',
  'allTags',
  'getCard',
  'getCards',
  'cardsOfNotes',
  'queueIds',
  'cardsByDue',
  'firstByDue',
  'countByDue',
  'countCards',
  'buriedUntil',
  'sectionCards',
  'getLog',
  'getLogs',
  'existingLogIds',
  'logsSince',
  'logsAfter',
  'logsOfCard',
  'lastLogOfCard',
  'getPreset',
  'listPresets',
  'listSettings',
  'getMedia',
  'mediaNames',
  'getMediaContent',
  'mediaContentHashes',
  'versionsOf',
  'listVersions',
  'getVersion',
  'getTallies',
  'talliesOfDeck',
  'getDigests',
  'digestsOfDeck',
  'changesAfter',
  'lastChangeSeq',
] as const satisfies readonly (keyof StoreReads)[]

// Every read is listed: a read added to the store and not here fails to compile.
type Unlisted = Exclude<keyof StoreReads, (typeof READ_METHODS)[number]>
export const READS_COMPLETE: Unlisted extends never ? true : Unlisted = true
