// First: Dexie reads the IndexedDB it finds when loaded, and the store loads it.
import { freshDb } from './test-db'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { answerCard, undoAnswer } from '../../app/answer'
import { cardIdOf } from '../../app/collection'
import { syncBuiltInDeck } from '../../app/deck-sync'
import { changeCard, changeCards } from '../../app/card-actions'
import { createDeck, trashNote } from '../../app/editing'
import { MemoryStore } from '../../app/memory-store'
import { Collection, memoryCollection } from '../../app/collection-writes'
import { DEFAULT_SETTINGS } from '../../app/settings'
import { deckOverviews, sectionOverview, studyQueue } from '../../app/study-queue'
import { Scheduler } from '../../core/scheduling/scheduler'
import { at, deck, fact } from '../../core/testing/factories'
import type { AttacheDb } from './db'
import { DexieStore } from './dexie-store'
import Dexie from 'dexie'
import { dexieCollection } from './open-collection'
import { storeContract } from '../../app/store-contract'
import { keptSession } from '../../app/testing'
import { updatePreset } from '../../app/optimize'
import { defaultPreset } from '../../app/presets'
import { statisticsOf } from '../../app/statistics'
import { hostZone } from '../../core/study/time-zone'

const scheduler = new Scheduler()
const t0 = at('2024-06-01T10:00:00Z')
const MIN = 60_000
const DAY = 86_400_000
let db: AttacheDb | null = null

afterEach(() => {
  vi.restoreAllMocks()
  db?.close()
})

const bigDeck = deck(
  'big',
  Array.from({ length: 60 }, (_, i) =>
    fact({
      id: `f${i}`,
      section: [`Part ${i % 3}`, `Heading ${i % 5}`],
      ...(i % 4 === 0 ? { cloze: `Statement {{${i}}}.` } : {}),
    }),
  ),
)

async function answerFirst(store: Collection, now: Date, grade: 1 | 2 | 3 | 4) {
  const q = await studyQueue(store, { deckId: 'big', section: null }, settings, now)
  const id = q.order[0]
  if (!id) return null
  const card = await store.getCard(id)
  return answerCard(store, scheduler, {
    cardId: id,
    revision: card?.revision ?? 0,
    grade,
    now,
    durationMs: 1000,
  })
}

const settings = { ...DEFAULT_SETTINGS, newPerDay: 6, reviewsPerDay: 8 }

