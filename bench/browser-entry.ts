// Runs inside Chromium (bench/browser.ts): answering cards on the browser's real IndexedDB,
// with strict durability, beside raw IndexedDB doing the same reads and writes.
import { Scheduler } from '../src/core/scheduling/scheduler'
import { openDb } from '../src/renderer/storage/db'
import { syncDeck } from '../src/renderer/storage/deck-sync'
import { deck, fact } from '../src/core/testing/factories'
import { compareAnswering } from './answer-bench'

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
  const r = await compareAnswering(db, scheduler, ids, now)
  db.close()
  return { ours: r.ours, base: r.raw, count: ids.length }
}

Object.assign(globalThis, { answerBench })
