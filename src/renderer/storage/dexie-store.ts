import type {
  CardRow,
  DeckRow,
  MediaContentRow,
  MediaRow,
  NoteRow,
  ReviewLogRow,
  SettingRow,
} from '../../app/collection'
import { Queue } from '../../app/collection'
import type { Preset } from '../../app/presets'
import type {
  CardRange,
  StoreTable,
  StudyStore,
  TallyKey,
  TallyKind,
  TallyRow,
  CardDigestKey,
  CardDigestRow,
} from '../../app/store'
import { keepCardWrites, tallyLogDelete, tallyLogWrites } from '../../app/tallies'
import type { NoteType } from '../../core/notes/note-types'
import { Dexie, type Transaction } from 'dexie'
import type { AttacheDb } from './db'

const TALLIED: readonly StoreTable[] = ['cards', 'revlog', 'tallies', 'digests']

const ALL_TABLES: readonly StoreTable[] = [
  'decks',
  'noteTypes',
  'notes',
  'cards',
  'revlog',
  'settings',
  'presets',
  'media',
  'mediaContent',
  'tallies',
  'digests',
]

type Tables = Pick<AttacheDb, StoreTable>

/** The tables of `tx`, each bound to it (Dexie runs their queries there, whatever the zone). */
function boundTables(tx: Transaction): Tables {
  const tables = {} as Tables
  for (const name of ALL_TABLES)
    Object.defineProperty(tables, name, { get: () => tx.table(name), enumerable: true })
  return tables
}

/**
 * The collection in IndexedDB, through Dexie: every query is one index range.
 *
 * Card and log writes also keep the tallies and card digests (`app/tallies.ts`), which takes
 * them through several async functions of the app layer. Dexie follows a transaction across
 * native `await`s by a bounded number of microtask "echoes" shared by every open zone, and with
 * the window's live queries open beside a long write that budget ran out: queries after it ran
 * outside the transaction (PrematureCommitError at start-up). So those writes run on a store
 * whose tables are bound to the transaction explicitly, and hand their caller a Dexie promise,
 * which brings the caller back into its transaction when it resolves.
 */
export class DexieStore implements StudyStore {
  private readonly t: Tables

  constructor(
    readonly db: AttacheDb,
    private readonly tx?: Transaction,
  ) {
    this.t = tx ? boundTables(tx) : db
  }

  /**
   * Runs a write with its upkeep on a store bound to the current transaction, or to one of its
   * own when called outside any (so the write and its upkeep are one).
   */
  private kept(write: (store: DexieStore) => Promise<void>): Promise<void> {
    const tx = this.tx ?? Dexie.currentTransaction
    if (tx) return Dexie.Promise.resolve(write(new DexieStore(this.db, tx)))
    return this.db.transaction('rw', this.tables(TALLIED), (own) =>
      write(new DexieStore(this.db, own)),
    )
  }

  private tables(names?: readonly StoreTable[]) {
    const { db } = this
    // Writing cards or logs reads the other and keeps the tallies (app/tallies.ts).
    const scope = new Set(names ?? ALL_TABLES)
    if (scope.has('cards') || scope.has('revlog')) for (const t of TALLIED) scope.add(t)
    return [...scope].map((n) => db[n])
  }

  transaction<T>(work: () => Promise<T>, tables?: readonly StoreTable[]): Promise<T> {
    return this.db.transaction('rw', this.tables(tables), work)
  }

  read<T>(work: () => Promise<T>): Promise<T> {
    return this.db.transaction('r', this.tables(), work)
  }

  getDeck(id: string) {
    return this.t.decks.get(id)
  }
  listDecks() {
    return this.t.decks.orderBy('id').toArray()
  }
  async putDeck(row: DeckRow) {
    await this.t.decks.put(row)
  }

  getNoteType(id: string) {
    return this.t.noteTypes.get(id)
  }
  listNoteTypes() {
    return this.t.noteTypes.toArray()
  }
  async putNoteTypes(rows: readonly NoteType[]) {
    await this.t.noteTypes.bulkPut([...rows])
  }

