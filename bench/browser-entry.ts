// Runs inside Chromium (bench/browser.ts): answering cards on the browser's real IndexedDB,
// with strict durability, beside raw IndexedDB doing the same reads and writes.
import { Scheduler } from '../src/core/scheduling/scheduler'
import { openDb } from '../src/renderer/storage/db'
import { syncDeck } from '../src/renderer/storage/deck-sync'
import { deck, fact } from '../src/core/testing/factories'
import { DEFAULT_SETTINGS } from '../src/renderer/storage/settings'
import {
  cardWithFace,
  doneSince,
  queueOf,
  studyDayAt,
  studyableCards,
} from '../src/renderer/storage/study-data'
import { compareAnswering } from './answer-bench'
import { medianMs } from './measure'
import { openRawDb, putRawCards } from './raw-indexeddb'

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

/**
 * The work a session does after every answer: rebuild the queue from storage (all the deck's
 * cards, today's logs). Baseline: raw IndexedDB getAll of the same card rows.
 */
async function queueBench(n: number) {
  const now = new Date('2024-06-01T10:00:00Z')
  const db = openDb(`bench-queue-${Date.now()}`)
  await syncDeck(
    db,
    deck(
      'big',
      Array.from({ length: n }, (_, i) => fact({ id: `f${i}` })),
    ),
    new Scheduler(),
    now,
  )
  const ours = await medianMs(async () => {
    const day = studyDayAt(DEFAULT_SETTINGS, now)
    const [cards, log] = await Promise.all([
      studyableCards(db, 'big', null),
      doneSince(db, 'big', day.start),
    ])
    queueOf(cards, log, DEFAULT_SETTINGS, now, day)
  })
  // What a session does between answers: today's logs from their index, the queue over the
  // cards it already holds, and the next card's row and fact.
  const held = await db.cards.toArray()
  const next = await medianMs(async () => {
    const day = studyDayAt(DEFAULT_SETTINGS, now)
    const done = await doneSince(db, 'big', day.start)
    const queue = queueOf(held, done, DEFAULT_SETTINGS, now, day)
    await cardWithFace(db, queue.order[0] ?? '')
  })
  db.close()
  const raw = await openRawDb(`bench-queue-raw-${Date.now()}`)
  const rows = await openDb(db.name).cards.toArray()
  await putRawCards(raw, rows)
  const base = await medianMs(
    () =>
      new Promise<void>((ok, fail) => {
        const r = raw.transaction('cards').objectStore('cards').getAll()
        r.onsuccess = () => ok()
        r.onerror = () => fail(r.error)
      }),
  )
  raw.close()
  return { ours, base, next, count: n }
}

Object.assign(globalThis, { answerBench, queueBench })
