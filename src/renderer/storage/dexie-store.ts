import type {
  CardRow,
  DeckRow,
  MediaContentRow,
  MediaRow,
  NoteRow,
  ReviewLogRow,
  SettingRow,
  VersionedTable,
  VersionRow,
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
  ChangeRow,
} from '../../app/store'
import type { NoteType } from '../../core/notes/note-types'
import { Dexie, type Transaction } from 'dexie'
import type { AttacheDb } from './db'

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
  'versions',
  'tallies',
  'digests',
  'changes',
]

type Tables = Pick<AttacheDb, StoreTable>

/** The tables of `tx`, each bound to it (Dexie runs their queries there, whatever the zone). */
function boundTables(tx: Transaction): Tables {
  const tables = {} as Tables
  for (const name of ALL_TABLES)
    Object.defineProperty(tables, name, { get: () => tx.table(name), enumerable: true })
  return tables
}

/** Ends a write's promise with nothing (as the interface says). */
const done = (): void => undefined

/**
 * The collection in IndexedDB, through Dexie: every query is one index range.
 *
 * Dexie follows a transaction across native `await`s by a bounded number of microtask "echoes"
 * shared by every open zone: a chain of native async functions a few deep falls out of it (and
 * the queries after run outside the transaction). So every method returns Dexie's own promise,
 * which keeps the zone however it is chained, and work with long chains of awaits (the upkeep
 * of the derived tables) runs on `bound()`, a store whose tables are bound to the transaction
 * explicitly.
 */
export class DexieStore implements StudyStore {
  private readonly t: Tables

  constructor(
    readonly db: AttacheDb,
    private readonly tx?: Transaction,
  ) {
    this.t = tx ? boundTables(tx) : db
  }

  private tables(names?: readonly StoreTable[]) {
    return (names ?? ALL_TABLES).map((n) => this.db[n])
  }

  transaction<T>(work: () => Promise<T>, tables?: readonly StoreTable[]): Promise<T> {
    return this.db.transaction('rw', this.tables(tables), work)
  }

  read<T>(work: () => Promise<T>): Promise<T> {
    return this.db.transaction('r', this.tables(), work)
  }

  currentTransaction(): object | undefined {
    // A nested call runs in a transaction of its own whose parent is the outer one.
    let tx: (Transaction & { parent?: Transaction }) | undefined =
      this.tx ?? Dexie.currentTransaction
    while (tx?.parent) tx = tx.parent
    return tx ?? undefined
  }

  bound(): StudyStore {
    const tx = this.tx ?? Dexie.currentTransaction
    return tx ? new DexieStore(this.db, tx) : this
  }

  getDeck(id: string) {
    return this.t.decks.get(id)
  }
  listDecks() {
    return this.t.decks.orderBy('id').toArray()
  }
  putDeck(row: DeckRow) {
    return this.t.decks.put(row).then(done)
  }

