import 'fake-indexeddb/auto'
import { Dexie } from 'dexie'
import { describe, expect, it } from 'vitest'
import { Queue, cardIdOf } from '../../app/collection'
import { readSettings } from '../../app/settings'
import { CardState, Scheduler } from '../../core/scheduling/scheduler'
import { fromStoredReview, fromStoredState } from '../../core/scheduling/stored-state'
import { at, fact } from '../../core/testing/factories'
import { openDb } from './db'
import { DexieStore } from './dexie-store'

const scheduler = new Scheduler({ fuzz: false })

/** A database exactly as version 1 of the app wrote it: Date objects, facts, auto-increment logs. */
async function versionOneDatabase(name: string) {
  const v1 = new Dexie(name)
  v1.version(1).stores({
    decks: 'id',
    notes: 'id, deckId',
    cards: 'id, deckId',
    reviewLogs: '++id, cardId, [deckId+review]',
    settings: 'key',
  })
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
  await v1.table('decks').put({ id: 'd', name: 'Deck d', updatedAt: t0, fingerprint: 7 })
  await v1.table('notes').put({ id: 'd/a', deckId: 'd', factId: 'a', position: 0, fact: acronym })
  await v1.table('cards').bulkPut([
    { ...second.state, ...place, id: 'd/a/qa', template: 'qa', revision: 2, retired: 0 },
    {
      ...reversed.state,
      ...place,
      id: 'd/a/reverse',
      template: 'reverse',
      revision: 1,
      retired: 0,
    },
  ])
  const log = { deckId: 'd', noteId: 'd/a', durationMs: 4200 }
  await v1.table('reviewLogs').bulkAdd([
    { ...first.log, ...log, cardId: 'd/a/qa' },
    { ...second.log, ...log, cardId: 'd/a/qa' },
    // Answered in the same millisecond as the one before: both are kept.
    { ...reversed.log, ...log, cardId: 'd/a/reverse' },
  ])
  await v1.table('settings').bulkPut([
    { key: 'newPerDay', value: 7 },
    { key: 'theme', value: 'dark' },
  ])
  v1.close()
  return { t0, t1, first, second, reversed }
}

describe('opening a version-1 database with today’s code', () => {
  it('keeps every card state, review log and setting under the note model', async () => {
    const name = `migrate-${Math.random().toString(36).slice(2)}`
    const { t0, t1, first, second, reversed } = await versionOneDatabase(name)
    const db = openDb(name)
    await db.open()
    expect(db.verno).toBe(4)
    const store = new DexieStore(db)

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
    expect(logs.map((l) => fromStoredReview(l))).toEqual([first.log, second.log, reversed.log])
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
