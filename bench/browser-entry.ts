// Runs inside Chromium (bench/browser.ts): the collection at full size on the browser's real
// IndexedDB, each of our measures beside a raw-IndexedDB baseline taken in the same run.
import { answerCard } from '../src/app/answer'
import { searchCards } from '../src/app/search'
import { statisticsOf } from '../src/app/statistics'
import { DEFAULT_SETTINGS } from '../src/app/settings'
import { deckOverviews, sectionOverview, studyQueue } from '../src/app/study-queue'
import { StudySession } from '../src/app/study-session'
import { Scheduler } from '../src/core/scheduling/scheduler'
import { openDb } from '../src/renderer/storage/db'
import { FULL, TINY, seedCollection } from './collection-seed'
import { openRawDb, putRawCards, rawAnswer } from './raw-indexeddb'
import { dexieCollection } from '../src/renderer/storage/open-collection'
import { logRow } from '../src/app/testing'
import type { BenchStorage } from './bench-page'

export interface BenchResult {
  id: string
  what: string
  ours: number
  baseline: number
  /** 'score': a Lighthouse category score, 0–100. */
  unit: 'ms' | 'MB' | 'score'
  ratio: number
  cards: number
  /** What the figure is: a median, the 95th percentile, or the largest seen. */
  stat: 'median' | 'p95' | 'max'
  baselineWhat: string
  /** Where Chromium kept IndexedDB for the figure (bench-page.ts), for IndexedDB figures. */
  storage?: BenchStorage
}

const percentile = (xs: readonly number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((s.length - 1) * p))] ?? NaN
}

async function timings(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn()
  const out: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await fn()
    out.push(performance.now() - t)
  }
  return out
}

function rawRequest<T>(open: () => IDBRequest<T>): Promise<T> {
  return new Promise((ok, fail) => {
    const r = open()
    r.onsuccess = () => ok(r.result)
    r.onerror = () => fail(r.error)
  })
}

const rawOpen = (name: string) => rawRequest(() => indexedDB.open(name))

