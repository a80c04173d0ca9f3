import type { CardRow, DeckRow, NoteRow, ReviewLogRow, SettingRow } from '../../app/collection'
import type { CardRange, StudyStore } from '../../app/store'
import type { NoteType } from '../../core/notes/note-types'
import type { AttacheDb } from './db'

/** The collection in IndexedDB, through Dexie: every query is one index range. */
export class DexieStore implements StudyStore {
  constructor(readonly db: AttacheDb) {}

  transaction<T>(work: () => Promise<T>): Promise<T> {
    const { db } = this
    return db.transaction(
      'rw',
      [db.decks, db.noteTypes, db.notes, db.cards, db.revlog, db.settings],
      work,
    )
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
  async putNoteTypes(rows: readonly NoteType[]) {
    await this.db.noteTypes.bulkPut([...rows])
  }

  getNote(id: string) {
    return this.db.notes.get(id)
  }
  notesOfDeck(deckId: string) {
    return this.db.notes.where('deckId').equals(deckId).toArray()
  }
  async putNotes(rows: readonly NoteRow[]) {
    await this.db.notes.bulkPut([...rows])
  }

  getCard(id: string) {
    return this.db.cards.get(id)
  }
  getCards(ids: readonly string[]) {
    return this.db.cards.bulkGet([...ids])
  }
  async putCards(rows: readonly CardRow[]) {
    await this.db.cards.bulkPut([...rows])
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
  cardsByDue(r: CardRange) {
    return this.range('[deckId+queue+due]', r).toArray()
  }
  cardsByPosition(r: CardRange) {
    return this.range('[deckId+queue+position]', r).toArray()
  }
  countByDue(r: CardRange) {
    return this.range('[deckId+queue+due]', r).count()
  }
  cardsOfSection(deckId: string, prefix: string) {
    return this.db.cards
      .where('[deckId+sectionKey]')
      .between([deckId, prefix], [deckId, prefix + '\uffff'], true, true)
      .toArray()
  }

  async addLog(row: ReviewLogRow) {
    await this.db.revlog.add(row)
  }
  getLog(id: number) {
    return this.db.revlog.get(id)
  }
  async deleteLog(id: number) {
    await this.db.revlog.delete(id)
  }
  logsSince(since: number) {
    return this.db.revlog.where('id').aboveOrEqual(since).toArray()
  }
  lastLogOfCard(cardId: string) {
    return this.db.revlog
      .where('[cardId+id]')
      .between([cardId, -Infinity], [cardId, Infinity])
      .last()
  }

  listSettings() {
    return this.db.settings.toArray()
  }
  async putSetting(row: SettingRow) {
    await this.db.settings.put(row)
  }
}
