// `npm run bench`: medians of our code beside a baseline measured in the same run. Timings
// only; nothing here is asserted. Storage runs on fake-indexeddb in Node (the same library
// the storage tests use); bench/browser.ts repeats the answer benchmark in real Chromium.
import 'fake-indexeddb/auto'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Rating, createEmptyCard, fsrs, type Card } from 'ts-fsrs'
import { parseDeck } from '../src/core/decks/parse-deck'
import { Scheduler, fuzzSeed } from '../src/core/scheduling/scheduler'
import { toStoredState } from '../src/core/scheduling/stored-state'
import { reviewQueue, DEFAULT_LIMITS, type QueueCard } from '../src/core/study/review-queue'
import { Queue } from '../src/app/collection'
import { openDb } from '../src/renderer/storage/db'
import { syncBuiltInDeck } from '../src/app/deck-sync'
import { compareAnswering } from './answer-bench'
import { medianMs, report } from './measure'
import { dexieCollection } from '../src/renderer/storage/open-collection'

const N = 10_000
const now = new Date('2024-06-01T10:00:00Z')
const lines: string[] = []
const out = (s: string) => {
  lines.push(s)
  console.log(s)
}

out(`node ${process.version}, ${N} cards unless stated; medians of 7 runs\n`)
out(
  `${'what'.padEnd(64)} ${'ours'.padStart(11)}   ${'baseline'.padEnd(40)} ${'base'.padStart(11)}   ratio`,
)

// 1. Scheduling one review: our wrapper (seeded fuzz, field picking) vs bare ts-fsrs.
{
  const ours = new Scheduler()
  const bare = fsrs({ enable_fuzz: true })
  const cards: Card[] = Array.from({ length: N }, () => createEmptyCard(now))
  const a = await medianMs(() => {
    for (let i = 0; i < N; i++) ours.review(cards[i] as Card, 3, now, fuzzSeed(`c${i}`, 0))
  })
  const b = await medianMs(() => {
    for (let i = 0; i < N; i++) bare.next(cards[i] as Card, now, Rating.Good)
  })
  out(report('schedule one review (per card)', a, 'bare ts-fsrs next()', b, N))
}

// 2. Building the due queue over a deck of N cards vs a bare filter + sort of the same cards.
{
  const s = new Scheduler({ fuzz: false })
  const cards: QueueCard[] = Array.from({ length: N }, (_, i) => {
    const state =
      i % 3 === 0
        ? s.newState(now)
        : {
            ...s.review(s.newState(now), 4, now, 'x').state,
            due: new Date(now.getTime() - i * 60_000),
          }
    return {
      id: `c${i}`,
      noteId: `n${i >> 1}`,
      position: i,
      state: state.state,
      due: state.due.getTime(),
    }
  })
  const dayEnd = new Date(now.getTime() + 12 * 3_600_000)
  const a = await medianMs(() => {
    reviewQueue(cards, now, dayEnd, DEFAULT_LIMITS, { newCards: 0, reviews: 0, notes: new Set() })
  })
  const b = await medianMs(() => {
    cards.filter((c) => c.due < dayEnd.getTime()).sort((x, y) => x.due - y.due)
  })
  out(report('due queue for the whole deck', a, 'filter + sort by due', b))
}

// 3. Answering: one transaction through the Dexie store (get, check, schedule, log + card) vs
//    raw IndexedDB doing the same reads and writes.
{
  const M = 300
  const db = openDb(`bench-answer-${Date.now()}`)
  const store = dexieCollection(db)
  const deckText = readFileSync(
    resolve(import.meta.dirname, '../decks/bluebook-2020-global-security/deck.json'),
    'utf8',
  )
  const parsed = parseDeck({ file: 'deck.json', text: deckText })
  if (!parsed.ok) throw new Error(parsed.problem.reason)
  const scheduler = new Scheduler()
  await syncBuiltInDeck(store, parsed.deck, scheduler, now)
  const ids = ((await db.cards.toCollection().primaryKeys()) as string[]).slice(0, M)
  const { ours: a, raw: b } = await compareAnswering(store, scheduler, ids, now)
  out(report(`answer a card (${M} in a row, per answer)`, a, 'raw IndexedDB get+add+put', b))
  db.close()
}

// 4. Start-up: syncing the chapter deck into an empty database vs bulk-putting the same rows.
{
  const deckText = readFileSync(
    resolve(import.meta.dirname, '../decks/bluebook-2020-global-security/deck.json'),
    'utf8',
  )
  const parsed = parseDeck({ file: 'deck.json', text: deckText })
  if (!parsed.ok) throw new Error(parsed.problem.reason)
  const deck = parsed.deck
  const scheduler = new Scheduler()
  let n = 0
  const a = await medianMs(async () => {
    const db = openDb(`bench-sync-${n++}`)
    await syncBuiltInDeck(dexieCollection(db), deck, scheduler, now)
    db.close()
  })
  const rows = deck.facts.map((f, i) => ({
    ...toStoredState(createEmptyCard(now)),
    id: `${f.id}#0`,
    noteId: f.id,
    ord: 0,
    deckId: deck.id,
    position: i,
    sectionKey: '',
    queue: Queue.New,
    revision: 0,
  }))
  const b = await medianMs(async () => {
    const db = openDb(`bench-bulk-${n++}`)
    await db.cards.bulkPut(rows)
    db.close()
  })
  // The usual start-up: the deck is already stored and unchanged.
  const stored = openDb(`bench-stored-${n++}`)
  await syncBuiltInDeck(dexieCollection(stored), deck, scheduler, now)
  const again = await medianMs(async () => {
    await syncBuiltInDeck(dexieCollection(stored), deck, scheduler, now)
  })
  stored.close()
  const c = await medianMs(() => {
    parseDeck({ file: 'deck.json', text: deckText })
  })
  out(
    report(
      `load chapter deck (${deck.facts.length} facts) into empty DB`,
      a,
      'Dexie bulkPut of the card rows',
      b,
    ),
  )
  out(
    report(
      'start-up with the chapter deck already stored',
      again,
      'loading it into an empty DB',
      a,
    ),
  )
  out(
    report(
      'parse + validate the chapter deck file',
      c,
      '(no baseline: JSON.parse below)',
      await medianMs(() => void JSON.parse(deckText)),
    ),
  )
}
