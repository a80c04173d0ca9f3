import { createServer, request, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CardRow } from '../app/collection'
import type { Collection } from '../app/collection-writes'
import { replicateBoth, syncOnce, type Replica } from '../app/sync/sync'
import { syncErrorMessage } from '../app/sync/sync-errors'
import { answer, collectionWith, questionCard, scheduler, t0 } from '../app/testing'
import { memoryReplica, serverDatabase } from './pouch'
import { freePort, startSyncServer } from './sync-server-testing'

// A bad network and a failing server, request by request: between the client and the real sync
// server sits a proxy that, at the Nth request of a sync, answers 500, drops the connection,
// never answers, or answers with something that is not JSON. After the failure a sync on a good
// connection, then another device's, must leave both with every answer once and equal cards.

type Fault = '500' | 'drop' | 'hang' | 'garbage'

let server: Awaited<ReturnType<typeof startSyncServer>>
let proxy: Server
let proxyUrl = ''
/** The request the proxy spoils (1-based), counted from `count = 0`; 0 spoils none. */
const plan = { at: 0, fault: '500' as Fault, count: 0 }

beforeAll(async () => {
  server = await startSyncServer('u', 'p')
  const target = new URL(server.url)
  proxy = createServer((req, res) => {
    plan.count++
    if (plan.count === plan.at) {
      if (plan.fault === 'drop') return req.socket.destroy()
      if (plan.fault === 'hang') return
      if (plan.fault === 'garbage') return res.writeHead(200).end('{"results": [tru')
      return res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"x"}')
    }
    const upstream = request(
      {
        hostname: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  const port = await freePort()
  await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve))
  proxyUrl = `http://127.0.0.1:${port}`
})

afterAll(() => {
  proxy.close()
  server.stop()
})

const HOUR = 3_600_000
const at = (h: number) => new Date(t0.getTime() + h * HOUR)
let devices = 0

/**
 * One sync through the faulty proxy. A request times out after `timeoutMs`: short where a
 * hanging request is the fault to meet, generous on the clean syncs around it (a loaded
 * machine once took more than 400 ms to answer one of those).
 */
function syncThrough(
  collection: Collection,
  local: ReturnType<typeof memoryReplica>,
  db: string,
  timeoutMs = 30_000,
) {
  const remote = serverDatabase(`${proxyUrl}/${db}`, { username: 'u', password: 'p' }, timeoutMs)
  return syncOnce({
    collection,
    local: local as unknown as Replica,
    replicate: () => replicateBoth(local, remote),
    schedulerFor: () => Promise.resolve(scheduler),
    now: () => at(10),
    newDevice: () => (devices++).toString(16).padStart(16, '0'),
  })
}

async function studied() {
  const c = await collectionWith()
  await answer(c, questionCard('d', 'a'), 3, at(1))
  await answer(c, questionCard('d', 'b'), 1, at(2))
  await answer(c, questionCard('d', 'a'), 4, at(3))
  return c
}

const answersOf = async (c: Collection) =>
  (await c.logsSince(0)).map((l) => `${l.review} ${l.cardId} ${l.rating}`).sort()
const cardsOf = async (c: Collection) =>
  (await Promise.all(['a', 'b', 'c'].map((f) => c.getCard(questionCard('d', f))))).map((card) => {
    const { revision: _r, ...rest } = card as CardRow
    return rest
  })

describe('sync on a bad network and a failing server', () => {
  it('loses and doubles nothing whichever request fails, and how', async () => {
    // How many requests one first sync makes, on a good connection.
    plan.at = 0
    plan.count = 0
    await syncThrough(await studied(), memoryReplica(), 'faults-count')
    const requests = plan.count
    expect(requests).toBeGreaterThan(5)

    const faults: Fault[] = ['500', 'drop', 'hang', 'garbage']
    const points = Array.from({ length: 24 }, (_, i) => 1 + Math.floor((i * requests) / 24))
    const failures = new Set<string>()
    for (const [i, point] of points.entries()) {
      const fault = faults[i % faults.length] as Fault
      const db = `faults-${i}`
      const laptop = await studied()
      const replica = memoryReplica()
      plan.at = point
      plan.fault = fault
      plan.count = 0
      const first = await syncThrough(laptop, replica, db, 400).then(
        () => 'worked',
        (e: unknown) => syncErrorMessage(e, 'the server'),
      )
      failures.add(first.replace(/\d{3}/, 'NNN'))
      plan.at = 0
      await syncThrough(laptop, replica, db)
      const work = await collectionWith()
      await syncThrough(work, memoryReplica(), db)
      const expected = await answersOf(laptop)
      expect(expected, `${fault} at request ${point}`).toHaveLength(3)
      expect(await answersOf(work), `${fault} at request ${point}`).toEqual(expected)
      expect(await cardsOf(work), `${fault} at request ${point}`).toEqual(await cardsOf(laptop))
    }
    // The failures were real ones, said in words.
    expect([...failures].some((f) => f.includes('failed (NNN)'))).toBe(true)
    expect([...failures].some((f) => f.includes('did not answer in time'))).toBe(true)
    expect([...failures].some((f) => f.includes('could not reach'))).toBe(true)
    expect([...failures].some((f) => f.includes("not CouchDB's JSON"))).toBe(true)
    // Every failure is one of those, never the library's bare words.
    for (const f of failures) expect(f).not.toMatch(/stopped/)
  }, 120_000)
})
