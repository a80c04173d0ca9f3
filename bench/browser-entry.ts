// Runs inside Chromium (bench/browser.ts): answering cards on the browser's real IndexedDB,
// with strict durability, beside raw IndexedDB doing the same reads and writes.
import { Scheduler } from '../src/core/scheduling/scheduler'
import { answerCard } from '../src/renderer/storage/answer'
import { openDb } from '../src/renderer/storage/db'
import { syncDeck } from '../src/renderer/storage/deck-sync'
import { deck, fact } from '../src/core/testing/factories'
import { medianMs } from './measure'

async function answerBench(m: number) {
  const now = new Date('2024-06-01T10:00:00Z')
  const scheduler = new Scheduler()
  const db = openDb(`bench-${Date.now()}`)
  await syncDeck(
    db,
    deck(
      'bench',
      Array.from({ length: m }, (_, i) => fact({ id: `f${i}` })),
    ),
    scheduler,
    now,
  )
  const ids = await db.cards.toCollection().primaryKeys()
  const revision = new Map(ids.map((id) => [id, 0]))
  let t = now.getTime()
  const ours = await medianMs(async () => {
    for (const id of ids) {
      t += 1000
      const r = await answerCard(db, scheduler, {
        cardId: id,
        revision: revision.get(id) ?? 0,
        grade: 3,
        now: new Date(t),
        durationMs: 1,
      })
      revision.set(id, r.revisionAfter)
    }
  }, 5)
  const raw = await new Promise<IDBDatabase>((ok, fail) => {
    const r = indexedDB.open(`bench-raw-${Date.now()}`, 1)
    r.onupgradeneeded = () => {
      r.result.createObjectStore('cards', { keyPath: 'id' })
      r.result.createObjectStore('logs', { autoIncrement: true })
    }
    r.onsuccess = () => ok(r.result)
    r.onerror = () => fail(r.error)
  })
  const rows = await db.cards.toArray()
  await new Promise<void>((ok) => {
    const tx = raw.transaction('cards', 'readwrite')
    for (const row of rows) tx.objectStore('cards').put(row)
    tx.oncomplete = () => ok()
  })
  const base = await medianMs(async () => {
    for (const id of ids) {
      await new Promise<void>((ok, fail) => {
        const tx = raw.transaction(['cards', 'logs'], 'readwrite', { durability: 'strict' })
        const get = tx.objectStore('cards').get(id)
        get.onsuccess = () => {
          const card = get.result as { revision: number }
          tx.objectStore('logs').add({ cardId: id, rating: 3, review: new Date() })
          tx.objectStore('cards').put({ ...card, revision: card.revision + 1 })
        }
        tx.oncomplete = () => ok()
        tx.onerror = () => fail(tx.error)
      })
    }
  }, 5)
  db.close()
  raw.close()
  return { ours: ours / ids.length, base: base / ids.length, count: ids.length }
}

Object.assign(globalThis, { answerBench })
