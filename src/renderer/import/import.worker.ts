/// <reference lib="webworker" />
// Imports and Anki exports off the window's thread: the same readImport and ankiPackageOf the
// command line runs, with sql.js loaded from the bundle's own WASM file (nothing is fetched
// from elsewhere).
import initSqlJs from 'sql.js'
import wasmUrl from 'sql.js/dist/sql-wasm.wasm?url'
import { ankiPackageOf } from '../../app/exchange/anki-package'
import { backupFile } from '../../app/exchange/backup-zip'
import { exportCollection } from '../../app/exchange/export-collection'
import { readImport, type ReadImport } from '../../app/exchange/read-import'
import { assertUsable } from '../../app/exchange/collection-check'
import { collectionFromText } from '../../app/exchange/from-text'
import {
  applyImport,
  planImport,
  restoreCollection,
  type ConflictChoice,
} from '../../app/exchange/import-collection'
import { EditError } from '../../app/editing'
import { cardStatesOf, cardsDueBy } from '../../app/exchange/collection-stats'
import { contentStoredIn, sweepMediaContent } from '../../app/exchange/media-files'
import { blobSource } from './blob-source'
import { portSource } from './port-source'
import { largest } from '../../core/extent'
import type { NoteType } from '../../core/notes/note-types'
import { writeErrorMessage } from '../storage/storage-errors'
import { statisticsOf } from '../../app/statistics'
import { openDb } from '../storage/db'
import { sqlJsEngine, type SqlEngine } from '../../core/formats/anki/sqlite'
import { ImportError } from '../../core/formats/import-error'
import type { ImportResponse, ImportView, WorkerRequest } from './import-messages'
import { dexieCollection } from '../storage/open-collection'

let engine: Promise<SqlEngine> | undefined
const sqlEngine = () => (engine ??= initSqlJs({ locateFile: () => wasmUrl }).then(sqlJsEngine))

const post = (message: ImportResponse, transfer: Transferable[] = []) =>
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(message, transfer)

/** The import this worker holds between the window's steps: the file's rows never leave it. */
let session: {
  file: string
  read: ReadImport
  noteTypes: readonly NoteType[]
  /** What becomes of notes here with other content: the plan counts what this choice writes. */
  conflict: ConflictChoice
} | null = null
let sessionDb: ReturnType<typeof openDb> | null = null
const sessionStore = () => dexieCollection((sessionDb ??= openDb()))

/** How many of a text file's records the mapping step is shown. */
const PREVIEW_ROWS = 20

async function viewOf(read: ReadImport, conflict: ConflictChoice): Promise<ImportView> {
  const now = new Date()
  const plan = await planImport(sessionStore(), read.data, now, conflict)
  const view: ImportView = {
    kind: read.kind,
    warnings: read.warnings.slice(0, 200),
    warningCount: read.warnings.length,
    plan,
    cards: { states: cardStatesOf(read.data), dueNow: cardsDueBy(read.data, now) },
  }
  if (read.kind === 'text')
    view.text = {
      preview: { ...read.text, rows: read.text.rows.slice(0, PREVIEW_ROWS) },
      columns: largest(read.text.rows, (r) => r.cells.length, 0),
      mapping: read.mapping,
    }
  return view
}

/** Chunks as a stream the window reads (transferred: the chunks are pulled as it writes them). */
function streamOf(chunks: AsyncIterable<Uint8Array>, done: () => void): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await iterator.next()
        if (!next.done) return controller.enqueue(next.value)
        controller.close()
      } catch (e) {
        controller.error(e instanceof Error ? new Error(e.message) : e)
      }
      done()
    },
    async cancel() {
      await iterator.return?.()
      done()
    },
  })
}

