// `npm run bench` (part): sync through the sync server users start (`npm run sync-server`),
// over HTTP on this machine. The collection is the benchmark's (100,000 cards and 1,000,000
// review logs; `--tiny`: 2,000 and 10,000; `--medium`: 10,000 and 100,000), in the command
// line's memory store and PouchDB memory replicas.
// - First sync to an empty device: the whole collection received and applied, against PouchDB
//   replicating the same documents between the same two endpoints (the baseline: the protocol
//   alone, nothing applied).
// - Incremental sync after 200 answers, against PouchDB replicating the same number of new
//   documents.
// - What the server holds per review log, at two sizes.
// One run each (a first sync at full size takes minutes; `--tiny` is npm test's check that it
// runs); `--runs=N` for medians of N.
// Writes bench/sync-results(.tiny).json.
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { memoryCollection, type Collection } from '../src/app/collection-writes'
import { answerCard } from '../src/app/answer'
import { replicateBoth, syncOnce, type Replica } from '../src/app/sync/sync'
import { Scheduler } from '../src/core/scheduling/scheduler'
import { memoryReplica, serverDatabase } from '../src/cli/pouch'
import { startSyncServer } from '../src/cli/sync-server-testing'
import { FULL, TINY, seedCollection, type BenchSize } from './collection-seed'
import { report } from './measure'

const tiny = process.argv.includes('--tiny')
const medium = process.argv.includes('--medium')
const size: BenchSize = tiny
  ? TINY
  : medium
    ? { decks: 10, firstDeckCards: 1_000, cards: 10_000, logs: 100_000 }
    : FULL
const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 1)
const scheduler = new Scheduler()
const now = Date.UTC(2026, 5, 1, 12)
const auth = { username: 'bench', password: 'bench' }

/** The collection of `size` in a memory store, written through the Collection (one transaction). */
async function benchCollection(): Promise<Collection> {
  const c = memoryCollection()
  await c.transaction(async () => {
    await seedCollection(
      {
        noteTypes: { bulkPut: (rows) => c.putNoteTypes(rows) },
        decks: { put: (row) => c.putDeck(row) },
        notes: { bulkAdd: (rows) => c.putNotes(rows) },
        cards: { bulkAdd: (rows) => c.putCards(rows) },
        revlog: { bulkAdd: (rows) => c.putLogs(rows) },
      },
      size,
      now,
    )
  })
  return c
}

const server = await startSyncServer(auth.username, auth.password)

const remoteOf = (name: string) => serverDatabase(`${server.url}/${name}`, auth, 600_000)

function sync(collection: Collection, local: ReturnType<typeof memoryReplica>, db: string) {
  const remote = remoteOf(db)
  return syncOnce({
    collection,
    local: local as unknown as Replica,
    replicate: () => replicateBoth(local, remote),
    schedulerFor: () => Promise.resolve(scheduler),
    now: () => new Date(now),
  })
}

