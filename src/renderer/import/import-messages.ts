import type { cardStatesOf } from '../../app/exchange/collection-stats'
import type { Settings } from '../../app/settings'
import type { Statistics, StatsPeriod } from '../../app/statistics'
import type { ReadImport } from '../../app/exchange/read-import'
import type { TextMapping } from '../../app/exchange/from-text'
import type { AnkiImportOptions } from '../../app/exchange/from-anki'
import type { ConflictChoice, ImportSummary } from '../../app/exchange/import-collection'
import type { DelimitedText } from '../../core/formats/text/read-delimited'
import type { NoteType } from '../../core/notes/note-types'
import type { ServedFile } from './port-source'

/**
 * What the window asks the worker: an import session (read a file, map its columns, write
 * it), write an Anki package, make a backup or count statistics. An import's rows stay in the
 * worker from reading to writing; the window gets what it shows (issue 19: a package of
 * 2,000,000 review rows copied into the window and written from there left it without an
 * answer for up to 30 s).
 */
export type WorkerRequest =
  | ({ kind: 'read' } & ImportRequest)
  /** A text file's records mapped anew (the mapping step). */
  | { kind: 'remap'; mapping: TextMapping }
  /** The plan counted again for another choice of what becomes of notes here with other content. */
  | { kind: 'replan'; conflict: ConflictChoice }
  /** The rows read, written in one transaction, or the collection replaced by a backup's. */
  | { kind: 'apply'; conflict: ConflictChoice; replace: boolean }
  /** An Anki package of the collection (or a deck of it), read from IndexedDB in the worker. */
  | { kind: 'apkg'; deckId?: string }
  /** A backup of the collection (or a deck of it), read from IndexedDB in the worker. */
  | { kind: 'backup'; deckId?: string }
  /** Statistics of a deck or the collection, counted in the worker. */
  | { kind: 'stats'; settings: Settings; deckId: string | null; days: StatsPeriod }

export interface ImportRequest {
  /**
   * The file itself (a Blob: cloned by reference), or one the window serves (a backup in the
   * host's folder), read by the worker a piece at a time.
   */
  file: File | ServedFile
  noteTypes: readonly NoteType[]
  deckName?: string
  mapping?: TextMapping
  /** For an Anki package: the user's rollover hour, and whether history reschedules. */
  anki?: AnkiImportOptions
}

/** What the review step shows of a file read: never its rows, which stay in the worker. */
export interface ImportView {
  kind: ReadImport['kind']
  /** What could not come along, the first 200 of them. */
  warnings: string[]
  warningCount: number
  /** For a text file: its first records (the mapping step shows them), its columns and mapping. */
  text?: { preview: DelimitedText; columns: number; mapping: TextMapping }
  /** What writing it would do. */
  plan: ImportSummary
  /** The file's cards by state, and how many are due now (as the file scheduled them). */
  cards: { states: ReturnType<typeof cardStatesOf>; dueNow: number }
}

/** What the worker answers: progress, then the file's rows or why it cannot be imported. */
export type ImportResponse =
  | { type: 'progress'; fraction: number; stage: string }
  | { type: 'read'; view: ImportView }
  | { type: 'applied'; summary: ImportSummary | null }
  | { type: 'written'; bytes: Uint8Array; counts: { notes: number; cards: number } }
  /** The backup's name and counts; its bytes come as a stream (transferred), a chunk at a time. */
  | {
      type: 'backup'
      name: string
      counts: { notes: number; cards: number }
      stream: ReadableStream<Uint8Array>
    }
  | { type: 'stats'; stats: Statistics }
  | { type: 'error'; message: string }
