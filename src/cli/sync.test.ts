import type { Database } from 'pouchdb-core'
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import { replayAnswers } from '../core/scheduling/replay'
import { fuzzSeed, Scheduler, type Grade } from '../core/scheduling/scheduler'
import { fromStoredState, toStoredState } from '../core/scheduling/stored-state'
import { answerCard } from '../app/answer'
import { deckScheduler, replayScheduler, setExamDate } from '../app/exam-plan'
import { readSettings, writeSetting } from '../app/settings'
import { renameDeck } from '../app/editing'
import { MemoryStore } from '../app/memory-store'
import type { IncomingRows } from '../app/presets'
import { Queue, versionIdOf, type CardRow, type ReviewLogRow } from '../app/collection'
import type { Collection } from '../app/collection-writes'
import { changeCards } from '../app/card-actions'
import {
  answer,
  collectionWith,
  logRow,
  questionCard,
  scheduler,
  settings,
  t0,
} from '../app/testing'
import {
  replicateBoth,
  syncOnce,
  type Replica,
  type SyncOptions,
  type SyncProgress,
  type SyncReport,
} from '../app/sync/sync'
import { SYNC_STATE_KEY } from '../app/sync/sync-state'
import { memoryReplica } from './pouch'
import { bringBackVersion, versionSummary, versionsOf } from '../app/versions'
import { examHistory, recordExam } from '../app/mock-exam'
import type { VersionedTable } from '../app/collection'

const dbs: Database[] = []
const db = () => {
  const d = memoryReplica('sync-test')
  dbs.push(d)
  return d
}
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((d) => d.destroy()))
})

const HOUR = 3_600_000
const A = questionCard('d', 'a')
const B = questionCard('d', 'b')
const C = questionCard('d', 'c')

interface Device {
  name: string
  collection: Collection
  replica: Database
}

async function device(name: string): Promise<Device> {
  return { name, collection: await collectionWith(), replica: db() }
}

function sync(
  d: Device,
  server: Database,
  now = new Date(),
  schedulerFor: SyncOptions['schedulerFor'] = () => Promise.resolve(scheduler),
): Promise<SyncReport> {
  return syncOnce({
    collection: d.collection,
    local: d.replica as unknown as Replica,
    replicate: () => replicateBoth(d.replica, server),
    schedulerFor,
    now: () => now,
    newDevice: () => (d.name === 'laptop' ? 'aaaaaaaaaaaaaaaa' : 'bbbbbbbbbbbbbbbb'),
  })
}

/** `n` answers to cards A, B and C a minute apart, synced to the server by the laptop. */
async function answersOnServer(server: Database, n: number) {
  const laptop = await device('laptop')
  const logs = Array.from({ length: n }, (_, i) =>
    logRow(t0.getTime() + i * 60_000, [A, B, C][i % 3] as string),
  )
  await laptop.collection.transaction(() => laptop.collection.putLogs(logs), ['revlog'])
  await sync(laptop, server)
  return laptop
}

/**
 * Fakes the clock (Date only) for this test and returns how to set it: edits and syncs are then
 * stamped in the test's story time. `on(iso)` sets it and returns that time.
 */
function storyClock() {
  vi.useFakeTimers({ toFake: ['Date'] })
  onTestFinished(() => {
    vi.useRealTimers()
  })
  return (iso: string) => {
    vi.setSystemTime(new Date(iso))
    return new Date(iso)
  }
}

/** Answers card A on a device with a scheduler of its own (a time zone, an exam). */
async function answerA(d: Device, with_: Scheduler, grade: Grade, now: Date) {
  const card = (await d.collection.getCard(A)) as CardRow
  await answerCard(d.collection, with_, {
    cardId: A,
    revision: card.revision,
    grade,
    now,
    durationMs: 4000,
  })
}

/** The answers of a collection, device ids aside: what was answered when. */
async function answersOf(c: Collection) {
  const logs: ReviewLogRow[] = await c.logsSince(0)
  return logs.map((l) => `${l.review} ${l.cardId} ${l.rating}`).sort()
}

/** A card's scheduling state and queue (revisions count writes on each device, so they differ). */
async function stateOf(c: Collection, id: string) {
  const { revision: _r, ...card } = (await c.getCard(id)) as CardRow
  return card
}

const at = (hours: number) => new Date(t0.getTime() + hours * HOUR)

/** The scores of a device's mock exam history, oldest first. */
const examScores = async (d: Device) => (await examHistory(d.collection)).map((r) => r.score)

/** A mock exam of deck d that ended at `iso`, with its score out of 10. */
const exam = (iso: string, score: number) => ({
  at: Date.parse(iso),
  deckId: 'd',
  deckName: 'Deck',
  score,
  total: 10,
  bySection: [],
})

/** The versions of a row a device keeps as lost: their ids (the same on every device) and rows. */
async function lostOf(d: Device, table: VersionedTable, key: string) {
  return (await versionsOf(d.collection, table, key)).map((v) => ({ id: v.id, row: v.row }))
}

