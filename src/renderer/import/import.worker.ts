/// <reference lib="webworker" />
// Imports and Anki exports off the window's thread: the same readImport and ankiPackageOf the
// command line runs, with sql.js loaded from the bundle's own WASM file (nothing is fetched
// from elsewhere).
import initSqlJs from 'sql.js'
import wasmUrl from 'sql.js/dist/sql-wasm.wasm?url'
import { ankiPackageOf } from '../../app/exchange/anki-package'
import { backupFile } from '../../app/exchange/backups'
import { exportCollection } from '../../app/exchange/export-collection'
import { readImport } from '../../app/exchange/read-import'
import { statisticsOf } from '../../app/statistics'
import { openDb } from '../storage/db'
import { DexieStore } from '../storage/dexie-store'
import { sqlJsEngine, type SqlEngine } from '../../core/formats/anki/sqlite'
import { ImportError } from '../../core/formats/import-error'
import type { ImportResponse, WorkerRequest } from './import-messages'

let engine: Promise<SqlEngine> | undefined
const sqlEngine = () => (engine ??= initSqlJs({ locateFile: () => wasmUrl }).then(sqlJsEngine))

const post = (message: ImportResponse, transfer: Transferable[] = []) =>
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(message, transfer)

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data
  const name =
    request.kind === 'read'
      ? request.file.name
      : request.kind === 'apkg'
        ? 'the Anki package'
        : 'the backup'
  try {
    if (request.kind === 'stats') {
      // A year of a large collection's logs takes seconds to read and count: never on the window.
      const db = openDb()
      try {
        const options = request.deckId ? { deckId: request.deckId } : {}
        post({
          type: 'stats',
          stats: await statisticsOf(new DexieStore(db), request.settings, new Date(), options),
        })
      } finally {
        db.close()
      }
      return
    }
    if (request.kind === 'backup') {
      // The collection read on this thread: a large one takes seconds to serialize and gzip.
      const db = openDb()
      try {
        const file = backupFile(await exportCollection(new DexieStore(db)), new Date())
        post({ type: 'backup', name: file.name, bytes: file.bytes }, [
          file.bytes.buffer as ArrayBuffer,
        ])
      } finally {
        db.close()
      }
      return
    }
    if (request.kind === 'apkg') {
      const bytes = ankiPackageOf(request.data, await sqlEngine(), new Date())
      post({ type: 'written', bytes }, [bytes.buffer as ArrayBuffer])
      return
    }
    const { file, noteTypes, deckName, mapping } = request
    const result = readImport(
      file,
      await sqlEngine(),
      new Date(),
      (fraction, stage) => post({ type: 'progress', fraction, stage }),
      { noteTypes, ...(deckName ? { deckName } : {}), ...(mapping ? { mapping } : {}) },
    )
    post(
      { type: 'done', result },
      result.data.media.map((m) => m.data.buffer as ArrayBuffer),
    )
  } catch (e) {
    post({
      type: 'error',
      message:
        e instanceof ImportError
          ? e.message
          : `${name}: could not be ${request.kind === 'read' ? 'read' : 'written'} (${e instanceof Error ? e.message : String(e)})`,
    })
  }
}
