import type {
  CardRow,
  DeckRow,
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
  'tallies',
  'digests',
]

/** The collection in IndexedDB, through Dexie: every query is one index range. */
export class DexieStore implements StudyStore {
  constructor(readonly db: AttacheDb) {}

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
    return this.db.decks.get(id)
  }
  listDecks() {
    return this.db.decks.orderBy('id').toArray()
  }
  async putDeck(row: DeckRow) {
    await this.db.decks.put(row)
  }

  getNoteType(id: string) {
    return this.db.noteTypes.get(id)
  }
  listNoteTypes() {
    return this.db.noteTypes.toArray()
  }
  async putNoteTypes(rows: readonly NoteType[]) {
    await this.db.noteTypes.bulkPut([...rows])
  }

  getNote(id: string) {
    return this.db.notes.get(id)
  }
  getNotes(ids: readonly string[]) {
    return this.db.notes.bulkGet([...ids])
  }
  allNotes() {
    return this.db.notes.toArray()
  }
  notesOfDeck(deckId: string) {
    return this.db.notes.where('deckId').equals(deckId).toArray()
  }
  async putNotes(rows: readonly NoteRow[]) {
    await this.db.notes.bulkPut([...rows])
  }

  cardsByPositionRange(deckId: string, from: number, to: number) {
    return this.db.cards
      .where('[deckId+position]')
      .between([deckId, from], [deckId, to], true, true)
      .toArray()
  }
  notesPage(deckId: string, from: number, limit: number) {
    return this.db.notes
      .where('[deckId+position]')
      .between([deckId, from], [deckId, Infinity])
      .limit(limit)
      .toArray()
  }
  trashedNotes() {
    // Only notes in the trash have the field, so its index holds only them.
    return this.db.notes.where('deletedAt').above(0).toArray()
  }
  async allTags() {
    // The multi-entry index holds each tag once per note: its unique keys are every tag.
    return (await this.db.notes.orderBy('tags').uniqueKeys()) as string[]
  }
  getCard(id: string) {
    return this.db.cards.get(id)
  }
  getCards(ids: readonly string[]) {
    return this.db.cards.bulkGet([...ids])
  }
  async putCard(row: CardRow) {
    await keepCardWrites(this, [row], async () => {
      await this.db.cards.put(row)
    })
  }
  async putCards(rows: readonly CardRow[]) {
    await keepCardWrites(this, rows, async () => {
      await this.db.cards.bulkPut([...rows])
    })
  }
  cardsOfNotes(noteIds: readonly string[]) {
    return this.db.cards
      .where('noteId')
      .anyOf([...noteIds])
      .toArray()
  }
  private range(index: string, r: CardRange) {
    const c = this.db.cards
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
    return this.db.cards.where('buriedUntil').belowOrEqual(time).toArray()
  }
  countCards(deckId: string) {
    // Every queue from New (0) up: the retired (−1) are left out by the range.
    return this.db.cards
      .where('[deckId+queue+due]')
      .between([deckId, Queue.New, -Infinity], [deckId, Infinity, Infinity])
      .count()
  }
  sectionCards(deckId: string, prefix: string) {
    return this.db.cards
      .where('[deckId+sectionKey]')
      .between([deckId, prefix], [deckId, prefix + '\uffff'], true, true)
      .toArray()
  }

  async addLog(row: ReviewLogRow) {
    await tallyLogWrites(
      this,
      [row],
      async () => {
        await this.db.revlog.add(row)
      },
      false,
    )
  }
  getLog(id: number) {
    return this.db.revlog.get(id)
  }
  async existingLogIds(ids: readonly number[]) {
    // Keys only: no stored log is read or cloned.
    const sorted = [...ids].sort((a, b) => a - b)
    if (sorted.length === 0) return new Set<number>()
    const wanted = new Set(ids)
    const keys = await this.db.revlog
      .where('id')
      .between(sorted[0], sorted[sorted.length - 1], true, true)
      .primaryKeys()
    return new Set(keys.filter((k) => wanted.has(k)))
  }
  async putLogs(rows: readonly ReviewLogRow[]) {
    await tallyLogWrites(
      this,
      rows,
      async () => {
        await this.db.revlog.bulkPut([...rows])
      },
      true,
    )
  }
  async deleteLog(id: number) {
    await tallyLogDelete(this, id, () => this.db.revlog.delete(id))
  }
  logsSince(since: number) {
    return this.db.revlog.where('id').aboveOrEqual(since).toArray()
  }
  logsOfCard(cardId: string) {
    return this.db.revlog
      .where('[cardId+id]')
      .between([cardId, -Infinity], [cardId, Infinity])
      .toArray()
  }
  lastLogOfCard(cardId: string) {
    return this.db.revlog
      .where('[cardId+id]')
      .between([cardId, -Infinity], [cardId, Infinity])
      .last()
  }

  getPreset(id: string) {
    return this.db.presets.get(id)
  }
  listPresets() {
    return this.db.presets.toArray()
  }
  async putPreset(row: Preset) {
    await this.db.presets.put(row)
  }

  listSettings() {
    return this.db.settings.toArray()
  }
  async putSetting(row: SettingRow) {
    await this.db.settings.put(row)
  }

  getMedia(names: readonly string[]) {
    return this.db.media.bulkGet([...names])
  }
  mediaNames() {
    return this.db.media.toCollection().primaryKeys()
  }
  async putMedia(rows: readonly MediaRow[]) {
    await this.db.media.bulkPut([...rows])
  }

  getTallies(keys: readonly TallyKey[]) {
    return this.db.tallies.bulkGet(keys.map((k) => [...k]))
  }
  async putTallies(rows: readonly TallyRow[]) {
    await this.db.tallies.bulkPut([...rows])
  }
  async deleteTallies(keys: readonly TallyKey[]) {
    await this.db.tallies.bulkDelete(keys.map((k) => [...k]))
  }
  talliesOfDeck(deckId: string, kind: TallyKind, from: number, to: number) {
    return this.db.tallies
      .where('[deckId+kind+day]')
      .between([deckId, kind, from], [deckId, kind, to], true, true)
      .toArray()
  }
  async clearTallies() {
    await this.db.tallies.clear()
  }

  getDigests(keys: readonly CardDigestKey[]) {
    return this.db.digests.bulkGet(keys.map((k) => [...k]))
  }
  async putDigests(rows: readonly CardDigestRow[]) {
    await this.db.digests.bulkPut([...rows])
  }
  async deleteDigests(keys: readonly CardDigestKey[]) {
    await this.db.digests.bulkDelete(keys.map((k) => [...k]))
  }
  digestsOfDeck(deckId: string) {
    return this.db.digests
      .where('[deckId+block]')
      .between([deckId, -Infinity], [deckId, Infinity], true, true)
      .toArray()
  }

  async clearAll() {
    await Promise.all(ALL_TABLES.map((n) => this.db[n].clear()))
  }
}
