// Runs inside Chromium (bench/import.ts): imports of a 10,000-note .apkg and CSV through the
// app's own reader and import into its Dexie store, beside a raw IndexedDB bulk insert of the
// same rows; and a backup of the 100,000-card collection.
import initSqlJs from 'sql.js'
import { ankiPackageOf } from '../src/app/exchange/anki-package'
import { backupFile } from '../src/app/exchange/backup-zip'
import { emptyCollectionData, type CollectionData } from '../src/app/exchange/collection-data'
import { exportCollection } from '../src/app/exchange/export-collection'
import { applyImport } from '../src/app/exchange/import-collection'
import { readImportBytes } from '../src/app/exchange/read-import'
import { Queue, cardIdOf } from '../src/app/collection'
import { sqlJsEngine } from '../src/core/formats/anki/sqlite'
import { BUILT_IN_NOTE_TYPES } from '../src/core/notes/note-types'
import { Scheduler } from '../src/core/scheduling/scheduler'
import { toStoredState } from '../src/core/scheduling/stored-state'
import { openDb } from '../src/renderer/storage/db'
import { FULL, TINY, seedCollection } from './collection-seed'
import { dexieCollection } from '../src/renderer/storage/open-collection'

export interface ImportBench {
  notes: number
  apkgBytes: number
  csvBytes: number
  apkgRead: number[]
  apkgImport: number[]
  csvImport: number[]
  raw: number[]
  backup: { cards: number; logs: number; ms: number; bytes: number } | { error: string }
}

/** A collection of `n` Basic notes in one deck, each with a card, as the exporter takes it. */
function notesCollection(n: number, now: Date): CollectionData {
  const data = emptyCollectionData()
  const fresh = toStoredState(new Scheduler().newState(now))
  data.decks.push({
    id: 'src',
    name: 'Bench import',
    description: '',
    sourceTitle: null,
    origin: 'user',
    updatedAt: now.getTime(),
    nextPosition: n,
  })
  for (let i = 0; i < n; i++) {
    const id = `bench-note-${i}`
    data.notes.push({
      id,
      typeId: 'basic',
      deckId: 'src',
      fields: {
        Front: `Question ${i}: what is the figure for item ${i}?`,
        Back: `<b>${i * 7}</b> units, as of 2019`,
      },
      tags: ['bench', `group-${i % 50}`],
      section: [],
      position: i,
      retired: 0,
      modifiedAt: now.getTime(),
      createdAt: now.getTime() - n + i,
    })
    data.cards.push({
      ...fresh,
      id: cardIdOf(id, 0),
      noteId: id,
      ord: 0,
      deckId: 'src',
      position: i,
      sectionKey: '',
      queue: Queue.New,
      revision: 0,
    })
  }
  data.noteTypes = BUILT_IN_NOTE_TYPES.filter((t) => t.id === 'basic')
  return data
}

function csvOf(n: number) {
  const rows = ['#separator:tab', '#html:true', '#tags column:3']
  for (let i = 0; i < n; i++)
    rows.push(
      `Question ${i}: what is the figure for item ${i}?\t<b>${i * 7}</b> units\tbench group-${i % 50}`,
    )
  return new TextEncoder().encode(rows.join('\n') + '\n')
}

/** The same rows, bulk-put into raw IndexedDB stores with the same indexes the app's schema has. */
function rawInsert(name: string, data: CollectionData): Promise<void> {
  return new Promise((ok, fail) => {
    const open = indexedDB.open(name, 1)
    open.onupgradeneeded = () => {
      const db = open.result
      const notes = db.createObjectStore('notes', { keyPath: 'id' })
      notes.createIndex('deckId', 'deckId')
      notes.createIndex('deckPosition', ['deckId', 'position'])
      notes.createIndex('tags', 'tags', { multiEntry: true })
      notes.createIndex('deletedAt', 'deletedAt')
      const cards = db.createObjectStore('cards', { keyPath: 'id' })
      cards.createIndex('noteId', 'noteId')
      cards.createIndex('due', ['deckId', 'queue', 'due'])
      cards.createIndex('position', ['deckId', 'queue', 'position'])
      cards.createIndex('deckPosition', ['deckId', 'position'])
      cards.createIndex('section', ['deckId', 'sectionKey'])
      cards.createIndex('buriedUntil', 'buriedUntil')
      db.createObjectStore('decks', { keyPath: 'id' })
    }
    open.onerror = () => fail(open.error)
    open.onsuccess = () => {
      const db = open.result
      const tx = db.transaction(['notes', 'cards', 'decks'], 'readwrite', { durability: 'strict' })
      for (const d of data.decks) tx.objectStore('decks').put(d)
      for (const n of data.notes) tx.objectStore('notes').put(n)
      for (const c of data.cards) tx.objectStore('cards').put(c)
      tx.oncomplete = () => {
        db.close()
        ok()
      }
      tx.onerror = () => fail(tx.error)
    }
  })
}

async function importBench(sizeName: 'full' | 'tiny'): Promise<ImportBench> {
  const n = sizeName === 'tiny' ? 1_000 : 10_000
  const runs = sizeName === 'tiny' ? 2 : 5
  const now = new Date('2026-03-02T10:00:00Z')
  const engine = sqlJsEngine(await initSqlJs({ locateFile: () => '/sql-wasm.wasm' }))
  const apkg = ankiPackageOf(notesCollection(n, now), engine, now)
  const csv = csvOf(n)
  const types = BUILT_IN_NOTE_TYPES
  const out: ImportBench = {
    notes: n,
    apkgBytes: apkg.length,
    csvBytes: csv.length,
    apkgRead: [],
    apkgImport: [],
    csvImport: [],
    raw: [],
    backup: { error: 'not run' },
  }
  for (let r = 0; r < runs; r++) {
    const tag = `${Date.now()}-${r}`
    // End to end: read the package (unzip, SQLite, history, rows) and import it in one transaction.
    let t = performance.now()
    const read = await readImportBytes('bench.apkg', apkg, engine, now, {
      noteTypes: types,
    })
    out.apkgRead.push(performance.now() - t)
    const db = openDb(`bench-import-apkg-${tag}`)
    await applyImport(dexieCollection(db), read.data, 'keep', now)
    out.apkgImport.push(performance.now() - t)
    db.close()

    t = performance.now()
    const csvRead = await readImportBytes('bench.csv', csv, engine, now, {
      noteTypes: types,
    })
    const csvDb = openDb(`bench-import-csv-${tag}`)
    await applyImport(dexieCollection(csvDb), csvRead.data, 'keep', now)
    out.csvImport.push(performance.now() - t)
    csvDb.close()

    t = performance.now()
    await rawInsert(`bench-import-raw-${tag}`, read.data)
    out.raw.push(performance.now() - t)
  }

  // A backup of the full collection: everything read and written as the backup archive.
  const size = sizeName === 'tiny' ? TINY : FULL
  const seeded = openDb(`bench-backup-${Date.now()}`)
  await seeded.open()
  await seedCollection(seeded, size, now.getTime())
  try {
    const t = performance.now()
    const store = dexieCollection(seeded)
    const rows = await exportCollection(store, { mediaBytes: false })
    const file = backupFile(rows, async (hash) => (await store.getMediaContent([hash]))[0], now)
    let bytes = 0
    for await (const chunk of file.chunks) bytes += chunk.length
    out.backup = { cards: size.cards, logs: size.logs, ms: performance.now() - t, bytes }
  } catch (e) {
    out.backup = { error: e instanceof Error ? e.message : String(e) }
  }
  seeded.close()
  return out
}

;(globalThis as unknown as { importBench: typeof importBench }).importBench = importBench
