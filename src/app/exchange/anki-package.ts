import type { SqlEngine } from '../../core/formats/anki/sqlite'
import { writeAnkiPackage } from '../../core/formats/anki/write-package'
import type { CollectionData } from './collection-data'
import { ankiExportOf } from './to-anki'

/** The collection (or a deck of it) as an `.apkg` Anki imports. */
export function ankiPackageOf(data: CollectionData, engine: SqlEngine, now: Date): Uint8Array {
  return writeAnkiPackage(ankiExportOf(data, now), engine)
}