describe('the Dexie store (on fake-indexeddb)', () => {
  it('answers every use case as the in-memory store does, through days of study', async () => {
    db = await freshDb()
    const raw = new DexieStore(db)
    const dexie = new Collection(raw)
    const memory = new Collection(new MemoryStore())
    for (const s of [dexie, memory]) {
      await syncBuiltInDeck(s, bigDeck, scheduler, t0)
      await s.ensureTallies({ zone: hostZone(), rolloverHour: settings.rolloverHour })
    }
    // Dexie's Sections screen reads the card digest, kept through every answer; the memory
    // store's reads the card rows.
    expect(await dexie.makeDigest('big')).toBe(true)
    let now = t0
    for (let day = 0; day < 5; day++) {
      for (let step = 0; step < 20; step++) {
        const grade = ((step % 4) + 1) as 1 | 2 | 3 | 4
        const [a, b] = await Promise.all([
          answerFirst(dexie, now, grade),
          answerFirst(memory, now, grade),
        ])
        expect(a?.card).toEqual(b?.card)
        now = new Date(now.getTime() + 3 * MIN)
      }
      const scope = { deckId: 'big', section: ['Part 1'] }
      expect(await studyQueue(dexie, scope, settings, now)).toEqual(
        await studyQueue(memory, scope, settings, now),
      )
      expect(await deckOverviews(dexie, settings, now)).toEqual(
        await deckOverviews(memory, settings, now),
      )
      expect(await sectionOverview(dexie, 'big', settings, now)).toEqual(
        await sectionOverview(memory, 'big', settings, now),
      )
      now = new Date(t0.getTime() + (day + 1) * DAY)
    }
    expect(await dexie.logsSince(0)).toEqual(await memory.logsSince(0))
    // The statistics' tallies followed every answer through the change log, as counting
    // afresh gives them.
    const kept = await statisticsOf(dexie, settings, now)
    expect(kept).toEqual(await statisticsOf(memory, settings, now))
    expect(kept).toMatchObject({ recounted: false, reviews: (await dexie.logsSince(0)).length })
    expect(kept.reviews).toBeGreaterThan(50)
    await raw.transaction(() => raw.clearTallies())
    expect(await statisticsOf(dexie, settings, now)).toEqual({ ...kept, recounted: true })
  })

  it('counts a deck’s cards as the in-memory store does: suspended and buried count, trashed and retired do not', async () => {
    db = await freshDb()
    const stores = [dexieCollection(db), memoryCollection()]
    const small = deck('small', [fact({ id: 'a' }), fact({ id: 'b' }), fact({ id: 'c' })])
    for (const s of stores) {
      await syncBuiltInDeck(s, small, scheduler, t0)
      await changeCards(s, [cardIdOf('small/a', 0)], { kind: 'suspend' })
      await changeCard(s, cardIdOf('small/b', 0), 0, { kind: 'bury' }, t0.getTime() + DAY)
      await trashNote(s, 'small/c', t0)
    }
    // A deck whose cards are all suspended or buried is not "no cards yet".
    const [dexie, memory] = await Promise.all(stores.map((s) => s.countCards('small')))
    expect([dexie, memory]).toEqual([2, 2])
    const overviews = await Promise.all(stores.map((s) => deckOverviews(s, settings, t0)))
    expect(overviews[0]).toEqual(overviews[1])
    expect(overviews[0]?.find((o) => o.id === 'small')?.total).toBe(2)
  })

  it('writes nothing of an answer when a write fails inside its transaction', async () => {
    db = await freshDb()
    const store = dexieCollection(db)
    await syncBuiltInDeck(store, bigDeck, scheduler, t0)
    const id = cardIdOf('big/f0', 0)
    const before = await store.getCard(id)
    // Every table of the store's transactions shares Dexie's Table prototype: fail the card's.
    const table = Object.getPrototypeOf(db.cards) as { put: (...args: unknown[]) => unknown }
    const put = table.put
    vi.spyOn(table, 'put').mockImplementation(function (this: { name: string }, ...args) {
      return this.name === 'cards' ? Promise.reject(new Error('disk full')) : put.apply(this, args)
    })
    await expect(
      answerCard(store, scheduler, { cardId: id, revision: 0, grade: 3, now: t0, durationMs: 1 }),
    ).rejects.toThrow('disk full')
    expect(await db.revlog.count()).toBe(0)
    expect(await store.getCard(id)).toEqual(before)
  })

  it('undoes several answers of one card, newest first', async () => {
    db = await freshDb()
    const store = dexieCollection(db)
    await syncBuiltInDeck(store, bigDeck, scheduler, t0)
    const id = cardIdOf('big/f1', 0)
    const fresh = await store.getCard(id)
    const r1 = await answerCard(store, scheduler, {
      cardId: id,
      revision: 0,
      grade: 3,
      now: t0,
      durationMs: 1,
    })
    const r2 = await answerCard(store, scheduler, {
      cardId: id,
      revision: 1,
      grade: 3,
      now: new Date(t0.getTime() + 11 * MIN),
      durationMs: 1,
    })
    await undoAnswer(store, r2)
    const back = await undoAnswer(store, r1)
    expect({ ...back, revision: 0 }).toEqual({ ...fresh, revision: 0 })
    expect(await db.revlog.count()).toBe(0)
  })

  it('keeps a study session’s index reads as the in-memory store does: equal to reading afresh', async () => {
    // In a read transaction whose kept lists need no request of their own, the next reads must
    // still find the transaction open.
    db = await freshDb()
    const { differences, undone } = await keptSession(dexieCollection(db), 30)
    expect(differences).toEqual([])
    expect(undone).toBeGreaterThan(0)
  })
})