async function collectionBench(sizeName: 'full' | 'tiny') {
  const size = sizeName === 'tiny' ? TINY : FULL
  const now = new Date('2026-03-02T10:00:00Z')
  const settings = DEFAULT_SETTINGS
  const name = `bench-collection-${Date.now()}`
  const seedStart = performance.now()
  const seeding = openDb(name)
  await seeding.open()
  await seedCollection(seeding, size, now.getTime())
  seeding.close()
  const seedMs = performance.now() - seedStart
  const firstDeck = { deckId: 'deck-00', section: null }
  const results: BenchResult[] = []
  const add = (r: Omit<BenchResult, 'ratio' | 'unit' | 'cards'> & { cards?: number }): void => {
    results.push({ unit: 'ms', cards: size.cards, ...r, ratio: r.ours / r.baseline })
  }

  // Open the app → first card: open the database, then what the study session does first
  // (use-study-session.ts, through a StudySession): the deck's preset and scheduler, today's
  // log, and the next card.
  const open = await timings(7, async () => {
    const db = openDb(name)
    const first = await new StudySession(dexieCollection(db), firstDeck, settings).next(now)
    if (!first.view) throw new Error('the first deck has no card to study')
    db.close()
  })
  const openBase = await timings(7, async () => {
    const raw = await rawOpen(name)
    await rawRequest(() => raw.transaction('cards').objectStore('cards').get('deck-00/n0#0'))
    raw.close()
  })
  add({
    id: 'open-first-card',
    what: 'open the database → first card ready (queue, faces, interval labels)',
    ours: percentile(open, 0.5),
    baseline: percentile(openBase, 0.5),
    stat: 'median',
    baselineWhat: 'open the same database, read one row',
  })

  const db = openDb(name)
  const store = dexieCollection(db)
  const scheduler = new Scheduler()

  // What a collection from before schema 5 does once (the seeded one has neither tallies nor
  // digests): the Sections screen reads the card rows until its first opening makes the deck's
  // card digest; the statistics' first call counts every card and log into tallies. All that
  // follows runs with both kept, as in use: after every answer below they follow the change
  // log, in a transaction of their own while the next card is made ready.
  const sectionsRows = await timings(3, () => sectionOverview(store, 'deck-00', settings, now))
  const firstOpen = performance.now()
  await Promise.all([store.makeDigest('deck-00'), sectionOverview(store, 'deck-00', settings, now)])
  const sectionsFirst = performance.now() - firstOpen
  const before = performance.now()
  const { recounted } = await statisticsOf(store, settings, now)
  if (!recounted) throw new Error('the seeded collection already had tallies')
  const recount = [performance.now() - before]

  // Grade → next card ready, 200 answers in a row, as the study screen does them, through a
  // StudySession: the deck's preset and scheduler and today's log read once, the log then kept
  // current from each answer, and the deck's index reads kept and brought forward; the
  // answer's transaction, then `nextCard` (the queue, the card's faces and its four interval
  // labels in one read). And the answer on its own.
  const grade: number[] = []
  const answerOnly: number[] = []
  let t = now.getTime()
  const session = new StudySession(store, firstDeck, settings)
  const { scheduler: sessionScheduler } = await session.options()
  let shown = (await session.next(now)).view
  for (let i = 0; i < 200 && shown; i++) {
    t += 4000
    const start = performance.now()
    const receipt = await answerCard(store, sessionScheduler, {
      cardId: shown.card.id,
      revision: shown.card.revision,
      grade: ((i % 4) + 1) as 1 | 2 | 3 | 4,
      now: new Date(t),
      durationMs: 4000,
    })
    answerOnly.push(performance.now() - start)
    session.answered(receipt)
    shown = (await session.next(new Date(t))).view
    grade.push(performance.now() - start)
  }
  let q = await studyQueue(store, firstDeck, settings, new Date(t))
  // The derived tables following one answer: timed on its own, after each of 50 answers.
  const followOnly: number[] = []
  for (let i = 0; i < 50 && q.order[0]; i++) {
    const id = q.order[0]
    const card = await store.getCard(id)
    t += 4000
    await store.follow()
    await answerCard(store, scheduler, {
      cardId: id,
      revision: card?.revision ?? 0,
      grade: 3,
      now: new Date(t),
      durationMs: 4000,
    })
    const start = performance.now()
    await store.follow()
    followOnly.push(performance.now() - start)
    q = await studyQueue(store, firstDeck, settings, new Date(t))
  }
  const raw = await openRawDb(`bench-raw-${Date.now()}`)
  const rows = await db.cards.limit(200).toArray()
  await putRawCards(raw, rows)
  const rawTimes: number[] = []
  for (const row of rows) {
    const start = performance.now()
    await rawAnswer(raw, row.id)
    rawTimes.push(performance.now() - start)
  }
  raw.close()
  // The floor Dexie itself sets: the answer's requests (card and log-id reads, log add, card
  // put, change row) in one bare Dexie transaction, on a database of these cards alone.
  const floorDb = openDb(`bench-dexie-floor-${Date.now()}`)
  await floorDb.cards.bulkPut(rows)
  const floorTimes: number[] = []
  let floorLogId = Date.now()
  for (const row of rows) {
    const start = performance.now()
    await floorDb.transaction('rw', [floorDb.cards, floorDb.revlog, floorDb.changes], async () => {
      const id = floorLogId++
      const [card] = await Promise.all([floorDb.cards.get(row.id), floorDb.revlog.get(id)])
      if (!card) throw new Error(`no card ${row.id}`)
      const after = { ...card, revision: card.revision + 1 }
      await Promise.all([
        floorDb.revlog.add({ ...logRow(id, card.id), before: card }),
        floorDb.cards.put(after),
        floorDb.changes.add({
          changes: [
            { table: 'revlog', op: 'put', keys: [id], before: [] },
            { table: 'cards', op: 'put', keys: [card.id], before: [card] },
          ],
        }),
      ])
    })
    floorTimes.push(performance.now() - start)
  }
  floorDb.close()
  add({
    id: 'grade-next-card-p95',
    what: `grade → next card ready, ${grade.length} answers`,
    ours: percentile(grade, 0.95),
    baseline: percentile(rawTimes, 0.95),
    stat: 'p95',
    baselineWhat: 'raw IndexedDB card put + log add',
  })
  add({
    id: 'grade-next-card-median',
    what: `grade → next card ready, ${grade.length} answers`,
    ours: percentile(grade, 0.5),
    baseline: percentile(rawTimes, 0.5),
    stat: 'median',
    baselineWhat: 'raw IndexedDB card put + log add',
  })
  add({
    id: 'answer-transaction',
    what: 'answer transaction alone (card + log, strict durability)',
    ours: percentile(answerOnly, 0.5),
    baseline: percentile(rawTimes, 0.5),
    stat: 'median',
    baselineWhat: 'raw IndexedDB get + log add + card put',
  })
  add({
    id: 'answer-transaction-dexie-floor',
    what: 'the same requests in one bare Dexie transaction (no use case, no Collection)',
    ours: percentile(floorTimes, 0.5),
    baseline: percentile(rawTimes, 0.5),
    stat: 'median',
    baselineWhat: 'raw IndexedDB get + log add + card put',
  })
  add({
    id: 'answer-follow',
    what: 'counts and digests following one answer (after it commits, off the answer path)',
    ours: percentile(followOnly, 0.5),
    baseline: percentile(rawTimes, 0.5),
    stat: 'median',
    baselineWhat: 'raw IndexedDB get + log add + card put',
  })

  // The deck list: every deck's counts.
  const decks = await timings(7, () => deckOverviews(store, settings, new Date(t)))
  const deckIds = (await db.decks.toCollection().primaryKeys()) as string[]
  const rawDb = await rawOpen(name)
  const decksBase = await timings(7, () =>
    Promise.all(
      deckIds.map((d) =>
        rawRequest(() =>
          rawDb
            .transaction('cards')
            .objectStore('cards')
            .index('[deckId+queue+due]')
            .count(IDBKeyRange.bound([d, -Infinity, -Infinity], [d, Infinity, Infinity])),
        ),
      ),
    ),
  )
  add({
    id: 'deck-list-counts',
    what: `deck list with counts, ${deckIds.length} decks`,
    ours: percentile(decks, 0.5),
    baseline: percentile(decksBase, 0.5),
    stat: 'median',
    baselineWhat: 'raw IndexedDB count of each deck',
  })

  // The Sections screen of the first deck, its digest kept.
  const sections = await timings(7, () => sectionOverview(store, 'deck-00', settings, new Date(t)))
  const sectionsBase = await timings(7, () =>
    rawRequest(() =>
      rawDb
        .transaction('cards')
        .objectStore('cards')
        .index('[deckId+sectionKey]')
        .getAll(IDBKeyRange.bound(['deck-00', ''], ['deck-00', '\uffff'])),
    ),
  )
  rawDb.close()
  add({
    id: 'sections-10k',
    what: `Sections screen of a ${size.firstDeckCards}-card deck`,
    ours: percentile(sections, 0.5),
    baseline: percentile(sectionsBase, 0.5),
    stat: 'median',
    baselineWhat: 'raw IndexedDB getAll of its cards',
    cards: size.firstDeckCards,
  })
  add({
    id: 'sections-10k-first',
    what: `Sections screen of a ${size.firstDeckCards}-card deck, first opening (its digest made)`,
    ours: sectionsFirst,
    baseline: percentile(sectionsRows, 0.5),
    stat: 'median',
    baselineWhat: 'the same screen read from the card rows',
    cards: size.firstDeckCards,
  })
  // The card browser: the first rows of a search (deck + tag + word, and free text).
  const searchDeck = await timings(5, () =>
    searchCards(store, 'deck:"Bench deck 3" tag:t3 question', settings, new Date(t), 50, true),
  )
  const searchText = await timings(5, () =>
    searchCards(store, 'question 12', settings, new Date(t), 50, true),
  )
  const rawAll = await rawOpen(name)
  const scanBase = await timings(5, () =>
    rawRequest(() => rawAll.transaction('cards').objectStore('cards').getAll()),
  )
  rawAll.close()
  add({
    id: 'search-deck-tag-word',
    what: 'search deck:X tag:Y word → first 50 rows',
    ours: percentile(searchDeck, 0.5),
    baseline: percentile(scanBase, 0.5),
    stat: 'median',
    baselineWhat: 'raw IndexedDB getAll of every card',
  })
  add({
    id: 'search-free-text',
    what: 'search free text over the collection → first 50 rows',
    ours: percentile(searchText, 0.5),
    baseline: percentile(scanBase, 0.5),
    stat: 'median',
    baselineWhat: 'raw IndexedDB getAll of every card',
  })
  // The Statistics screen's numbers: the whole collection and a year of its review logs, from
  // the kept tallies.
  const stats = await timings(3, () => statisticsOf(store, settings, new Date(t)))
  const rawLogs = await rawOpen(name)
  const logsBase = await timings(3, () =>
    rawRequest(() =>
      rawLogs
        .transaction('revlog')
        .objectStore('revlog')
        .getAll(IDBKeyRange.lowerBound(t - 365 * 86_400_000)),
    ),
  )
  // Every log read raw, as the recount must: a page of 10,000 at a time in one transaction.
  const everyLogStart = performance.now()
  await new Promise<void>((ok, fail) => {
    const logs = rawLogs.transaction('revlog').objectStore('revlog')
    const page = (after: number) => {
      const r = logs.getAll(IDBKeyRange.lowerBound(after, true), 10_000)
      r.onsuccess = () => {
        const rows = r.result as { id: number }[]
        const last = rows.at(-1)
        if (rows.length < 10_000 || !last) ok()
        else page(last.id)
      }
      r.onerror = () => fail(r.error)
    }
    page(-Infinity)
  })
  const everyLogBase = performance.now() - everyLogStart
  rawLogs.close()
  add({
    id: 'statistics',
    what: 'statistics of the collection (a year of logs)',
    ours: percentile(stats, 0.5),
    baseline: percentile(logsBase, 0.5),
    stat: 'median',
    baselineWhat: 'raw IndexedDB getAll of a year of logs',
  })
  add({
    id: 'statistics-recount',
    what: 'statistics, first call after an upgrade (every card and log counted once)',
    ours: percentile(recount, 0.5),
    baseline: everyLogBase,
    stat: 'median',
    baselineWhat: 'raw IndexedDB read of every log (getAll, pages of 10,000)',
  })
  db.close()
  return { results, seedMs, size }
}

Object.assign(globalThis, { collectionBench })