const time = async (fn: () => Promise<unknown>) => {
  const t = performance.now()
  await fn()
  return performance.now() - t
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN

const rows: { id: string; what: string; ms: number; baselineMs: number }[] = []
/** Keeps a row and prints it at once (a full-size run takes long between rows). */
const measured = (row: (typeof rows)[number]) => {
  rows.push(row)
  console.log(report(row.what, row.ms, 'PouchDB replicating the same', row.baselineMs))
}
const label = `${size.cards.toLocaleString('en')} cards, ${size.logs.toLocaleString('en')} logs`
console.log(
  `\nSync through the sync server over HTTP (${label}); ${runs === 1 ? 'one run' : `medians of ${runs}`}\n`,
)

// The first device sends the collection once.
const source = await benchCollection()
const db = 'bench-first'
const sending = memoryReplica('a')
const sendMs = await time(() => sync(source, sending, db))
// Its replica is not used again: at full size it holds 1.2 million documents in this process.
await sending.destroy()
const docs = ((await remoteOf(db).info()) as { doc_count: number }).doc_count
console.log(
  `first device's first sync (sent ${docs.toLocaleString('en')} documents): ${(sendMs / 1000).toFixed(1)} s`,
)

// A first sync to an empty device, against PouchDB replicating the same documents alone.
const ours: number[] = []
const base: number[] = []
for (let i = 0; i < runs; i++) {
  base.push(
    await time(async () => {
      const plain = memoryReplica('plain')
      await plain.replicate.from(remoteOf(db), { batch_size: 500 })
      await plain.destroy()
    }),
  )
  ours.push(
    await time(async () => {
      const replica = memoryReplica('b')
      await sync(memoryCollection(), replica, db)
      await replica.destroy()
    }),
  )
}
measured({
  id: 'sync-first-to-empty-device',
  what: `first sync to an empty device (${docs.toLocaleString('en')} documents)`,
  ms: median(ours),
  baselineMs: median(base),
})

// 200 answers on the first device, then its sync; against replicating as many new documents.
const replica = memoryReplica('a2')
const incDb = 'bench-incremental'
await sync(source, replica, incDb)
const cards = await source.cardsByDue({
  deckId: 'deck-00',
  queue: 2,
  from: 0,
  to: Infinity,
  limit: 200,
})
const incremental: number[] = []
const incrementalBase: number[] = []
for (let round = 0; round < runs; round++) {
  let at = now + (round + 1) * 86_400_000
  for (const card of cards) {
    const fresh = await source.getCard(card.id)
    if (!fresh) continue
    await answerCard(source, scheduler, {
      cardId: card.id,
      revision: fresh.revision,
      grade: 3,
      now: new Date((at += 1000)),
      durationMs: 3000,
    })
  }
  incremental.push(await time(() => sync(source, replica, incDb)))
  // The protocol alone: as many new documents of the same make, replicated up.
  const plain = memoryReplica('plain-inc')
  const logs = await source.logsSince(at - 400_000)
  await plain.bulkDocs(
    logs.flatMap((l, i) => [
      { _id: `x-log-${round}-${i}`, body: l },
      { _id: `x-card-${round}-${i}`, body: { ...cards[i % cards.length] } },
    ]),
  )
  incrementalBase.push(
    await time(async () => {
      await plain.replicate.to(remoteOf(`bench-plain-${round}`), { batch_size: 500 })
    }),
  )
  await plain.destroy()
}
measured({
  id: 'sync-incremental-200-answers',
  what: `sync after 200 answers (${label})`,
  ms: median(incremental),
  baselineMs: median(incrementalBase),
})

// What the server holds per review log: its documents' JSON, at the whole collection and at
// the collection without its logs (the logs' share is the difference).
const header = {
  Authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`,
}
/** The JSON of the documents from `startkey` to `endkey`, read a page at a time (at full size
 * the whole database in one answer is larger than a string may be, and the server dies). */
const bytesOf = async (name: string, startkey = '', endkey = '\uffff') => {
  const page = 10_000
  let bytes = 0
  for (let from = startkey, skip = 0; ; skip = 1) {
    const range = `startkey=${encodeURIComponent(JSON.stringify(from))}&endkey=${encodeURIComponent(JSON.stringify(endkey))}`
    const text = await fetch(
      `${server.url}/${name}/_all_docs?include_docs=true&limit=${page}&skip=${skip}&${range}`,
      { headers: header },
    ).then((r) => r.text())
    bytes += text.length
    const rows = (JSON.parse(text) as { rows: { id: string }[] }).rows
    const last = rows[rows.length - 1]
    if (rows.length < page || !last) return bytes
    from = last.id
  }
}
const logBytes = await bytesOf(db, 'log:', 'log:\uffff')
const allBytes = await bytesOf(db)
const perLog = logBytes / size.logs
console.log(
  `server database: ${(allBytes / 2 ** 20).toFixed(1)} MiB of JSON documents, of which review logs ${(logBytes / 2 ** 20).toFixed(1)} MiB: ${perLog.toFixed(0)} bytes per log (grows linearly with the logs)`,
)

server.stop()
const file = resolve(
  import.meta.dirname,
  tiny ? 'sync-results.tiny.json' : medium ? 'sync-results.medium.json' : 'sync-results.json',
)
writeFileSync(
  file,
  JSON.stringify(
    {
      size,
      firstSendMs: Math.round(sendMs),
      serverBytes: allBytes,
      serverBytesPerLog: Math.round(perLog),
      results: rows.map((r) => ({
        id: r.id,
        ours: r.ms,
        baseline: r.baselineMs,
        ratio: r.ms / r.baselineMs,
      })),
    },
    null,
    2,
  ) + '\n',
)
console.log(`\nwritten to ${file}`)
process.exit(0)
