import { afterEach, describe, expect, it } from 'vitest'
import { at, deck, fact } from '../core/testing/factories'
import { undoAnswer } from './answer'
import { changeCard, changeCards, resetCards, undoCardChange } from './card-actions'
import { cardIdOf } from './collection'
import { syncBuiltInDeck } from './deck-sync'
import { addNote, createDeck, moveNotes, restoreNote, trashNote } from './editing'
import { exportCollection } from './exchange/export-collection'
import { applyImport, restoreCollection } from './exchange/import-collection'
import { statisticsOf } from './statistics'
import type { TallyRow } from './store'
import { countTallies, type TallyRule } from './tallies'
import { hostZone } from '../core/study/time-zone'
import { answer, questionCard, scheduler, settings, t0 } from './testing'
import { Collection, memoryCollection } from './collection-writes'
import { MemoryStore } from './memory-store'

const DAY = 86_400_000
const rule = (): TallyRule => ({ zone: hostZone(), rolloverHour: settings.rolloverHour })
const zone = process.env['TZ']
afterEach(() => {
  if (zone === undefined) delete process.env['TZ']
  else process.env['TZ'] = zone
})

/** Every tally row the store keeps, in a fixed order. */
async function storedTallies(store: Collection): Promise<TallyRow[]> {
  const decks = await store.listDecks()
  const rows = [
    ...(await store.getTallies([['', 'rule', 0]])).flatMap((r) => (r ? [r] : [])),
    ...(
      await Promise.all(
        decks.flatMap((d) =>
          (['cards', 'due', 'log'] as const).map((kind) =>
            store.talliesOfDeck(d.id, kind, -Infinity, Infinity),
          ),
        ),
      )
    ).flat(),
  ]
  return sortRows(rows)
}
const sortRows = (rows: TallyRow[]) =>
  [...rows].sort((a, b) =>
    `${a.deckId}|${a.kind}|${a.day}`.localeCompare(`${b.deckId}|${b.kind}|${b.day}`),
  )

/** The kept tallies are what counting every card and log afresh gives. */
async function expectKeptRight(store: Collection, counted = rule()) {
  await store.follow()
  expect(await storedTallies(store)).toEqual(sortRows(await countTallies(store, counted)))
}

const chapter = deck('d', [fact({ id: 'a' }), fact({ id: 'b' }), fact({ id: 'c' })])

async function counted(d = chapter, raw = new MemoryStore()) {
  const store = new Collection(raw)
  await syncBuiltInDeck(store, d, scheduler, t0)
  expect(await store.ensureTallies(rule())).toBe(true)
  return store
}