describe('tags and card history in IndexedDB', () => {
  it('lists every tag once (from the multi-entry index) and a card’s logs oldest first', async () => {
    db = await freshDb()
    const store = dexieCollection(db)
    await syncBuiltInDeck(store, bigDeck, scheduler, t0)
    const [a, b] = await store.notesOfDeck('big')
    if (!a || !b) throw new Error('notes missing')
    await store.putNotes([
      { ...a, tags: ['un', 'law'] },
      { ...b, tags: ['law', 'sea'] },
    ])
    expect(await store.allTags()).toEqual(['law', 'sea', 'un'])
    const id = cardIdOf('big/f2', 0)
    await answerCard(store, scheduler, {
      cardId: id,
      revision: 0,
      grade: 3,
      now: t0,
      durationMs: 1,
    })
    await answerCard(store, scheduler, {
      cardId: id,
      revision: 1,
      grade: 4,
      now: new Date(t0.getTime() + 11 * MIN),
      durationMs: 1,
    })
    expect((await store.logsOfCard(id)).map((l) => l.rating)).toEqual([3, 4])
  })
})

describe('presets in IndexedDB', () => {
  it('saves a preset, gives it to a deck and reschedules its cards in one transaction', async () => {
    db = await freshDb()
    const store = dexieCollection(db)
    await syncBuiltInDeck(store, bigDeck, scheduler, t0)
    for (let day = 0; day < 4; day++)
      for (let i = 0; i < 4; i++)
        await answerFirst(store, new Date(t0.getTime() + day * DAY + i * MIN), 3)
    const before = (await store.sectionCards('big', '')).filter((c) => c.reps > 0)
    const preset = { ...defaultPreset(settings), id: 'slow', name: 'Slow', desiredRetention: 0.8 }
    const now = new Date(t0.getTime() + 5 * DAY)
    const changed = await updatePreset(store, preset, {
      reschedule: true,
      settings,
      deckId: 'big',
    })
    expect(changed).toBe(before.length)
    expect((await store.getDeck('big'))?.presetId).toBe('slow')
    const after = await store.getCards(before.map((c) => c.id))
    expect(after.some((c, i) => (c?.due ?? 0) > (before[i]?.due ?? 0))).toBe(true)
    // The deck studies with it.
    const q = await studyQueue(store, { deckId: 'big', section: null }, settings, now)
    expect(q.order.length).toBeGreaterThan(0)
  })
})

storeContract(
  'Dexie (on fake-indexeddb)',
  async () => {
    db?.close()
    db = await freshDb()
    return new DexieStore(db)
  },
  (work) => Dexie.ignoreTransaction(work),
)

describe('a collection bound to its transaction (Collection.bound)', () => {
  /** A helper with a long chain of native awaits, as the ones that need a bound collection. */
  async function afterManyAwaits(c: Collection, depth: number, name: string): Promise<void> {
    for (let i = 0; i < depth; i++) await new Promise<void>((r) => queueMicrotask(r))
    await c.getDeck(name)
    await createDeck(c, { id: name, name }, t0)
  }

  it('writes in that transaction: logged with it, heard once, undone with it', async () => {
    db = await freshDb()
    const store = dexieCollection(db)
    // Outside a transaction there is nothing to bind to: the collection itself.
    expect(store.bound()).toBe(store)
    const heard: string[][] = []
    store.onCommit((news) => heard.push([...news.tables]))
    const seq = await store.lastChangeSeq()
    await store.transaction(async () => {
      const bound = store.bound()
      expect(bound).not.toBe(store)
      await afterManyAwaits(bound, 40, 'kept')
      await store.putSetting({ key: 'k', value: 1 })
    })
    const rows = await store.changesAfter(seq, 10)
    expect(rows).toHaveLength(1)
    expect(rows[0]?.changes.map((c) => c.table).sort()).toEqual(['decks', 'settings'])
    expect(heard).toEqual([['decks', 'settings']])

    await expect(
      store.transaction(async () => {
        const bound = store.bound()
        await afterManyAwaits(bound, 40, 'undone')
        // A transaction begun on the view joins the one it is bound to.
        await bound.transaction(() => bound.putSetting({ key: 'j', value: 2 }))
        throw new Error('abort')
      }),
    ).rejects.toThrow('abort')
    expect(await store.getDeck('undone')).toBeUndefined()
    expect((await store.listSettings()).map((r) => r.key)).toEqual(['k'])
    expect(await store.changesAfter(seq, 10)).toHaveLength(1)
  })
})
