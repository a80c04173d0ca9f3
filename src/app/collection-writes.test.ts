import { describe, expect, it, vi } from 'vitest'
import { hostZone } from '../core/study/time-zone'
import { deckCards } from './card-digests'
import { COMPACTED_KEY, FOLLOW_ROWS, cursorRow, derivedCursor, logMarks } from './change-log'
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

  it('compacts the change log as it follows it: a followed row keeps keys, time and source only', async () => {
    const { raw, store } = await opened()
    const seq = await raw.lastChangeSeq()
    await answer(store, questionCard('d', 'a'), 3, t0)
    await answer(store, questionCard('d', 'a'), 3, new Date(t0.getTime() + 3 * 86_400_000))
    const [answered] = await raw.changesAfter(seq, 1)
    expect(answered?.changes[1]?.before).toHaveLength(1)
    await store.follow()
    const marks = await logMarks(raw)
    expect(marks).toEqual({ cursor: await raw.lastChangeSeq(), compacted: marks.cursor })
    const rows = await raw.changesAfter(0, 100)
    expect(rows.flatMap((r) => r.changes).filter((c) => 'before' in c)).toEqual([])
    const [first] = await raw.changesAfter(seq, 1)
    expect(first).toEqual({
      seq: answered?.seq,
      at: answered?.at,
      changes: [
        { table: 'revlog', op: 'put', keys: [t0.getTime()] },
        { table: 'cards', op: 'put', keys: [questionCard('d', 'a')] },
      ],
    })
    // The counts were made from the rows before they were compacted.
    expect(await statisticsOf(store, settings, t0)).toMatchObject({ recounted: false, reviews: 2 })
    // A recount and an emptied collection leave the mark where it was (it is about the log).
    await store.ensureTallies({ ...rule(), rolloverHour: (settings.rolloverHour + 1) % 24 })
    expect((await logMarks(raw)).compacted).toBe(marks.compacted)
    await store.clearAll()
    expect((await logMarks(raw)).compacted).toBe(marks.compacted)
  })

  it('compacts a log written before compaction (an upgrade) up to the cursor, a page at a time', async () => {
    const { raw, store } = await opened()
    const card = await raw.getCard(questionCard('d', 'b'))
    if (!card) throw new Error('the deck has card b')
    // 4,500 rows as an older version wrote them (each with the card as it was), all followed,
    // and no compaction mark.
    await raw.transaction(async () => {
      for (let i = 0; i < 4_500; i++)
        await raw.appendChange({
          changes: [{ table: 'cards', op: 'put', keys: [questionCard('d', 'b')], before: [card] }],
          at: i,
        })
    })
    const cursor = await raw.lastChangeSeq()
    await raw.transaction(async () => {
      await raw.putTallies([cursorRow(cursor)])
      await raw.deleteTallies([COMPACTED_KEY])
    })
    const puts = vi.spyOn(raw, 'putChanges')
    await answer(store, questionCard('d', 'a'), 3, t0)
    await store.follow()
    // The catching up runs after the follow, not waited for by it: wait for it here.
    await store.compact()
    // Three pages of at most FOLLOW_ROWS rows: the 4,500 and the answer's, which following left
    // to the catching up (the deck's own rows were compacted as it was loaded).
    const pages = puts.mock.calls.map(([rows]) => rows.length)
    expect(pages).toHaveLength(3)
    expect(Math.max(...pages)).toBeLessThanOrEqual(FOLLOW_ROWS)
    expect(pages.reduce((a, b) => a + b)).toBe(4_501)
    expect(await logMarks(raw)).toEqual({
      cursor: await raw.lastChangeSeq(),
      compacted: await raw.lastChangeSeq(),
    })
    const rows = await raw.changesAfter(0, 10_000)
    expect(rows.flatMap((r) => r.changes).filter((c) => 'before' in c)).toEqual([])
    expect(rows.filter((r) => r.changes[0]?.keys[0] === questionCard('d', 'b'))).toHaveLength(4_500)
    expect(await statisticsOf(store, settings, t0)).toMatchObject({ recounted: false, reviews: 1 })
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