  getNote(id: string) {
    return this.t.notes.get(id)
  }
  getNotes(ids: readonly string[]) {
    return this.t.notes.bulkGet([...ids])
  }
  allNotes() {
    return this.t.notes.toArray()
  }
  notesOfDeck(deckId: string) {
    return this.t.notes.where('deckId').equals(deckId).toArray()
  }
  async putNotes(rows: readonly NoteRow[]) {
    await this.t.notes.bulkPut([...rows])
  }

  cardsByPositionRange(deckId: string, from: number, to: number) {
    return this.t.cards
      .where('[deckId+position]')
      .between([deckId, from], [deckId, to], true, true)
      .toArray()
  }
  notesPage(deckId: string, from: number, limit: number) {
    return this.t.notes
      .where('[deckId+position]')
      .between([deckId, from], [deckId, Infinity])
      .limit(limit)
      .toArray()
  }
  trashedNotes() {
    // Only notes in the trash have the field, so its index holds only them.
    return this.t.notes.where('deletedAt').above(0).toArray()
  }
  async allTags() {
    // The multi-entry index holds each tag once per note: its unique keys are every tag.
    return (await this.t.notes.orderBy('tags').uniqueKeys()) as string[]
  }
  getCard(id: string) {
    return this.t.cards.get(id)
  }
  getCards(ids: readonly string[]) {
    return this.t.cards.bulkGet([...ids])
  }
  putCard(row: CardRow, replacing?: CardRow) {
    return this.kept((s) =>
      keepCardWrites(
        s,
        [row],
        async () => {
          await s.t.cards.put(row)
        },
        replacing,
      ),
    )
  }
  putCards(rows: readonly CardRow[]) {
    return this.kept((s) =>
      keepCardWrites(s, rows, async () => {
        await s.t.cards.bulkPut([...rows])
      }),
    )
  }
  cardsOfNotes(noteIds: readonly string[]) {
    return this.t.cards
      .where('noteId')
      .anyOf([...noteIds])
      .toArray()
  }
  private range(index: string, r: CardRange) {
    const c = this.t.cards
      .where(index)
      .between([r.deckId, r.queue, r.from], [r.deckId, r.queue, r.to], true, false)
    return r.limit === undefined ? c : c.limit(r.limit)
  }
  async queueIds(r: CardRange, by: 'due' | 'position') {
    // Primary keys only: IndexedDB's getAllKeys on the index, no row is read or cloned.
    const index = by === 'due' ? '[deckId+queue+due]' : '[deckId+queue+position]'
    return (await this.range(index, r).primaryKeys()) as string[]
  }
  cardsByDue(r: CardRange) {
    return this.range('[deckId+queue+due]', r).toArray()
  }
  firstByDue(r: Omit<CardRange, 'limit'>) {
    return this.range('[deckId+queue+due]', r).first()
  }
  countByDue(r: CardRange) {
    return this.range('[deckId+queue+due]', r).count()
  }
  buriedUntil(time: number) {
    // Only buried cards have the field, so the index holds only them.
    return this.t.cards.where('buriedUntil').belowOrEqual(time).toArray()
  }
  async countCards(deckId: string) {
    // Two ranges of the queue index: buried and suspended (−3, −2), then New (0) up; the
    // retired (−1) and trashed (−4) fall outside both.
    const count = (from: number, to: number) =>
      this.t.cards
        .where('[deckId+queue+due]')
        .between([deckId, from, -Infinity], [deckId, to, Infinity], true, true)
        .count()
    const [aside, studied] = await Promise.all([
      count(Queue.Buried, Queue.Suspended),
      count(Queue.New, Infinity),
    ])
    return aside + studied
  }
  sectionCards(deckId: string, prefix: string) {
    return this.t.cards
      .where('[deckId+sectionKey]')
      .between([deckId, prefix], [deckId, prefix + '\uffff'], true, true)
      .toArray()
  }

