import type { CollectionData } from '../../app/exchange/collection-data'
import type { Settings } from '../../app/settings'
import type { Statistics } from '../../app/statistics'
import type { ImportFile, ReadImport } from '../../app/exchange/read-import'
import type { TextMapping } from '../../app/exchange/from-text'
import type { NoteType } from '../../core/notes/note-types'

/** What the window asks the worker: read a file, write an Anki package, or make a backup. */
export type WorkerRequest =
  | ({ kind: 'read' } & ImportRequest)
  | { kind: 'apkg'; data: CollectionData }
  /** A backup of the whole collection, read from IndexedDB in the worker. */
  | { kind: 'backup' }
  /** Statistics of a deck or the collection, counted in the worker. */
  | { kind: 'stats'; settings: Settings; deckId: string | null }

export interface ImportRequest {
  file: ImportFile
  noteTypes: readonly NoteType[]
  deckName?: string
  mapping?: TextMapping
}

/** What the worker answers: progress, then the file's rows or why it cannot be imported. */
export type ImportResponse =
  | { type: 'progress'; fraction: number; stage: string }
  | { type: 'done'; result: ReadImport }
  | { type: 'written'; bytes: Uint8Array }
  | { type: 'backup'; name: string; bytes: Uint8Array }
  | { type: 'stats'; stats: Statistics }
  | { type: 'error'; message: string }