describe('tallies kept as cards and logs are written', () => {
  it('answers, undo, bury, suspend, flags and resets keep them equal to a fresh count', async () => {
    const store = await counted()
    const days = [0, 1, 2, 5].map((d) => new Date(t0.getTime() + d * DAY))
    for (const [i, now] of days.entries()) {
      await answer(store, questionCard('d', 'a'), i === 2 ? 1 : 3, now)
      await answer(store, questionCard('d', 'b'), 3, now, 61_000)
    }
    await expectKeptRight(store)
    const receipt = await answer(store, questionCard('d', 'c'), 2, days[3] as Date)
    await undoAnswer(store, receipt)
    await expectKeptRight(store)
    const card = await store.getCard(questionCard('d', 'a'))
    const change = await changeCard(
      store,
      questionCard('d', 'a'),
      card?.revision ?? 0,
      { kind: 'bury' },
      t0.getTime() + DAY,
    )
    await expectKeptRight(store)
    await undoCardChange(store, change)
    await changeCards(store, [questionCard('d', 'b'), questionCard('d', 'c')], {
      kind: 'suspend',
    })
    await changeCards(store, [questionCard('d', 'a')], { kind: 'flag', flag: 2 })
    await expectKeptRight(store)
    await resetCards(store, scheduler, [questionCard('d', 'a')], { kind: 'new' }, days[3] as Date)
    await expectKeptRight(store)
    // Nothing was kept in vain: the rows hold the answers.
    const stats = await statisticsOf(store, settings, days[3] as Date, { deckId: 'd' })
    expect(stats.recounted).toBe(false)
    expect(stats.reviews).toBe(8)
    expect(stats.states).toMatchObject({ new: 1, suspended: 2 })
  })

  it("a card's history follows it to another deck, out to the trash and back, and out when retired", async () => {
    const store = await counted()
    await createDeck(store, { id: 'other', name: 'Other' }, t0)
    await answer(store, questionCard('d', 'a'), 3, t0)
    await answer(store, questionCard('d', 'b'), 1, t0)
    await moveNotes(store, scheduler, ['d/a'], 'other', t0)
    await expectKeptRight(store)
    expect((await statisticsOf(store, settings, t0, { deckId: 'other' })).reviews).toBe(1)
    await trashNote(store, 'd/b', t0)
    await expectKeptRight(store)
    expect((await statisticsOf(store, settings, t0, { deckId: 'd' })).reviews).toBe(0)
    await restoreNote(store, 'd/b')
    await expectKeptRight(store)
    expect((await statisticsOf(store, settings, t0, { deckId: 'd' })).reviews).toBe(1)
    // The deck file drops fact b: its card is retired and its history leaves the counts.
    await syncBuiltInDeck(store, deck('d', [fact({ id: 'c' })]), scheduler, t0)
    await expectKeptRight(store)
    expect((await statisticsOf(store, settings, t0)).reviews).toBe(1)
  })

  it('imports add their cards and history, a repeated import adds nothing, a restore recounts', async () => {
    const source = memoryCollection()
    await createDeck(source, { id: 'exam', name: 'Exam' }, t0)
    await addNote(
      source,
      scheduler,
      { guid: 'n1', deckId: 'exam', typeId: 'basic', fields: { Front: 'Q', Back: 'A' }, tags: [] },
      t0,
    )
    await answer(source, cardIdOf('n1', 0), 3, t0)
    await answer(source, cardIdOf('n1', 0), 3, at('2024-06-03T10:00:00Z'))
    const data = await exportCollection(source)
    const store = await counted()
    await answer(store, questionCard('d', 'a'), 3, at('2024-06-01T11:00:00Z'))
    await applyImport(store, data, 'keep', t0)
    await expectKeptRight(store)
    await applyImport(store, data, 'keep', t0)
    await expectKeptRight(store)
    expect((await statisticsOf(store, settings, at('2024-06-03T12:00:00Z'))).reviews).toBe(3)
    await restoreCollection(store, data)
    expect(await storedTallies(store)).toEqual([])
    const restored = await statisticsOf(store, settings, at('2024-06-03T12:00:00Z'))
    expect(restored).toMatchObject({ recounted: true, reviews: 2 })
    await expectKeptRight(store)
  })

  it('a count that an answer overtakes is made again: studying goes on while it counts', async () => {
    const raw = new MemoryStore()
    const store = await counted(chapter, raw)
    await answer(store, questionCard('d', 'a'), 3, t0)
    // A new rollover hour: while the count reads the log, an answer is asked for (it is made
    // once the read in progress is done, as IndexedDB queues a write behind a read) and kept.
    let answered: Promise<unknown> | null = null
    let passes = 0
    const readLog = raw.logsAfter.bind(raw)
    raw.logsAfter = async (after, limit) => {
      if (after < 0 || after === 0) passes++
      const page = await readLog(after, limit)
      answered ??= answer(store, questionCard('d', 'b'), 3, new Date(t0.getTime() + 60_000))
      return page
    }
    const midnight = { ...settings, rolloverHour: 0 }
    const stats = await statisticsOf(store, midnight, new Date(t0.getTime() + DAY), { days: 3 })
    await answered
    // The log was read from its start twice: the count the answer overtook was made again.
    expect(passes).toBe(2)
    expect(stats).toMatchObject({ recounted: true, reviews: 2 })
    await expectKeptRight(store, { zone: hostZone(), rolloverHour: 0 })
  })

  it('a new rollover hour or time zone counts them again; a write in another zone drops them', async () => {
    process.env['TZ'] = 'Asia/Tokyo'
    const store = await counted()
    // 3:30 am in Tokyo on 2 June: still the study day of 1 June with a 4 am rollover, that of
    // 2 June with a midnight one.
    const late = at('2024-06-01T18:30:00Z')
    await answer(store, questionCard('d', 'a'), 3, late)
    const byFour = await statisticsOf(store, settings, late, { days: 3 })
    expect(byFour.recounted).toBe(false)
    const byZero = await statisticsOf(store, { ...settings, rolloverHour: 0 }, late, { days: 3 })
    expect(byZero.recounted).toBe(true)
    expect(byZero.perDay.at(-1)?.day).toBe((byFour.perDay.at(-1)?.day ?? 0) + 1)
    expect(byZero.perDay.at(-1)?.reviews).toBe(1)
    // In Kathmandu the rule no longer holds: the answer is kept, the tallies are dropped...
    process.env['TZ'] = 'Asia/Kathmandu'
    await answer(store, questionCard('d', 'b'), 3, late)
    await store.follow()
    expect(await store.getTallies([['', 'rule', 0]])).toEqual([undefined])
    // ...even back in Tokyo, where they would otherwise miss that answer.
    process.env['TZ'] = 'Asia/Tokyo'
    const back = await statisticsOf(store, settings, late, { days: 3 })
    expect(back).toMatchObject({ recounted: true, reviews: 2 })
    await expectKeptRight(store)
  })
})