  getNoteType(id: string) {
    return this.t.noteTypes.get(id)
  }
  listNoteTypes() {
    return this.t.noteTypes.toArray()
  }
  putNoteTypes(rows: readonly NoteType[]) {
    return this.t.noteTypes.bulkPut([...rows]).then(done)
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
  putNotes(rows: readonly NoteRow[]) {
    return this.t.notes.bulkPut([...rows]).then(done)
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
  putCard(row: CardRow) {
    return this.t.cards.put(row).then(done)
  }
  putCards(rows: readonly CardRow[]) {
    return this.t.cards.bulkPut([...rows]).then(done)
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

  addLog(row: ReviewLogRow) {
    return this.t.revlog.add(row).then(done)
  }
  getLog(id: number) {
    return this.t.revlog.get(id)
  }
  getLogs(ids: readonly number[]) {
    return this.t.revlog.bulkGet([...ids])
  }
  existingLogIds(ids: readonly number[]) {
    // Keys only: no stored log is read or cloned.
    const sorted = [...ids].sort((a, b) => a - b)
    const wanted = new Set(ids)
    return this.t.revlog
      .where('id')
      .between(sorted[0] ?? 0, sorted[sorted.length - 1] ?? -1, true, true)
      .primaryKeys()
      .then((keys) => new Set(keys.filter((k) => wanted.has(k))))
  }
  putLogs(rows: readonly ReviewLogRow[]) {
    return this.t.revlog.bulkPut([...rows]).then(done)
  }
  deleteLog(id: number) {
    return this.t.revlog.delete(id).then(done)
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
  putPreset(row: Preset) {
    return this.t.presets.put(row).then(done)
  }

  listSettings() {
    return this.t.settings.toArray()
  }
  putSetting(row: SettingRow) {
    return this.t.settings.put(row).then(done)
  }

  getMedia(names: readonly string[]) {
    return this.t.media.bulkGet([...names])
  }
  mediaNames() {
    return this.t.media.toCollection().primaryKeys()
  }
  putMedia(rows: readonly MediaRow[]) {
    return this.t.media.bulkPut([...rows]).then(done)
  }
  async getMediaContent(hashes: readonly string[]) {
    return (await this.t.mediaContent.bulkGet([...hashes])).map((row) => row?.data)
  }
  mediaContentHashes() {
    return this.t.mediaContent.toCollection().primaryKeys()
  }
  putMediaContent(rows: readonly MediaContentRow[]) {
    return this.t.mediaContent.bulkPut([...rows]).then(done)
  }
  deleteMediaContent(hashes: readonly string[]) {
    return this.t.mediaContent.bulkDelete([...hashes]).then(done)
  }

  getTallies(keys: readonly TallyKey[]) {
    return this.t.tallies.bulkGet(keys.map((k) => [...k]))
  }
  putTallies(rows: readonly TallyRow[]) {
    return this.t.tallies.bulkPut([...rows]).then(done)
  }
  deleteTallies(keys: readonly TallyKey[]) {
    return this.t.tallies.bulkDelete(keys.map((k) => [...k])).then(done)
  }
  talliesOfDeck(deckId: string, kind: TallyKind, from: number, to: number) {
    return this.t.tallies
      .where('[deckId+kind+day]')
      .between([deckId, kind, from], [deckId, kind, to], true, true)
      .toArray()
  }
  clearTallies() {
    return this.t.tallies.clear().then(done)
  }

  getDigests(keys: readonly CardDigestKey[]) {
    return this.t.digests.bulkGet(keys.map((k) => [...k]))
  }
  putDigests(rows: readonly CardDigestRow[]) {
    return this.t.digests.bulkPut([...rows]).then(done)
  }
  deleteDigests(keys: readonly CardDigestKey[]) {
    return this.t.digests.bulkDelete(keys.map((k) => [...k])).then(done)
  }
  digestsOfDeck(deckId: string) {
    return this.t.digests
      .where('[deckId+block]')
      .between([deckId, -Infinity], [deckId, Infinity], true, true)
      .toArray()
  }

  putVersions(rows: readonly VersionRow[]) {
    // Kept versions are never rewritten: only the ids not stored yet are added.
    return this.t.versions
      .bulkGet(rows.map((r) => r.id))
      .then((have) => this.t.versions.bulkPut(rows.filter((_, i) => !have[i])))
      .then(done)
  }
  versionsOf(table: VersionedTable, key: string) {
    return this.t.versions
      .where('[table+key]')
      .equals([table, key])
      .toArray()
      .then((rows) => rows.sort((a, b) => a.at - b.at || (a.by < b.by ? -1 : 1)))
  }
  listVersions() {
    return this.t.versions.orderBy('keptAt').reverse().toArray()
  }
  getVersion(id: string) {
    return this.t.versions.get(id)
  }

  clearAll() {
    const cleared = ALL_TABLES.filter((n) => n !== 'mediaContent' && n !== 'changes')
    return Dexie.Promise.all(cleared.map((n) => this.t[n].clear())).then(done)
  }

  appendChange(row: ChangeRow) {
    return this.t.changes.add(row).then(done)
  }
  putChanges(rows: readonly (ChangeRow & { seq: number })[]) {
    return this.t.changes.bulkPut([...rows]).then(done)
  }
  changesAfter(after: number, limit: number) {
    return this.t.changes.where('seq').above(after).limit(limit).toArray()
  }
  lastChangeSeq() {
    return this.t.changes
      .orderBy('seq')
      .lastKey()
      .then((seq) => (seq as number | undefined) ?? 0)
  }
}
