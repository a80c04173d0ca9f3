import 'fake-indexeddb/auto'
import { Dexie } from 'dexie'
import { describe, expect, it } from 'vitest'
import { Queue, cardIdOf } from '../../app/collection'
import { answerCard } from '../../app/answer'
import { syncBuiltInDeck } from '../../app/deck-sync'
import { exportCollection } from '../../app/exchange/export-collection'
import { mediaRow, putMediaFiles } from '../../app/exchange/media-files'
import { defaultPreset } from '../../app/presets'
import { updatePreset } from '../../app/optimize'
import { DEFAULT_SETTINGS, readSettings, writeSetting } from '../../app/settings'
import { studyQueue } from '../../app/study-queue'
import { CardState, Scheduler } from '../../core/scheduling/scheduler'
import { fromStoredState, toStoredReview } from '../../core/scheduling/stored-state'
import { at, deck, fact } from '../../core/testing/factories'
import { SCHEMAS, SCHEMA_VERSION, openDb } from './db'
import { memoryCollection } from '../../app/collection-writes'
import { dexieCollection } from './open-collection'

const scheduler = new Scheduler({ fuzz: false })

/**
 * A database exactly as version 1 of the app wrote it (Date objects, facts, auto-increment
 * logs), or as version 2 did (the same, times as epoch ms).
 */
async function versionOneDatabase(name: string, version: 1 | 2 = 1) {
  const v1 = new Dexie(name)
  v1.version(1).stores(SCHEMAS[1])
  if (version === 2) v1.version(2).stores(SCHEMAS[2])
  const time = (row: object): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...row }
    if (version === 2)
      for (const k of ['due', 'last_review', 'review', 'updatedAt'])
        if (out[k] instanceof Date) out[k] = (out[k] as Date).getTime()
    return out
  }
  const t0 = at('2024-06-01T10:00:00Z')
  const t1 = at('2024-06-01T10:11:00Z')
  const acronym = fact({
    id: 'a',
    kind: 'acronym',
    section: ['Part', 'Heading'],
    acronym: { short: 'UN', long: 'United Nations' },
  })
  const fresh = scheduler.newState(t0)
  const first = scheduler.review(fresh, 3, t0, 's')
  const second = scheduler.review(first.state, 3, t1, 's')
  const reversed = scheduler.review(fresh, 1, t1, 's')
  const place = { deckId: 'd', noteId: 'd/a', position: 0 }
  await v1.table('decks').put(time({ id: 'd', name: 'Deck d', updatedAt: t0, fingerprint: 7 }))
  await v1.table('notes').put({ id: 'd/a', deckId: 'd', factId: 'a', position: 0, fact: acronym })
  await v1.table('cards').bulkPut(
    [
      { ...second.state, ...place, id: 'd/a/qa', template: 'qa', revision: 2, retired: 0 },
      {
        ...reversed.state,
        ...place,
        id: 'd/a/reverse',
        template: 'reverse',
        revision: 1,
        retired: 0,
      },
    ].map(time),
  )
  const log = { deckId: 'd', noteId: 'd/a', durationMs: 4200 }
  await v1.table('reviewLogs').bulkAdd(
    [
      { ...first.log, ...log, cardId: 'd/a/qa' },
      { ...second.log, ...log, cardId: 'd/a/qa' },
      // Answered in the same millisecond as the one before: both are kept.
      { ...reversed.log, ...log, cardId: 'd/a/reverse' },
    ].map(time),
  )
  await v1.table('settings').bulkPut([
    { key: 'newPerDay', value: 7 },
    { key: 'theme', value: 'dark' },
  ])
  v1.close()
  return { t0, t1, first, second, reversed }
}

describe.each([1, 2] as const)('opening a version-%i database with today’s code', (version) => {
  it('keeps every card state, review log and setting under the note model', async () => {
    const name = `migrate-${Math.random().toString(36).slice(2)}`
    const { t0, t1, first, second, reversed } = await versionOneDatabase(name, version)
    const db = openDb(name)
    await db.open()
    expect(db.verno).toBe(SCHEMA_VERSION)
    const store = dexieCollection(db)

    const question = await store.getCard(cardIdOf('d/a', 0))
    const reverse = await store.getCard(cardIdOf('d/a', 2))
    if (!question || !reverse) throw new Error('cards lost in the migration')
    expect(fromStoredState(question)).toEqual(second.state)
    expect(fromStoredState(reverse)).toEqual(reversed.state)
    expect(question).toMatchObject({ ord: 0, revision: 2, queue: Queue.Review, deckId: 'd' })
    expect(reverse).toMatchObject({ ord: 2, queue: Queue.Learning })
    expect(question.sectionKey).toBe('Part\u001fHeading\u001f')

    const logs = await store.logsSince(0)
    expect(logs.map((l) => [l.id, l.cardId])).toEqual([
      [t0.getTime(), 'd/a#0'],
      [t1.getTime(), 'd/a#0'],
      [t1.getTime() + 1, 'd/a#2'],
    ])
    expect(logs).toMatchObject([first.log, second.log, reversed.log].map(toStoredReview))
    expect(logs[0]).toMatchObject({ noteId: 'd/a', durationMs: 4200 })
    expect((await store.lastLogOfCard('d/a#0'))?.id).toBe(t1.getTime())

    const note = await store.getNote('d/a')
    expect(note).toMatchObject({ typeId: 'attache-fact', section: ['Part', 'Heading'] })
    expect(note?.fields).toMatchObject({ Acronym: 'UN', Expansion: 'United Nations' })
    expect(await store.getNoteType('attache-fact')).toBeDefined()
    expect((await store.getDeck('d'))?.updatedAt).toBe(t0.getTime())
    expect(await readSettings(store)).toMatchObject({ newPerDay: 7, theme: 'dark' })
    expect(question.state).toBe(CardState.Review)
    db.close()
  })
})