/** A write the storage refused, in the app's words (nothing of it was written). */
const storageRefusal = (e: unknown) =>
  e instanceof ImportError || e instanceof EditError ? e.message : writeErrorMessage(e)

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data
  const name =
    request.kind === 'read'
      ? request.file.name
      : request.kind === 'apkg'
        ? 'the Anki package'
        : (session?.file ?? 'the backup')
  if (request.kind === 'remap' || request.kind === 'replan' || request.kind === 'apply') {
    const held = session
    if (!held) {
      post({ type: 'error', message: 'There is no file being imported; choose it again.' })
      return
    }
    try {
      if (request.kind === 'replan') {
        held.conflict = request.conflict
        post({ type: 'read', view: await viewOf(held.read, held.conflict) })
        return
      }
      if (request.kind === 'remap') {
        if (held.read.kind !== 'text') throw new Error('only a text file has a mapping')
        const { data, rejected } = collectionFromText(
          held.read.text,
          request.mapping,
          held.noteTypes,
          new Date(),
        )
        assertUsable(data, held.file)
        const warnings = rejected.map((r) => `line ${r.line}: ${r.reason}`)
        held.read = { ...held.read, mapping: request.mapping, rejected, data, warnings }
        post({ type: 'read', view: await viewOf(held.read, held.conflict) })
        return
      }
      const store = sessionStore()
      if (request.replace && held.read.kind === 'backup') {
        await restoreCollection(store, held.read.data)
        await sweepMediaContent(store)
        post({ type: 'applied', summary: null })
      } else {
        const summary = await applyImport(store, held.read.data, request.conflict, new Date())
        await sweepMediaContent(store)
        post({ type: 'applied', summary })
      }
    } catch (e) {
      post({ type: 'error', message: storageRefusal(e) })
    }
    return
  }
  try {
    if (request.kind === 'stats') {
      // A year of a large collection's logs takes seconds to read and count: never on the window.
      const db = openDb()
      try {
        const options = {
          days: request.days,
          ...(request.deckId ? { deckId: request.deckId } : {}),
        }
        post({
          type: 'stats',
          stats: await statisticsOf(dexieCollection(db), request.settings, new Date(), options),
        })
      } finally {
        db.close()
      }
      return
    }
    if (request.kind === 'backup') {
      // The rows read on this thread; the media are read one at a time as the archive is
      // written, and the archive goes to the window as a stream it writes as it comes.
      const db = openDb()
      try {
        const store = dexieCollection(db)
        const rows = await exportCollection(store, {
          mediaBytes: false,
          ...(request.deckId ? { deckId: request.deckId } : {}),
        })
        const file = backupFile(
          rows,
          async (hash) => (await store.getMediaContent([hash]))[0],
          new Date(),
        )
        const stream = streamOf(file.chunks, () => db.close())
        post(
          {
            type: 'backup',
            name: file.name,
            counts: { notes: rows.notes.length, cards: rows.cards.length },
            stream,
          },
          [stream],
        )
      } catch (e) {
        db.close()
        throw e
      }
      return
    }
    if (request.kind === 'apkg') {
      const db = openDb()
      try {
        const data = await exportCollection(
          dexieCollection(db),
          request.deckId ? { deckId: request.deckId } : {},
        )
        const bytes = ankiPackageOf(data, await sqlEngine(), new Date())
        const counts = { notes: data.notes.length, cards: data.cards.length }
        post({ type: 'written', bytes, counts }, [bytes.buffer as ArrayBuffer])
      } finally {
        db.close()
      }
      return
    }
    const { file, noteTypes, deckName, mapping, anki } = request
    const store = sessionStore()
    // What an earlier import stored and never used (it was cancelled or refused) goes first.
    await sweepMediaContent(store)
    const read = await readImport(
      file instanceof File ? blobSource(file) : portSource(file),
      await sqlEngine(),
      new Date(),
      contentStoredIn(store),
      (fraction, stage) => post({ type: 'progress', fraction, stage }),
      {
        noteTypes,
        ...(deckName ? { deckName } : {}),
        ...(mapping ? { mapping } : {}),
        ...(anki ? { anki } : {}),
      },
    )
    session = { file: file.name, read, noteTypes, conflict: 'keep' }
    post({ type: 'progress', fraction: 1, stage: 'Working out what it would change' })
    post({ type: 'read', view: await viewOf(read, session.conflict) })
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