  addLog(row: ReviewLogRow, card?: CardRow) {
    return this.kept((s) =>
      tallyLogWrites(
        s,
        [row],
        async () => {
          await s.t.revlog.add(row)
        },
        false,
        card,
      ),
    )
  }
  getLog(id: number) {
    return this.t.revlog.get(id)
  }
  async existingLogIds(ids: readonly number[]) {
    // Keys only: no stored log is read or cloned.
    const sorted = [...ids].sort((a, b) => a - b)
    if (sorted.length === 0) return new Set<number>()
    const wanted = new Set(ids)
    const keys = await this.t.revlog
      .where('id')
      .between(sorted[0], sorted[sorted.length - 1], true, true)
      .primaryKeys()
    return new Set(keys.filter((k) => wanted.has(k)))
  }
  putLogs(rows: readonly ReviewLogRow[]) {
    return this.kept((s) =>
      tallyLogWrites(
        s,
        rows,
        async () => {
          await s.t.revlog.bulkPut([...rows])
        },
        true,
      ),
    )
  }
  deleteLog(id: number) {
    return this.kept((s) =>
      tallyLogDelete(s, id, async () => {
        await s.t.revlog.delete(id)
      }),
    )
  }
  logsSince(since: number) {
    return this.t.revlog.where('id').aboveOrEqual(since).toArray()
  }
  logsAfter(after: number, limit: number) {
    return this.t.revlog.where('id').above(after).limit(limit).toArray()
  }
  logsOfCard(cardId: string) {
    return this.t.revlog
      .where('[cardId+id]')
      .between([cardId, -Infinity], [cardId, Infinity])
      .toArray()
  }
  lastLogOfCard(cardId: string) {
    return this.t.revlog
      .where('[cardId+id]')
      .between([cardId, -Infinity], [cardId, Infinity])
      .last()
  }

  getPreset(id: string) {
    return this.t.presets.get(id)
  }
  listPresets() {
    return this.t.presets.toArray()
  }
  async putPreset(row: Preset) {
    await this.t.presets.put(row)
  }

  listSettings() {
    return this.t.settings.toArray()
  }
  async putSetting(row: SettingRow) {
    await this.t.settings.put(row)
  }

  getMedia(names: readonly string[]) {
    return this.t.media.bulkGet([...names])
  }
  mediaNames() {
    return this.t.media.toCollection().primaryKeys()
  }
  async putMedia(rows: readonly MediaRow[]) {
    await this.t.media.bulkPut([...rows])
  }
  async getMediaContent(hashes: readonly string[]) {
    return (await this.t.mediaContent.bulkGet([...hashes])).map((row) => row?.data)
  }
  mediaContentHashes() {
    return this.t.mediaContent.toCollection().primaryKeys()
  }
  async putMediaContent(rows: readonly MediaContentRow[]) {
    await this.t.mediaContent.bulkPut([...rows])
  }
  async deleteMediaContent(hashes: readonly string[]) {
    await this.t.mediaContent.bulkDelete([...hashes])
  }

  getTallies(keys: readonly TallyKey[]) {
    return this.t.tallies.bulkGet(keys.map((k) => [...k]))
  }
  async putTallies(rows: readonly TallyRow[]) {
    await this.t.tallies.bulkPut([...rows])
  }
  async deleteTallies(keys: readonly TallyKey[]) {
    await this.t.tallies.bulkDelete(keys.map((k) => [...k]))
  }
  talliesOfDeck(deckId: string, kind: TallyKind, from: number, to: number) {
    return this.t.tallies
      .where('[deckId+kind+day]')
      .between([deckId, kind, from], [deckId, kind, to], true, true)
      .toArray()
  }
  async clearTallies() {
    await this.t.tallies.clear()
  }

  getDigests(keys: readonly CardDigestKey[]) {
    return this.t.digests.bulkGet(keys.map((k) => [...k]))
  }
  async putDigests(rows: readonly CardDigestRow[]) {
    await this.t.digests.bulkPut([...rows])
  }
  async deleteDigests(keys: readonly CardDigestKey[]) {
    await this.t.digests.bulkDelete(keys.map((k) => [...k]))
  }
  digestsOfDeck(deckId: string) {
    return this.t.digests
      .where('[deckId+block]')
      .between([deckId, -Infinity], [deckId, Infinity], true, true)
      .toArray()
  }

  async clearAll() {
    const cleared = ALL_TABLES.filter((n) => n !== 'mediaContent')
    await Promise.all(cleared.map((n) => this.t[n].clear()))
  }
}
