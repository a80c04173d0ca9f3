import { expect } from 'vitest'
import { unzipSync, zipSync } from 'fflate'
import initSqlJs, { type Database } from 'sql.js'
import { ankiPackageOf } from '../app/exchange/anki-package'
import { exportCollection } from '../app/exchange/export-collection'
import { applyImport } from '../app/exchange/import-collection'
import { mediaRow, putMediaFiles } from '../app/exchange/media-files'
import { readImportBytes } from '../app/exchange/read-import'
import { addNote, createDeck } from '../app/editing'
import { scheduler, t0 } from '../app/testing'
import { ImportError } from '../core/formats/import-error'
import { nodeSqlEngine } from './node-sqlite'
import { collectionWithOwnNote } from './fuzz/import-one'
import { type Collection, memoryCollection } from '../app/collection-writes'

/** Test helpers for importing crafted files: a valid package to take apart, and a refusal check. */

const engine = await nodeSqlEngine()

/** A small, valid package: one deck, one note with an image. */
export async function validPackage() {
  const store = memoryCollection()
  await createDeck(store, { id: 'd', name: 'Deck' }, t0)
  await addNote(
    store,
    scheduler,
    {
      guid: 'g1',
      deckId: 'd',
      typeId: 'basic',
      fields: { Front: 'Q <img src="a.png">', Back: 'A' },
      tags: [],
    },
    t0,
  )
  await putMediaFiles(store, [mediaRow('a.png', new Uint8Array([137, 80, 78, 71]), 0)])
  return ankiPackageOf(await exportCollection(store), engine, t0)
}

/** The entries of a package, to take apart and rebuild. */
export async function entriesOfValid() {
  return unzipSync(await validPackage())
}

/** Imports `bytes` as `name` into a collection that already holds a note; returns the error. */
export async function refused(name: string, bytes: Uint8Array): Promise<ImportError> {
  const store = await collectionWithOwnNote(t0)
  const before = await exportCollection(store)
  let error: unknown
  try {
    const read = await readImportBytes(name, bytes, engine, t0)
    await applyImport(store, read.data, 'keep', t0)
  } catch (e) {
    error = e
  }
  expect(await exportCollection(store)).toEqual(before)
  expect(error).toBeInstanceOf(ImportError)
  expect((error as ImportError).file).toBe(name)
  return error as ImportError
}

/**
 * A collection exported as an Anki package, with its database changed by `edit` first (SQL, as
 * Anki or a damaged file would have it), zipped again.
 */
export async function editedExport(
  store: Collection,
  edit: (db: Database) => void,
): Promise<Uint8Array> {
  const entries: Record<string, Uint8Array> = unzipSync(
    ankiPackageOf(await exportCollection(store), engine, t0),
  )
  const SQL = await initSqlJs()
  const db = new SQL.Database(entries['collection.anki21'])
  try {
    edit(db)
    entries['collection.anki21'] = db.export() as Uint8Array
  } finally {
    db.close()
  }
  return zipSync(entries)
}

/** A collection of one deck (id d, named `deckName`) holding one Basic note g1 with `front` and back "A". */
export async function deckWithNote(front: string, deckName = 'Deck') {
  const store = memoryCollection()
  await createDeck(store, { id: 'd', name: deckName }, t0)
  await addNote(
    store,
    scheduler,
    { guid: 'g1', deckId: 'd', typeId: 'basic', fields: { Front: front, Back: 'A' }, tags: [] },
    t0,
  )
  return store
}
