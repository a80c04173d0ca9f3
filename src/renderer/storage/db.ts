import { Dexie, type EntityTable } from 'dexie'
import type { Template } from '../../core/cards/card-templates'
import type { Fact } from '../../core/decks/deck-schema'
import type { StoredReview, StoredState } from '../../core/scheduling/stored-state'

export interface DeckRow {
  id: string
  name: string
  description: string
  sourceTitle: string | null
  /** Where the deck came from: built in (from `decks/`) for now; imports come later. */
  origin: 'built-in'
  /** Epoch ms of the last sync that wrote the deck. */
  updatedAt: number
  /** Fingerprint of the facts and cards last written; an unchanged deck is not rewritten. */
  fingerprint?: number
}

/** A fact (Anki's "note"): written once, viewed through one or more cards. */
export interface NoteRow {
  id: string
  deckId: string
  factId: string
  /** The fact's place in its deck file: sections are listed in this order. */
  position: number
  fact: Fact
}

/** A card: its scheduling state (times in epoch ms) and where it sits. */
export type CardRow = StoredState & {
  id: string
  deckId: string
  noteId: string
  template: Template
  position: number
  /** Bumped on every write; an answer names the revision it saw, or is refused. */
  revision: number
  /** 1 when the deck no longer defines this card; its history is kept in case it returns. */
  retired: 0 | 1
}

/** One answer, append-only; `review` is the answer time in epoch ms. */
export type ReviewLogRow = StoredReview & {
  id: number
  cardId: string
  deckId: string
  noteId: string
  /** Time from showing the card to the grade. */
  durationMs: number
}

export interface SettingRow {
  key: string
  value: unknown
}

export type AttacheDb = Dexie & {
  decks: EntityTable<DeckRow, 'id'>
  notes: EntityTable<NoteRow, 'id'>
  cards: EntityTable<CardRow, 'id'>
  reviewLogs: EntityTable<ReviewLogRow, 'id'>
  settings: EntityTable<SettingRow, 'key'>
}

export const DB_NAME = 'attache'

/**
 * Opens the study database. Every `version(n)` stays when a new one is added; data changes
 * come with `.upgrade()`. Indexes are only what is queried: cards and notes by deck, logs by
 * card (undo, history) and by deck and time (today's counts).
 */
export function openDb(name: string = DB_NAME): AttacheDb {
  // 'strict': a review is on disk before the next card appears.
  const db = new Dexie(name, { chromeTransactionDurability: 'strict' }) as AttacheDb
  db.version(1).stores({
    decks: 'id',
    notes: 'id, deckId',
    cards: 'id, deckId',
    reviewLogs: '++id, cardId, [deckId+review]',
    settings: 'key',
  })
  // Version 2: times are stored as epoch ms, not Date objects (issue 6: Dexie clones Dates by
  // their constructor, and a Date made under a fake clock came back as an empty object).
  db.version(2)
    .stores({})
    .upgrade(async (tx) => {
      const ms = (d: unknown) => (d instanceof Date ? d.getTime() : d)
      await tx
        .table('cards')
        .toCollection()
        .modify((c: Record<string, unknown>) => {
          c['due'] = ms(c['due'])
          if (c['last_review'] !== undefined) c['last_review'] = ms(c['last_review'])
        })
      await tx
        .table('reviewLogs')
        .toCollection()
        .modify((l: Record<string, unknown>) => {
          l['due'] = ms(l['due'])
          l['review'] = ms(l['review'])
        })
      await tx
        .table('decks')
        .toCollection()
        .modify((d: Record<string, unknown>) => {
          d['updatedAt'] = ms(d['updatedAt'])
        })
    })
  return db
}
