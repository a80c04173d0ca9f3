// Injected into a page of the built web app's origin (bench/ui.ts): seeds the app's own
// database with the benchmark collection before the app opens it.
import { openDb } from '../src/renderer/storage/db'
import { FULL, TINY, seedCollection } from './collection-seed'

async function seedApp(size: 'full' | 'tiny') {
  const db = openDb()
  await db.open()
  await seedCollection(db, size === 'tiny' ? TINY : FULL, Date.now())
  db.close()
}

Object.assign(globalThis, { seedApp })