describe('sync through a CouchDB replica', () => {
  for (const order of [
    ['laptop', 'work'],
    ['work', 'laptop'],
  ] as const)
    it(`merges answers made offline on two devices (${order.join(' first, then ')})`, async () => {
      const server = db()
      const laptop = await device('laptop')
      const work = await device('work')
      // The same card on both, and one card on each alone.
      await answer(laptop.collection, A, 3, at(1))
      await answer(laptop.collection, B, 4, at(2))
      await answer(work.collection, A, 1, at(1.5))
      await answer(work.collection, C, 3, at(3))
      await answer(work.collection, A, 3, at(4))
      const devices = { laptop, work }
      for (const name of [...order, order[0]]) await sync(devices[name], server)

      const expected = [
        `${at(1).getTime()} ${A} 3`,
        `${at(1.5).getTime()} ${A} 1`,
        `${at(2).getTime()} ${B} 4`,
        `${at(3).getTime()} ${C} 3`,
        `${at(4).getTime()} ${A} 3`,
      ].sort()
      expect(await answersOf(laptop.collection)).toEqual(expected)
      expect(await answersOf(work.collection)).toEqual(expected)
      for (const id of [A, B, C])
        expect(await stateOf(laptop.collection, id), id).toEqual(await stateOf(work.collection, id))
      // Card A is what its three answers make in time order, from either device.
      const replay = replayAnswers(scheduler, A, t0, [
        { at: at(1), grade: 3 as Grade },
        { at: at(1.5), grade: 1 as Grade },
        { at: at(4), grade: 3 as Grade },
      ])
      const stored = toStoredState(replay.state)
      const card = await stateOf(work.collection, A)
      expect({ reps: card.reps, lapses: card.lapses, due: card.due, state: card.state }).toEqual({
        reps: stored.reps,
        lapses: stored.lapses,
        due: stored.due,
        state: stored.state,
      })
      expect(card.stability).toBeCloseTo(stored.stability, 9)
    })

  it('keeps both answers when two devices answer in the same millisecond', async () => {
    const server = db()
    const laptop = await device('laptop')
    const work = await device('work')
    await answer(laptop.collection, A, 3, at(1))
    await answer(work.collection, B, 3, at(1))
    await sync(laptop, server)
    await sync(work, server)
    await sync(laptop, server)
    for (const d of [laptop, work]) {
      const logs = await d.collection.logsSince(0)
      expect(logs.map((l) => l.cardId).sort(), d.name).toEqual([A, B])
      expect(new Set(logs.map((l) => l.id)).size).toBe(2)
    }
    // Syncing again brings nothing new and doubles nothing.
    const again = await sync(work, server)
    expect(again.received).toBe(0)
    expect(await work.collection.logsSince(0)).toHaveLength(2)
  })

  it('keeps a suspend made on one device and a flag made on the other', async () => {
    const server = db()
    const laptop = await device('laptop')
    const work = await device('work')
    await sync(laptop, server)
    await sync(work, server)
    await changeCards(laptop.collection, [A], { kind: 'suspend' })
    await changeCards(work.collection, [A], { kind: 'flag', flag: 2 })
    await sync(laptop, server)
    await sync(work, server)
    await sync(laptop, server)
    for (const d of [laptop, work])
      expect(await d.collection.getCard(A), d.name).toMatchObject({
        queue: Queue.Suspended,
        flag: 2,
      })
  })

  it('gives a note edited on both devices the newest edit on both', async () => {
    const server = db()
    const laptop = await device('laptop')
    const work = await device('work')
    await sync(laptop, server)
    await sync(work, server)
    const edit = async (d: Device, text: string) => {
      const note = await d.collection.getNote('d/a')
      if (!note) throw new Error('no note')
      await d.collection.putNotes([{ ...note, fields: { ...note.fields, Answer: text } }])
    }
    await edit(laptop, 'older')
    await new Promise((r) => setTimeout(r, 5))
    await edit(work, 'newer')
    await sync(work, server)
    await sync(laptop, server)
    await sync(work, server)
    for (const d of [laptop, work])
      expect((await d.collection.getNote('d/a'))?.fields['Answer'], d.name).toBe('newer')

    // The losing edit is kept on both devices, the same version on each.
    const lost = await lostOf(laptop, 'notes', 'd/a')
    expect(lost.map((v) => v.row['fields'])).toMatchObject([{ Answer: 'older' }])
    expect(await lostOf(work, 'notes', 'd/a')).toEqual(lost)
    // Brought back on one device, it is the newest edit and wins on both.
    await bringBackVersion(laptop.collection, scheduler, lost[0]?.id ?? '', new Date())
    await sync(laptop, server)
    await sync(work, server)
    for (const d of [laptop, work])
      expect((await d.collection.getNote('d/a'))?.fields['Answer'], d.name).toBe('older')
    // Bringing back was made over the newer edit, knowing it: no loss, nothing more kept.
    expect(await lostOf(work, 'notes', 'd/a')).toEqual(lost)
  })

  it('keeps an edit made here while a sync runs, and keeps what it beat as a version', async () => {
    const server = db()
    const laptop = await device('laptop')
    const work = await device('work')
    await sync(laptop, server)
    await sync(work, server)
    const note = await laptop.collection.getNote('d/a')
    if (!note) throw new Error('no note')
    await laptop.collection.putNotes([{ ...note, fields: { ...note.fields, Answer: 'laptop' } }])
    await sync(laptop, server)
    await new Promise((r) => setTimeout(r, 5))
    // The work computer's note is edited after its sync sent and before it applies.
    await syncOnce({
      collection: work.collection,
      local: work.replica as unknown as Replica,
      replicate: async () => {
        await replicateBoth(work.replica, server)
        await work.collection.putNotes([{ ...note, fields: { ...note.fields, Answer: 'during' } }])
      },
      schedulerFor: () => Promise.resolve(scheduler),
      now: () => new Date(),
      newDevice: () => 'bbbbbbbbbbbbbbbb',
    })
    expect((await work.collection.getNote('d/a'))?.fields['Answer']).toBe('during')
    expect((await lostOf(work, 'notes', 'd/a')).map((v) => v.row['fields'])).toMatchObject([
      { Answer: 'laptop' },
    ])
    await sync(work, server)
    await sync(laptop, server)
    expect((await laptop.collection.getNote('d/a'))?.fields['Answer']).toBe('during')
    expect(await lostOf(laptop, 'notes', 'd/a')).toEqual(await lostOf(work, 'notes', 'd/a'))
  })

  it('trashes on the other device a note trashed here, its cards with it', async () => {
    const server = db()
    const laptop = await device('laptop')
    const work = await device('work')
    await sync(laptop, server)
    await sync(work, server)
    const { trashNotes } = await import('../app/editing')
    await trashNotes(laptop.collection, ['d/a'], new Date())
    await sync(laptop, server)
    await sync(work, server)
    expect((await work.collection.getNote('d/a'))?.deletedAt).toBeTypeOf('number')
    expect(await work.collection.getCard(A)).toMatchObject({ queue: Queue.Trashed })
  })

  it('ends a note edited on one device and trashed on the other the same on both', async () => {
    const server = db()
    const laptop = await device('laptop')
    const work = await device('work')
    await sync(laptop, server)
    await sync(work, server)
    const note = await laptop.collection.getNote('d/a')
    if (!note) throw new Error('no note')
    await laptop.collection.putNotes([
      { ...note, fields: { ...note.fields, Answer: 'edited' }, modifiedAt: Date.now() },
    ])
    await new Promise((r) => setTimeout(r, 5))
    const { trashNotes } = await import('../app/editing')
    await trashNotes(work.collection, ['d/a'], new Date())
    for (const d of [laptop, work, laptop]) await sync(d, server)
    const [a, b] = await Promise.all([
      laptop.collection.getNote('d/a'),
      work.collection.getNote('d/a'),
    ])
    expect(a).toEqual(b)
    // The later change (the trash) wins on both; its card left the queue on both.
    expect(a?.deletedAt).toBeTypeOf('number')
    for (const d of [laptop, work])
      expect(await d.collection.getCard(A), d.name).toMatchObject({ queue: Queue.Trashed })
    // The edit that lost is kept on both; bringing it back takes the note out of the trash.
    const lost = await lostOf(work, 'notes', 'd/a')
    expect(lost.map((v) => v.row['fields'])).toMatchObject([{ Answer: 'edited' }])
    expect(await lostOf(laptop, 'notes', 'd/a')).toEqual(lost)
    await bringBackVersion(work.collection, scheduler, lost[0]?.id ?? '', new Date())
    for (const d of [work, laptop]) await sync(d, server)
    for (const d of [laptop, work]) {
      const note = await d.collection.getNote('d/a')
      expect(note?.deletedAt, d.name).toBeUndefined()
      expect(note?.fields['Answer'], d.name).toBe('edited')
      expect(await d.collection.getCard(A), d.name).not.toMatchObject({ queue: Queue.Trashed })
    }
  })

  for (const later of ['laptop', 'work'] as const)
    it(`keeps the mock exams each device took offline, on both (${later}'s list newer)`, async () => {
      const on = storyClock()
      const server = db()
      const laptop = await device('laptop')
      const work = await device('work')
      on('2026-03-01T08:00:00Z')
      await sync(laptop, server)
      await sync(work, server)
      const devices = { laptop, work }
      const earlier = later === 'laptop' ? work : laptop
      on('2026-03-02T08:00:00Z')
      await recordExam(earlier.collection, exam('2026-03-02T08:00:00Z', 6))
      on('2026-03-03T08:00:00Z')
      await recordExam(devices[later].collection, exam('2026-03-03T08:00:00Z', 7))
      await recordExam(devices[later].collection, exam('2026-03-03T09:00:00Z', 8))
      on('2026-03-04T08:00:00Z')
      await sync(laptop, server)
      await sync(work, server)
      await sync(laptop, server)
      for (const d of [laptop, work]) {
        expect(await examScores(d), d.name).toEqual([6, 7, 8])
        // Every device's exams are kept in the merged list: no version of it lost.
        expect(await lostOf(d, 'settings', 'mockExams'), d.name).toEqual([])
      }
    })

  it('gives a setting changed on both devices the newest value on both, and keeps the other', async () => {
    const server = db()
    const laptop = await device('laptop')
    const work = await device('work')
    await sync(laptop, server)
    await sync(work, server)
    await writeSetting(laptop.collection, 'newPerDay', 35)
    await new Promise((r) => setTimeout(r, 5))
    await writeSetting(work.collection, 'newPerDay', 10)
    await sync(work, server)
    await sync(laptop, server)
    await sync(work, server)
    for (const d of [laptop, work])
      expect((await readSettings(d.collection)).newPerDay, d.name).toBe(10)

    // The value that lost is kept on both devices, the same version on each, and says what it was.
    const lost = await lostOf(laptop, 'settings', 'newPerDay')
    expect(lost.map((v) => v.row)).toEqual([{ key: 'newPerDay', value: 35 }])
    const [kept] = await versionsOf(laptop.collection, 'settings', 'newPerDay')
    expect(kept && versionSummary(kept)).toBe('New cards per day: 35')
    expect(await lostOf(work, 'settings', 'newPerDay')).toEqual(lost)
    // Brought back on the other device, it is the newest change and wins on both.
    await bringBackVersion(work.collection, scheduler, lost[0]?.id ?? '', new Date())
    await sync(work, server)
    await sync(laptop, server)
    for (const d of [laptop, work])
      expect((await readSettings(d.collection)).newPerDay, d.name).toBe(35)
    expect(await lostOf(laptop, 'settings', 'newPerDay')).toEqual(lost)
  })

  it('keeps a mock exam taken after a sync failed half-way, and the exams that sync brought', async () => {
    const on = storyClock()
    const server = db()
    const laptop = await device('laptop')
    const work = await device('work')
    on('2026-03-02T08:00:00Z')
    await recordExam(work.collection, exam('2026-03-02T08:00:00Z', 6))
    on('2026-03-03T08:00:00Z')
    await recordExam(laptop.collection, exam('2026-03-03T08:00:00Z', 7))
    await sync(laptop, server)
    // Work's sync brings the laptop's exam into its replica, then fails before applying it.
    const putSetting = work.collection.putSetting.bind(work.collection)
    const spy = vi.spyOn(work.collection, 'putSetting').mockImplementation((row) => {
      if (row.key === 'mockExams') return Promise.reject(new Error('disk full'))
      return putSetting(row)
    })
    await expect(sync(work, server)).rejects.toThrow('disk full')
    spy.mockRestore()
    expect(await examScores(work)).toEqual([6])
    on('2026-03-04T08:00:00Z')
    await recordExam(work.collection, exam('2026-03-04T08:00:00Z', 10))
    await sync(work, server)
    await sync(laptop, server)
    for (const d of [laptop, work]) expect(await examScores(d), d.name).toEqual([6, 7, 10])
  })

  it('gives a deck renamed on both devices the later name on both', async () => {
    const server = db()
    const laptop = await device('laptop')
    const work = await device('work')
    await sync(laptop, server)
    await sync(work, server)
    const { renameDeck } = await import('../app/editing')
    await renameDeck(work.collection, 'd', 'Earlier name', new Date())
    await new Promise((r) => setTimeout(r, 5))
    await renameDeck(laptop.collection, 'd', 'Later name', new Date())
    for (const d of [work, laptop, work]) await sync(d, server)
    for (const d of [laptop, work])
      expect((await d.collection.getDeck('d'))?.name, d.name).toBe('Later name')
    const lost = await lostOf(laptop, 'decks', 'd')
    expect(lost.map((v) => v.row['name'])).toEqual(['Earlier name'])
    expect(await lostOf(work, 'decks', 'd')).toEqual(lost)
    await bringBackVersion(laptop.collection, scheduler, lost[0]?.id ?? '', new Date())
    for (const d of [laptop, work]) await sync(d, server)
    for (const d of [laptop, work])
      expect((await d.collection.getDeck('d'))?.name, d.name).toBe('Earlier name')
  })

  it('carries media files once per content, and refuses bytes that do not match their hash', async () => {
    const server = db()
    const laptop = await device('laptop')
    const work = await device('work')
    const { mediaRow, putMediaFiles } = await import('../app/exchange/media-files')
    const png = new Uint8Array(3000).map((_, i) => (i * 7) % 256)
    // Two names, one content: one blob document.
    await putMediaFiles(laptop.collection, [
      mediaRow('map.png', png, 1),
      mediaRow('same-map.png', png, 2),
    ])
    await sync(laptop, server)
    await sync(work, server)
    expect(
      (await work.collection.getMedia(['map.png', 'same-map.png'])).map((m) => m?.hash),
    ).toEqual([mediaRow('map.png', png, 1).hash, mediaRow('map.png', png, 1).hash])
    expect(await work.collection.getMediaContent([mediaRow('x', png, 1).hash])).toEqual([png])
    const blobs = (await server.allDocs()).rows.filter((r) => r.id.startsWith('blob:'))
    expect(blobs).toHaveLength(1)

    // A server that hands out other bytes under a hash: refused by name, nothing stored.
    const other = new Uint8Array([1, 2, 3])
    const fakeHash = 'f'.repeat(64)
    await server.bulkDocs([
      {
        _id: `blob:${fakeHash}`,
        kind: 'blob',
        v: 1,
        at: 0,
        by: 'x',
        body: { hash: fakeHash, size: 3 },
        _attachments: {
          data: {
            content_type: 'application/octet-stream',
            data: Buffer.from(other).toString('base64'),
          },
        },
      },
    ])
    const report = await sync(work, server)
    expect(report.refused).toEqual([
      { id: `blob:${fakeHash}`, reason: 'its bytes do not match their hash' },
    ])
    expect(await work.collection.getMediaContent([fakeHash])).toEqual([undefined])
  })

  it('seals media too when encrypted: the server never holds the bytes', async () => {
    const server = db()
    const laptop = await device('laptop')
    const work = await device('work')
    const { openEncryption } = await import('../app/sync/encryption')
    const { beginSync } = await import('../app/sync/sync')
    for (const d of [laptop, work])
      await beginSync(d.collection, await openEncryption(server, 'a passphrase'), () =>
        d.name === 'laptop' ? 'aaaaaaaaaaaaaaaa' : 'bbbbbbbbbbbbbbbb',
      )
    const { mediaRow, putMediaFiles } = await import('../app/exchange/media-files')
    const bytes = new TextEncoder().encode('a plainly recognisable picture '.repeat(40))
    await putMediaFiles(laptop.collection, [mediaRow('picture.png', bytes, 1)])
    await sync(laptop, server)
    await sync(work, server)
    expect(await work.collection.getMediaContent([mediaRow('x', bytes, 1).hash])).toEqual([bytes])
    const stored = JSON.stringify(
      await server.allDocs({ include_docs: true, attachments: true } as never),
    )
    expect(stored).not.toContain('plainly recognisable')
    expect(stored).not.toContain(Buffer.from(bytes).toString('base64').slice(0, 40))
    expect(stored).not.toContain('picture.png')
  })

  it('refuses a malformed or oversized document with its id and reason, writing nothing of it', async () => {
    const server = db()
    const laptop = await device('laptop')
    await sync(laptop, server)
    const note = (await server.get('note:d/a')) as unknown as { body: object }
    await server.bulkDocs([
      { _id: 'note:evil', kind: 'note', v: 1, at: 1, by: 'x', body: { id: 'evil' } },
      { _id: 'huge', kind: 'note', v: 1, at: 1, by: 'x', body: { pad: 'x'.repeat(1_100_000) } },
      { _id: 'note:d/zz', kind: 'note', v: 1, at: 1, by: 'x', body: note.body },
    ])
    const report = await sync(laptop, server)
    expect(report.refused.map((r) => r.id).sort()).toEqual(['huge', 'note:d/zz', 'note:evil'])
    expect(report.refused.find((r) => r.id === 'note:evil')?.reason).toMatch(/^body\./)
    expect(report.refused.find((r) => r.id === 'huge')?.reason).toMatch(/characters/)
    expect(report.refused.find((r) => r.id === 'note:d/zz')?.reason).toMatch(/id/)
    expect(await laptop.collection.getNote('evil')).toBeUndefined()
  })

  it('takes a kept version of a shared setting, and refuses one of a setting not shared or not its row', async () => {
    const server = db()
    const laptop = await device('laptop')
    await sync(laptop, server)
    const versionDoc = (key: string, row: object) => {
      const id = versionIdOf('settings', key, 1, 'x')
      return {
        _id: `version:${id}`,
        kind: 'version',
        v: 1,
        at: 1,
        by: 'x',
        body: { id, table: 'settings', key, at: 1, by: 'x', keptAt: 1, row },
      }
    }
    await server.bulkDocs([
      versionDoc('newPerDay', { key: 'newPerDay', value: 12 }),
      versionDoc('theme', { key: 'theme', value: 'dark' }),
      versionDoc('reviewsPerDay', { key: 'newPerDay', value: 5 }),
    ])
    const report = await sync(laptop, server)
    expect(report.refused.map((r) => [r.id.split(':')[2], r.reason]).sort()).toEqual([
      ['reviewsPerDay', 'body.key: is not the row the version is of'],
      ['theme', 'a version of a setting that is not shared'],
    ])
    expect(await lostOf(laptop, 'settings', 'newPerDay')).toMatchObject([
      { row: { key: 'newPerDay', value: 12 } },
    ])
    expect(await lostOf(laptop, 'settings', 'theme')).toEqual([])
  })

  it('resumes a sync that failed while applying, with nothing lost or doubled', async () => {
    const server = db()
    const laptop = await device('laptop')
    const work = await device('work')
    await answer(laptop.collection, A, 3, at(1))
    await answer(laptop.collection, B, 2, at(2))
    await sync(laptop, server)
    const spy = vi.spyOn(work.collection, 'putCards').mockRejectedValueOnce(new Error('disk full'))
    await expect(sync(work, server)).rejects.toThrow('disk full')
    spy.mockRestore()
    expect(await work.collection.logsSince(0)).toEqual([])
    await sync(work, server)
    expect(await answersOf(work.collection)).toEqual(await answersOf(laptop.collection))
    expect(await stateOf(work.collection, A)).toEqual(await stateOf(laptop.collection, A))
  })

  it('applies what replication brings while it still runs, and a replication that fails after keeps it whole', async () => {
    const server = db()
    const laptop = await device('laptop')
    const work = await device('work')
    await answer(laptop.collection, A, 3, at(1))
    await answer(laptop.collection, B, 2, at(2))
    await sync(laptop, server)
    /** Brings the server's documents down, then holds replication open until they are applied. */
    const downThenWait = async () => {
      await work.replica.replicate.from(server)
      for (let i = 0; i < 200 && (await work.collection.logsSince(0)).length < 2; i++)
        await new Promise((r) => setTimeout(r, 10))
      return (await work.collection.logsSince(0)).length
    }
    let appliedMeanwhile = 0
    const dropped = syncOnce({
      collection: work.collection,
      local: work.replica as unknown as Replica,
      replicate: async () => {
        appliedMeanwhile = await downThenWait()
        throw new Error('connection dropped')
      },
      schedulerFor: () => Promise.resolve(scheduler),
      now: () => new Date(),
    })
    await expect(dropped).rejects.toThrow('connection dropped')
    // Both answers were in the collection before replication ended (it waited for them).
    expect(appliedMeanwhile).toBe(2)
    // The next sync finishes the job: nothing lost, nothing doubled.
    await sync(work, server)
    expect(await answersOf(work.collection)).toEqual(await answersOf(laptop.collection))
    for (const id of [A, B])
      expect(await stateOf(work.collection, id), id).toEqual(await stateOf(laptop.collection, id))
  })

  it('agrees on a card answered on devices in different time zones', async () => {
    // A laptop in Tokyo and a computer in New York, both with the day rolling over at 4 o'clock:
    // their study days begin 14 hours apart, and FSRS counts the days between answers.
    const tokyo = new Scheduler({ dayRule: { rolloverHour: 4, timeZone: 'Asia/Tokyo' } })
    const newYork = new Scheduler({ dayRule: { rolloverHour: 4, timeZone: 'America/New_York' } })
    const answerIn = (zone: Scheduler, d: Device, grade: Grade, now: Date) =>
      answerA(d, zone, grade, now)
    const server = db()
    const laptop = await device('laptop')
    const work = await device('work')
    const syncIn = (zone: Scheduler, d: Device) =>
      sync(d, server, new Date(), () => Promise.resolve(zone))
    // Learnt in Tokyo on 1 January (14:00 UTC is 23:00 there), graduated to review.
    await answerIn(tokyo, laptop, 3, new Date('2026-01-01T14:00:00Z'))
    await answerIn(tokyo, laptop, 3, new Date('2026-01-01T14:10:00Z'))
    await answerIn(tokyo, laptop, 3, new Date('2026-01-01T14:30:00Z'))
    await syncIn(tokyo, laptop)
    await syncIn(newYork, work)
    // Reviewed in New York 30 hours later: the next day there, two days later in Tokyo.
    const review = new Date('2026-01-02T20:00:00Z')
    const learnt = fromStoredState(await stateOf(work.collection, A))
    await answerIn(newYork, work, 3, review)
    const there = await stateOf(work.collection, A)
    // (Counted in Tokyo's days, that answer makes another card: the premise of this test.)
    const seed = fuzzSeed(A, learnt.reps)
    const asInTokyo = toStoredState(tokyo.review(learnt, 3, review, seed).state)
    expect(toStoredState(newYork.review(learnt, 3, review, seed).state)).toMatchObject({
      due: there.due,
      stability: there.stability,
    })
    expect(asInTokyo.due).not.toBe(there.due)
    await syncIn(newYork, work)
    await syncIn(tokyo, laptop)
    await syncIn(newYork, work)
    // Both hold the state the answers made where they were given, as answered.
    expect(await stateOf(work.collection, A)).toEqual(there)
    expect(await stateOf(laptop.collection, A)).toEqual(there)
  })

  it('agrees on a card answered before an exam, whenever each device syncs', async () => {
    // The deck's exam on 20 January, intervals capped to end by it. The cap an answer was
    // given under is the one of its day, not of the day a device happens to replay it. The
    // clock is set at each step, so edits and syncs are stamped in the story's time.
    const on = storyClock()
    const server = db()
    on('2025-12-31T08:00:00Z')
    const laptop = await device('laptop')
    const work = await device('work')
    const answerOn = async (d: Device, grade: Grade, iso: string) => {
      const now = on(iso)
      await answerA(d, (await deckScheduler(d.collection, 'd', settings)).scheduler, grade, now)
    }
    const syncOn = (d: Device, iso: string) =>
      sync(
        d,
        server,
        on(iso),
        async (deckId, incoming) =>
          (await deckScheduler(d.collection, deckId, settings, incoming)).scheduler,
      )
    // Both know the exam before anything is answered.
    on('2026-01-01T08:00:00Z')
    await setExamDate(laptop.collection, 'd', '2026-01-20', true)
    await syncOn(laptop, '2026-01-01T09:00:00Z')
    await syncOn(work, '2026-01-01T09:30:00Z')
    expect((await work.collection.getDeck('d'))?.examDate).toBe('2026-01-20')
    await answerOn(laptop, 3, '2026-01-01T10:00:00Z')
    await answerOn(laptop, 3, '2026-01-01T10:10:00Z')
    await answerOn(laptop, 4, '2026-01-05T10:00:00Z')
    // Eight days before the exam: an easy answer whose interval the exam cuts short.
    await answerOn(laptop, 4, '2026-01-12T10:00:00Z')
    const answered = await stateOf(laptop.collection, A)
    await syncOn(laptop, '2026-01-12T11:00:00Z')
    // The other computer syncs again four days later, when four days are left.
    await syncOn(work, '2026-01-16T10:00:00Z')
    await syncOn(laptop, '2026-01-16T11:00:00Z')
    expect(await stateOf(laptop.collection, A)).toEqual(answered)
    expect(await stateOf(work.collection, A)).toEqual(answered)
  })

  it('agrees on cards answered before an exam date was set, on a device that comes later', async () => {
    // Answered with no exam; then the exam is set (20 January). A device that first syncs after
    // that replays the answers under the exam's cap: the laptop must send what its cards are.
    const on = storyClock()
    const server = db()
    on('2025-12-31T08:00:00Z')
    // Which decks' cards are read whole (the collection binds its reads as it is made).
    const checked = vi.spyOn(MemoryStore.prototype, 'sectionCards')
    onTestFinished(() => {
      checked.mockRestore()
    })
    const laptop = await device('laptop')
    const work = await device('work')
    const byDeck = (d: Device) => async (deckId: string, incoming?: IncomingRows) =>
      (await deckScheduler(d.collection, deckId, settings, incoming)).scheduler
    const answerOn = async (grade: Grade, iso: string) => {
      const now = on(iso)
      await answerA(laptop, await byDeck(laptop)('d'), grade, now)
    }
    await answerOn(3, '2026-01-01T10:00:00Z')
    await answerOn(3, '2026-01-01T10:10:00Z')
    await answerOn(4, '2026-01-05T10:00:00Z')
    await answerOn(4, '2026-01-12T10:00:00Z')
    await sync(laptop, server, on('2026-01-12T11:00:00Z'), byDeck(laptop))
    const answered = await stateOf(laptop.collection, A)
    // A rename changes nothing answers are replayed under: no card is checked again.
    checked.mockClear()
    await renameDeck(laptop.collection, 'd', 'Deck D', on('2026-01-12T12:00:00Z'))
    await sync(laptop, server, on('2026-01-12T13:00:00Z'), byDeck(laptop))
    expect(checked).not.toHaveBeenCalled()
    on('2026-01-13T08:00:00Z')
    await setExamDate(laptop.collection, 'd', '2026-01-20', true)
    await sync(laptop, server, on('2026-01-13T09:00:00Z'), byDeck(laptop))
    expect(checked).toHaveBeenCalledWith('d', '')
    // The other computer's first sync, after the exam was set.
    await sync(work, server, on('2026-01-14T10:00:00Z'), byDeck(work))
    expect((await work.collection.getDeck('d'))?.examDate).toBe('2026-01-20')
    expect(await stateOf(laptop.collection, A)).toEqual(answered)
    expect(await stateOf(work.collection, A)).toEqual(answered)
  })

  describe('agrees on cards when the hour the day rolls over changes', () => {
    // Learnt on 1 January, reviewed at 08:00 UTC the next morning: a day later when days begin
    // at 4 o'clock, the same day when they begin at 10. FSRS counts the days between answers.
    const learn = ['2026-01-01T11:00:00Z', '2026-01-01T11:10:00Z', '2026-01-01T11:30:00Z']
    const review = '2026-01-02T08:00:00Z'
    const byHour = (rolloverHour: number) =>
      new Scheduler({ dayRule: { rolloverHour, timeZone: 'UTC' } })
    const answerUnder = async (d: Device, grade: Grade, iso: string) =>
      answerA(d, await replayScheduler(d.collection)('d'), grade, new Date(iso))
    const syncOn = (d: Device, server: Database, now: Date) =>
      sync(d, server, now, replayScheduler(d.collection))
    const studied = async (d: Device) => {
      for (const iso of learn) await answerUnder(d, 3, iso)
      const learnt = fromStoredState(await stateOf(d.collection, A))
      await answerUnder(d, 3, review)
      // (The premise: the two hours make two cards of that review.)
      const seed = fuzzSeed(A, learnt.reps)
      const under = (hour: number) =>
        toStoredState(byHour(hour).review(learnt, 3, new Date(review), seed).state).due
      expect(under(4)).not.toBe(under(10))
      return stateOf(d.collection, A)
    }
    /** The story's clock, a server and two devices made on 31 December. */
    const start = async () => {
      const on = storyClock()
      on('2025-12-31T08:00:00Z')
      return { on, server: db(), laptop: await device('laptop'), work: await device('work') }
    }

    it('arriving with the answers given under it', async () => {
      const { on, server, laptop, work } = await start()
      await writeSetting(laptop.collection, 'rolloverHour', 10)
      const answered = await studied(laptop)
      await syncOn(laptop, server, on('2026-01-02T09:00:00Z'))
      // The other computer's first sync: the new hour and the answers in one batch.
      await syncOn(work, server, on('2026-01-02T10:00:00Z'))
      expect((await readSettings(work.collection)).rolloverHour).toBe(10)
      expect(await stateOf(work.collection, A)).toEqual(answered)
    })

    it('after the answers were synced, on a device that comes later', async () => {
      const { on, server, laptop, work } = await start()
      const answered = await studied(laptop)
      await syncOn(laptop, server, on('2026-01-02T09:00:00Z'))
      // The hour changes afterwards; the laptop's cards stay what their answers made.
      on('2026-01-03T08:00:00Z')
      await writeSetting(laptop.collection, 'rolloverHour', 10)
      await syncOn(laptop, server, on('2026-01-03T09:00:00Z'))
      await syncOn(work, server, on('2026-01-03T10:00:00Z'))
      expect((await readSettings(work.collection)).rolloverHour).toBe(10)
      expect(await stateOf(laptop.collection, A)).toEqual(answered)
      expect(await stateOf(work.collection, A)).toEqual(answered)
    })
  })

  it('tells how far a first sync has come down while replication still runs', async () => {
    const server = db()
    // 1,200 answers: three batches of documents to come down to the other computer.
    await answersOnServer(server, 1_200)
    const work = await device('work')
    const seen: SyncProgress[] = []
    await syncOnce({
      collection: work.collection,
      local: work.replica as unknown as Replica,
      replicate: (down) => replicateBoth(work.replica, server, down),
      schedulerFor: () => Promise.resolve(scheduler),
      now: () => new Date(),
      onProgress: (p) => seen.push(p),
    })
    expect(await work.collection.logsSince(0)).toHaveLength(1_200)
    const down = seen.filter((p) => p.phase === 'replicate' && p.total !== undefined)
    // A bar that moves: a figure for each batch, never past its total, never going back, and
    // at its end once the last batch is in.
    expect(down.length).toBeGreaterThanOrEqual(3)
    for (const [i, p] of down.entries()) {
      expect(p.done).toBeLessThanOrEqual(p.total ?? 0)
      expect(p.done).toBeGreaterThanOrEqual(down[i - 1]?.done ?? 0)
    }
    const last = down.at(-1)
    expect(last?.total).toBeGreaterThanOrEqual(1_200)
    expect(down.filter((p) => p.done === p.total && p === last)).toHaveLength(1)
    expect(down[0]?.done).toBeLessThan(down[0]?.total ?? 0)
    // 1,200 answers sent and received: about 2 s alone, more on a loaded machine.
  }, 30_000)

  it('reads the change log and makes schedulers once in a receive, not again at each batch', async () => {
    const server = db()
    // (The collection binds its reads as it is made: the spy comes first.)
    const read = vi.spyOn(MemoryStore.prototype, 'changesAfter')
    onTestFinished(() => {
      read.mockRestore()
    })
    // 3,000 answers: six batches of documents for the other computer to receive.
    await answersOnServer(server, 3_000)
    const work = await device('work')
    read.mockClear()
    let made = 0
    await sync(work, server, new Date(), () => {
      made++
      return Promise.resolve(scheduler)
    })
    expect(await work.collection.logsSince(0)).toHaveLength(3_000)

    // Sync's reads (pages of 2,000; the collection's follower that brings derived data up to
    // date reads the log too, in its own time, in pages of another size).
    const bySync = read.mock.calls.flatMap((call, i) =>
      call[1] === 2_000 ? [read.mock.results[i]?.value as Promise<unknown[]>] : [],
    )
    const rows = (await Promise.all(bySync)).flat()
    // Each batch writes a change row and the next reads it; read again from the start at each
    // batch, the rows read grow as the square of the batches (30 here, against 10).
    expect(bySync.length).toBeGreaterThanOrEqual(6)
    expect(rows.length).toBeLessThanOrEqual(bySync.length + 2)
    // The decks' schedulers are made for the batches that bring decks, presets or settings,
    // not again for each batch of answers (a scheduler a deck, and one for the rest, each
    // time): 5 here, 15 when made for every batch.
    expect(made).toBeLessThan(bySync.length)
    // 3,000 answers sent and received: about 3 s on CI's two cores, over the 5 s default when
    // the machine is loaded.
  }, 30_000)

  it('keeps its bookkeeping out of the shared settings', async () => {
    const server = db()
    const laptop = await device('laptop')
    await sync(laptop, server)
    const all = await server.allDocs()
    expect(all.rows.some((r) => r.id.includes(SYNC_STATE_KEY))).toBe(false)
    expect(all.rows.some((r) => r.id.startsWith('card:'))).toBe(true)
  })
})
