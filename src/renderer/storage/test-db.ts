import 'fake-indexeddb/auto'
import { openDb, type AttacheDb } from './db'

let n = 0
/** A fresh database on fake-indexeddb (a real IndexedDB implementation) for one test. */
export async function freshDb(): Promise<AttacheDb> {
  const db = openDb(`attache-test-${++n}-${Math.random().toString(36).slice(2)}`)
  await db.open()
  return db
}
