import { ImportError, noProgress, type Progress } from '../../core/formats/import-error'
import { readAnkiCollection } from '../../core/formats/anki/read-collection'
import { readAnkiPackage } from '../../core/formats/anki/read-package'
import type { SqlEngine } from '../../core/formats/anki/sqlite'
import type { CollectionData } from './collection-data'
import { collectionFromAnki } from './from-anki'
import { parseBackup } from './backup-format'

/** A file to import: its name (for messages and its kind) and its bytes. */
export interface ImportFile {
  name: string
  bytes: Uint8Array
}

/** What a file holds, ready for `planImport`/`applyImport`, and what could not come along. */
export interface ReadImport {
  kind: 'anki' | 'backup'
  data: CollectionData
  warnings: string[]
}

/** The kinds of file `readImport` takes, by extension. */
export const IMPORT_EXTENSIONS = ['.apkg', '.colpkg', '.json'] as const

const extensionOf = (name: string) => name.slice(name.lastIndexOf('.')).toLowerCase()

/**
 * Reads any supported file into collection rows: the one parser every host runs (the app in a
 * worker, the command line directly). Throws ImportError naming the file, place and reason.
 */
export function readImport(
  file: ImportFile,
  engine: SqlEngine,
  now: Date,
  progress: Progress = noProgress,
): ReadImport {
  const ext = extensionOf(file.name)
  if (ext === '.apkg' || ext === '.colpkg') {
    progress(0.05, 'Opening the package')
    const contents = readAnkiPackage(file.bytes, file.name)
    progress(0.3, 'Reading the collection')
    const anki = readAnkiCollection(contents.collection, contents.format, engine, file.name)
    progress(0.6, 'Replaying review history')
    const { data, warnings } = collectionFromAnki(anki, contents.media, now)
    progress(1, 'Read')
    return { kind: 'anki', data, warnings }
  }
  if (ext === '.json') {
    progress(0.1, 'Reading the backup')
    const data = parseBackup(file.bytes, file.name)
    progress(1, 'Read')
    return { kind: 'backup', data, warnings: [] }
  }
  throw new ImportError(
    file.name,
    null,
    `cannot import ${ext || 'a file without an extension'}: choose an ${IMPORT_EXTENSIONS.join(', ')} file`,
  )
}
