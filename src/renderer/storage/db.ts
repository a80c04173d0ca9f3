import { Dexie, type EntityTable, type Table } from 'dexie'
import type {
  CardRow,
  DeckRow,
  MediaContentRow,
  MediaRow,
  NoteRow,
  ReviewLogRow,
  SettingRow,
  VersionRow,
} from '../../app/collection'
import type { CardDigestRow, ChangeRow, TallyRow } from '../../app/store'
import type { NoteType } from '../../core/notes/note-types'
import type { Preset } from '../../app/presets'
import { upgradeToNoteModel } from './upgrade-v3'
import { moveMediaContent } from './upgrade-v6'

export type AttacheDb = Dexie & {
  decks: EntityTable<DeckRow, 'id'>
  noteTypes: EntityTable<NoteType, 'id'>
  notes: EntityTable<NoteRow, 'id'>
  cards: EntityTable<CardRow, 'id'>
  revlog: EntityTable<ReviewLogRow, 'id'>
  settings: EntityTable<SettingRow, 'key'>
  presets: EntityTable<Preset, 'id'>
  media: EntityTable<MediaRow, 'name'>
  mediaContent: EntityTable<MediaContentRow, 'hash'>
  versions: EntityTable<VersionRow, 'id'>
  tallies: Table<TallyRow, [string, string, number]>
  digests: Table<CardDigestRow, [string, number]>
  changes: Table<ChangeRow, number>
}

const DB_NAME = 'attache'

/**
 * The tables and indexes each schema version declared (Dexie's syntax; null drops a table).
 * Kept as data so the migration tests can make a database exactly as each version left it.
 */
export const SCHEMAS = {
  1: {
    decks: 'id',
    notes: 'id, deckId',
    cards: 'id, deckId',
    reviewLogs: '++id, cardId, [deckId+review]',
    settings: 'key',
  },
  2: {},
  3: {
    noteTypes: 'id',
    notes: 'id, deckId, [deckId+position], *tags, deletedAt',
    cards:
      'id, noteId, [deckId+queue+due], [deckId+queue+position], [deckId+position], [deckId+sectionKey], buriedUntil',
    reviewLogs: null,
    revlog: 'id, [cardId+id]',
    presets: 'id',
  },
  4: { media: 'name' },
  5: { tallies: '[deckId+kind+day]', digests: '[deckId+block]' },
  6: { mediaContent: 'hash' },
  7: { changes: '++seq' },
  8: { versions: 'id, [table+key], keptAt' },
} as const satisfies Record<number, Record<string, string | null>>

/** Today's schema version. */
export const SCHEMA_VERSION = 8

/**
 * Opens the study database. Every `version(n)` stays when a new one is added; data changes
 * come with `.upgrade()`. Indexes are what the queries of `DexieStore` use: the queue by deck,
 * queue and due time or position; a deck's sections by key prefix; cards by note; the review
 * log by time and by card.
 */
export function openDb(name: string = DB_NAME): AttacheDb {
  // 'strict': a review is on disk before the next card appears.
  const db = new Dexie(name, { chromeTransactionDurability: 'strict' }) as AttacheDb
  db.version(1).stores(SCHEMAS[1])
  // Version 2: times are stored as epoch ms, not Date objects (issue 6: Dexie clones Dates by
  // their constructor, and a Date made under a fake clock came back as an empty object).
  db.version(2)
    .stores(SCHEMAS[2])
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
  // Version 3: the collection model (issue 7) — note types, notes with fields and guids, cards
  // as note + ordinal in a queue, and a review log keyed by answer time.
  db.version(3).stores(SCHEMAS[3]).upgrade(upgradeToNoteModel)
  // Version 4: media files notes refer to by name (imports, pasted images; issues 8 and 9).
  db.version(4).stores(SCHEMAS[4])
  // Version 5: kept counts for the statistics and card digests for the Sections screen (issue
  // 11, app/tallies.ts and app/card-digests.ts). Nothing to fill in: both are made from the
  // cards and logs when first needed.
  db.version(5).stores(SCHEMAS[5])
  // Version 6: media bytes stored apart, under their SHA-256 (issue 19): an import stores a
  // package's files one at a time before its notes, so memory never holds the whole package.
  db.version(6).stores(SCHEMAS[6]).upgrade(moveMediaContent)
  // Version 7: the change log (issue 21, app/collection-writes.ts): every write transaction
  // appends what it changed. Nothing to fill in: the kept counts and digests of version 6 are
  // up to date with the rows, which is where the log starts.
  db.version(7).stores(SCHEMAS[7])
  // Version 8: versions of notes, decks and presets that lost a sync conflict (issue 22,
  // app/versions.ts), kept to be brought back. Nothing to fill in.
  db.version(8).stores(SCHEMAS[8])
  return db
}
