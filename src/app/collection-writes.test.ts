import { describe, expect, it, vi } from 'vitest'
import { hostZone } from '../core/study/time-zone'
import { deckCards } from './card-digests'
import { derivedCursor } from './change-log'
import { Collection, type CommitNews } from './collection-writes'

type CommitListenerOf = (news: CommitNews) => void
import { syncBuiltInDeck } from './deck-sync'
import { MemoryStore } from './memory-store'
import { statisticsOf } from './statistics'
import { countTallies } from './tallies'
import { answer, logRow as logOf, questionCard, scheduler, settings, t0 } from './testing'
import { deck, fact } from '../core/testing/factories'

const rule = () => ({ zone: hostZone(), rolloverHour: settings.rolloverHour })
const chapter = deck('d', [fact({ id: 'a' }), fact({ id: 'b' }), fact({ id: 'c' })])

async function opened() {
  const raw = new MemoryStore()
  const store = new Collection(raw)
  await syncBuiltInDeck(store, chapter, scheduler, t0)
  await store.ensureTallies(rule())
  return { raw, store }
}

describe('the Collection, the only write path', () => {
  it('logs each transaction’s writes as one change row, in order, and nothing of one that fails', async () => {
    const { store } = await opened()
    const last = await store.lastChangeSeq()
    await answer(store, questionCard('d', 'a'), 3, t0)
    const [row, ...more] = await store.changesAfter(last, 10)
    expect(more).toEqual([])
    expect(row?.changes.map((c) => [c.table, c.op, c.keys])).toEqual([
      ['revlog', 'put', [t0.getTime()]],
      ['cards', 'put', [questionCard('d', 'a')]],
    ])
    // The card as it was is kept with the change (what the derived tables follow with).
    expect(row?.changes[1]?.before).toMatchObject([{ id: questionCard('d', 'a'), reps: 0 }])
    const seq = await store.lastChangeSeq()
    await expect(
      store.transaction(async () => {
        await store.putSetting({ key: 'x', value: 1 })
        throw new Error('no')
      }),
    ).rejects.toThrow('no')
    expect(await store.lastChangeSeq()).toBe(seq)
    expect(await store.listSettings()).toEqual([])
    // A write outside any transaction runs in one of its own, logged too.
    await store.putSetting({ key: 'x', value: 2 })
    const [own] = await store.changesAfter(seq, 10)
    expect(own?.changes).toEqual([{ table: 'settings', op: 'put', keys: ['x'] }])
  })

  it('tells listeners which tables a commit wrote, and only after it committed', async () => {
    const { store } = await opened()
    const heard: string[][] = []
    const stop = store.onCommit((news) => heard.push([...news.tables].sort()))
    await answer(store, questionCard('d', 'a'), 3, t0)
    await store.transaction(() => store.getCard(questionCard('d', 'a')))
    await expect(
      store.transaction(async () => {
        await store.putSetting({ key: 'x', value: 1 })
        throw new Error('no')
      }),
    ).rejects.toThrow()
    stop()
    await store.putSetting({ key: 'y', value: 1 })
    expect(heard).toEqual([['cards', 'revlog']])
  })

  it('hears commits made elsewhere over its channel, and follows their cards and logs', async () => {
    const { raw } = await opened()
    let hear: CommitListenerOf = () => undefined
    const posted: unknown[] = []
    const window = new Collection(raw, {
      post: (news) => posted.push(news),
      listen: (heard) => {
        hear = heard
      },
    })
    const heard: unknown[] = []
    window.onCommit((news) => heard.push(news))
    // Another Collection over the same storage (a worker's) answers a card.
    const worker = new Collection(raw)
    await answer(worker, questionCard('d', 'a'), 3, t0)
    const before = await derivedCursor(raw)
    expect(before).toBeLessThan(await raw.lastChangeSeq())
    // Its news arrives: listeners hear it as not their own, and the derived tables catch up.
    hear({ tables: ['revlog', 'cards'], cleared: false })
    expect(heard).toEqual([{ tables: ['revlog', 'cards'], cleared: false, here: false }])
    await vi.waitFor(async () => expect(await derivedCursor(raw)).toBe(await raw.lastChangeSeq()))
    // What it hears it does not post again; its own commits it does.
    expect(posted).toEqual([])
    await window.putSetting({ key: 'x', value: 1 })
    expect(posted).toEqual([{ tables: ['settings'], cleared: false }])
  })

  it('derived tables follow the log after the commit, rebuilt by whoever follows next, once', async () => {
    const { raw, store } = await opened()
    expect(await store.makeDigest('d')).toBe(true)
    const before = await derivedCursor(raw)
    await answer(store, questionCard('d', 'a'), 3, t0)
    // Committed, not yet followed: as if the window closed right after the answer...
    expect(await derivedCursor(raw)).toBe(before)
    // ...the Sections screen still reads the card as it is now...
    const card = (await deckCards(store, 'd')).find((c) => c.id === questionCard('d', 'a'))
    expect(card?.state).not.toBe(0)
    // ...and the next start (another Collection on the same data) brings the counts up to date.
    const next = new Collection(raw)
    expect(await next.follow()).toBe(true)
    expect(await derivedCursor(raw)).toBe(await raw.lastChangeSeq())
    expect(await next.follow()).toBe(false)
    await store.follow()
    const stats = await statisticsOf(next, settings, t0)
    expect(stats).toMatchObject({ recounted: false, reviews: 1 })
    const counted = await countTallies(raw, rule())
    for (const row of counted)
      expect((await raw.getTallies([[row.deckId, row.kind, row.day]]))[0]?.n).toEqual(row.n)
    expect((await raw.digestsOfDeck('d')).flatMap((r) => r.state)).toContain(card?.state)
  })

  it('lets go of the derived tables when too much changed at once, and counts them afresh', async () => {
    const { raw, store } = await opened()
    await store.makeDigest('d')
    const cardId = questionCard('d', 'b')
    const logs = Array.from({ length: 20_001 }, (_, i) => logOf(t0.getTime() + i * 1000, cardId))
    await store.transaction(() => store.putLogs(logs))
    await store.follow()
    expect(await raw.getTallies([['', 'rule', 0]])).toEqual([undefined])
    expect(await raw.digestsOfDeck('d')).toEqual([])
    const stats = await statisticsOf(store, settings, new Date(t0.getTime() + 86_400_000))
    expect(stats).toMatchObject({ recounted: true, reviews: 20_001 })
  })
})