/**
 * A collection as the note model stores it (decks, note types, notes, cards, logs, a preset,
 * settings, and from version 4 media), made by today's use cases in memory, then written into
 * a database declared exactly as schema version `version` left it.
 */
async function noteModelDatabase(name: string, version: 3 | 4 | 5) {
  const memory = memoryCollection()
  const t0 = at('2024-06-01T10:00:00Z')
  await syncBuiltInDeck(
    memory,
    deck('d', [
      fact({ id: 'a', section: ['Part', 'One'] }),
      fact({ id: 'b', kind: 'acronym', acronym: { short: 'UN', long: 'United Nations' } }),
      fact({ id: 'c', cloze: 'Signed in {{1982}}.' }),
    ]),
    scheduler,
    t0,
  )
  for (const [i, card] of (await memory.sectionCards('d', '')).entries()) {
    await answerCard(memory, scheduler, {
      cardId: card.id,
      revision: card.revision,
      grade: i % 2 ? 1 : 3,
      now: new Date(t0.getTime() + i * 60_000),
      durationMs: 3000,
    })
  }
  await updatePreset(
    memory,
    { ...defaultPreset(DEFAULT_SETTINGS), id: 'p', name: 'Slow', desiredRetention: 0.8 },
    { reschedule: false, settings: DEFAULT_SETTINGS },
  )
  await writeSetting(memory, 'theme', 'dark')
  if (version >= 4)
    await putMediaFiles(memory, [
      mediaRow('flag.png', new Uint8Array([137, 80, 78, 71]), t0.getTime()),
    ])
  const data = await exportCollection(memory)
  const old = new Dexie(name)
  for (let v = 1; v <= version; v++) old.version(v).stores(SCHEMAS[v as 1 | 2 | 3 | 4 | 5])
  await old.open()
  const rows: Record<string, unknown[]> = {
    decks: data.decks,
    noteTypes: data.noteTypes,
    notes: data.notes,
    cards: data.cards,
    revlog: data.reviewLogs,
    presets: data.presets,
    settings: data.settings,
    // Versions 4 and 5 kept a file's bytes in its row, with no hash.
    ...(version >= 4 ? { media: data.media.map(({ hash: _hash, ...m }) => m) } : {}),
  }
  for (const [table, list] of Object.entries(rows)) await old.table(table).bulkPut(list)
  old.close()
  return data
}

describe.each([3, 4, 5] as const)('opening a version-%i database with today’s code', (version) => {
  it('loses nothing: the collection reads back row for row', async () => {
    const name = `migrate-${version}-${Math.random().toString(36).slice(2)}`
    const before = await noteModelDatabase(name, version)
    expect(before.reviewLogs.length).toBeGreaterThan(3)
    const db = openDb(name)
    await db.open()
    expect(db.verno).toBe(SCHEMA_VERSION)
    const after = await exportCollection(dexieCollection(db))
    const byId = <T extends { id: string | number }>(xs: T[]) =>
      [...xs].sort((a, b) => String(a.id).localeCompare(String(b.id)))
    expect(byId(after.notes)).toEqual(byId(before.notes))
    expect(byId(after.cards)).toEqual(byId(before.cards))
    expect(byId(after.reviewLogs)).toEqual(byId(before.reviewLogs))
    expect(byId(after.decks)).toEqual(byId(before.decks))
    expect(byId(after.presets)).toEqual(byId(before.presets))
    expect(after.settings).toEqual(before.settings)
    expect(after.media).toEqual(before.media)
    // And it studies on: the queue reads through today's indexes.
    const queue = await studyQueue(
      dexieCollection(db),
      { deckId: 'd', section: null },
      DEFAULT_SETTINGS,
      new Date('2024-06-03T10:00:00Z'),
    )
    expect(queue.order.length).toBeGreaterThan(0)
    db.close()
  })
})
