import { ImportError, noProgress, type Progress } from '../../core/formats/import-error'
import { readAnkiCollection } from '../../core/formats/anki/read-collection'
import { readAnkiPackage, type MediaStorer } from '../../core/formats/anki/read-package'
import { bytesSource, wholeBytes, type ByteSource } from '../../core/formats/byte-source'
import type { SqlEngine } from '../../core/formats/anki/sqlite'
import {
  MAX_TEXT_BYTES,
  readDelimited,
  textTooLarge,
  type DelimitedText,
} from '../../core/formats/text/read-delimited'
import { BUILT_IN_NOTE_TYPES, type NoteType } from '../../core/notes/note-types'
import type { CollectionData } from './collection-data'
import { collectionFromText, defaultMapping, type RejectedRow, type TextMapping } from './from-text'
import { collectionFromAnki, type AnkiImportOptions } from './from-anki'
import { assertUsable } from './collection-check'
import { parseAnyBackup } from './backup-zip'

/** A file to import: its name (for messages and its kind), read a piece at a time. */
export type ImportFile = ByteSource

/** What a file holds, ready for `planImport`/`applyImport`, and what could not come along. */
export type ReadImport =
  | { kind: 'anki' | 'backup'; data: CollectionData; warnings: string[] }
  | {
      kind: 'text'
      data: CollectionData
      warnings: string[]
      /** The file's records and the mapping used, for the mapping step to show and change. */
      text: DelimitedText
      mapping: TextMapping
      rejected: RejectedRow[]
    }

/** What reading a text file needs from the collection, and the user's mapping if chosen. */
export interface ReadOptions {
  /** The collection's note types (text rows name them; the mapping picks one). */
  noteTypes: readonly NoteType[]
  mapping?: TextMapping
  /** The deck of rows that name none, when no mapping is given. */
  deckName?: string
  /** For an Anki package: the user's rollover hour, and whether history reschedules. */
  anki?: AnkiImportOptions
}

/** The kinds of file `readImport` takes, by extension. */
export const IMPORT_EXTENSIONS = [
  '.apkg',
  '.colpkg',
  '.zip',
  '.json',
  '.gz',
  '.csv',
  '.tsv',
  '.txt',
] as const

const extensionOf = (name: string) => name.slice(name.lastIndexOf('.')).toLowerCase()

/** The whole file, once its size is known to be within `limit` (`tooLarge` says why not). */
async function bytesWithin(file: ImportFile, limit: number, tooLarge: () => ImportError) {
  if (file.size > limit) throw tooLarge()
  return wholeBytes(file)
}

/**
 * Reads any supported file into collection rows: the one parser every host runs (the app in a
 * worker, the command line directly). An Anki package is read a piece at a time, its media
 * handed to `storeMedia` as each is read (the rows then carry only their hashes), so memory
 * holds one media file at a time. Every value is checked by the one collection check
 * (`collection-check`) before the rows are handed on. Throws ImportError naming the file,
 * place and reason.
 */
export async function readImport(
  file: ImportFile,
  engine: SqlEngine,
  now: Date,
  storeMedia: MediaStorer,
  progress: Progress = noProgress,
  options: ReadOptions = { noteTypes: BUILT_IN_NOTE_TYPES },
): Promise<ReadImport> {
  const ext = extensionOf(file.name)
  if (ext === '.apkg' || ext === '.colpkg') {
    progress(0, 'Reading the package')
    const contents = await readAnkiPackage(file, storeMedia, (f, stage) => progress(f * 0.5, stage))
    progress(0.5, 'Reading the collection')
    const anki = readAnkiCollection(contents.collection, contents.format, engine, file.name)
    progress(0.7, 'Replaying review history')
    const { data, warnings } = collectionFromAnki(anki, contents.media, now, options.anki)
    progress(0.95, 'Checking every value')
    assertUsable(data, file.name)
    progress(1, 'Read')
    return { kind: 'anki', data, warnings }
  }
  if (ext === '.zip' || ext === '.json' || file.name.toLowerCase().endsWith('.json.gz')) {
    progress(0, 'Reading the backup')
    const data = await parseAnyBackup(file, storeMedia, progress)
    progress(1, 'Read')
    return { kind: 'backup', data, warnings: [] }
  }
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') {
    progress(0.1, 'Reading the records')
    const text = readDelimited(
      await bytesWithin(file, MAX_TEXT_BYTES, () => textTooLarge(file.name, file.size)),
      file.name,
    )
    if (text.rows.length === 0) throw new ImportError(file.name, null, 'it holds no records')
    const deckName = options.deckName ?? file.name.replace(/\.[^.]+$/, '')
    const mapping = options.mapping ?? defaultMapping(text, options.noteTypes, deckName)
    const { data, rejected } = collectionFromText(text, mapping, options.noteTypes, now)
    if (data.notes.length === 0) {
      const first = rejected[0]
      throw new ImportError(
        file.name,
        first ? `line ${first.line}` : null,
        `no record makes a note${first ? ` (${first.reason})` : ''}`,
      )
    }
    assertUsable(data, file.name)
    progress(1, 'Read')
    const warnings = rejected.map((r) => `line ${r.line}: ${r.reason}`)
    return { kind: 'text', data, warnings, text, mapping, rejected }
  }
  if (ext === '.gz')
    throw new ImportError(
      file.name,
      null,
      'only Attaché backups are imported gzipped (a name ending in .json.gz); unpack other files first',
    )
  throw new ImportError(
    file.name,
    null,
    `cannot import ${ext || 'a file without an extension'}: choose one of ${IMPORT_EXTENSIONS.join(' ')}`,
  )
}

/**
 * Reads bytes already in memory (tests, the fuzz run, seeds): the media the package held come
 * back with their bytes, as they would from a backup.
 */
export async function readImportBytes(
  name: string,
  bytes: Uint8Array,
  engine: SqlEngine,
  now: Date,
  options?: ReadOptions,
): Promise<ReadImport> {
  const content = new Map<string, Uint8Array>()
  const read = await readImport(
    bytesSource(name, bytes),
    engine,
    now,
    async (hash, data) => {
      content.set(hash, data)
    },
    noProgress,
    options,
  )
  read.data.media = read.data.media.map((m) => ({ ...m, data: m.data ?? content.get(m.hash) }))
  return read
}
