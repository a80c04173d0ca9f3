import 'fake-indexeddb/auto'
import { Dexie } from 'dexie'
import { describe, expect, it } from 'vitest'
import { CardState, Scheduler } from '../../core/scheduling/scheduler'
import { fromStoredReview, fromStoredState } from '../../core/scheduling/stored-state'
import { at } from '../../core/testing/factories'
import { openDb } from './db'
import { readSettings } from './settings'

const scheduler = new Scheduler({ fuzz: false })

/** A database exactly as version 1 of the app wrote it: Date objects for every time. */
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
  const fresh = scheduler.newState(t0)
  const answered = scheduler.review(fresh, 3, t0, 's')
  const card = { id: 'd/a/qa', deckId: 'd', noteId: 'd/a', template: 'qa', position: 0 }
  await v1.table('decks').put({ id: 'd', name: 'Deck d', updatedAt: t0, fingerprint: 7 })
  await v1.table('cards').bulkPut([
    { ...answered.state, ...card, revision: 1, retired: 0 },
    { ...fresh, ...card, id: 'd/b/qa', noteId: 'd/b', position: 1, revision: 0, retired: 0 },
  ])
  await v1
    .table('reviewLogs')
    .add({ ...answered.log, cardId: 'd/a/qa', deckId: 'd', noteId: 'd/a', durationMs: 4200 })
  await v1.table('settings').bulkPut([
    { key: 'newPerDay', value: 7 },
    { key: 'theme', value: 'dark' },
  ])
  v1.close()
  return { t0, answered, fresh }
}

describe('schema version 2', () => {
  it('keeps every card state, log and setting of a version-1 database, times as epoch ms', async () => {
    const name = `migrate-${Math.random().toString(36).slice(2)}`
    const { t0, answered, fresh } = await versionOneDatabase(name)
    const db = openDb(name)
    await db.open()
    expect(db.verno).toBe(2)

    const a = await db.cards.get('d/a/qa')
    const b = await db.cards.get('d/b/qa')
    if (!a || !b) throw new Error('cards lost in the migration')
    expect(typeof a.due).toBe('number')
    expect(fromStoredState(a)).toEqual(answered.state)
    expect(fromStoredState(b)).toEqual(fresh)
    expect(a).toMatchObject({ revision: 1, retired: 0, position: 0, state: CardState.Learning })

    const logs = await db.reviewLogs.toArray()
    const [log, ...more] = logs
    if (!log) throw new Error('review log lost in the migration')
    expect(more).toEqual([])
    expect(fromStoredReview(log)).toEqual(answered.log)
    expect(log).toMatchObject({ cardId: 'd/a/qa', durationMs: 4200, review: t0.getTime() })
    // Today's logs are still found through the [deckId+review] index.
    const today = await db.reviewLogs
      .where('[deckId+review]')
      .between(['d', t0.getTime()], ['d', Number.MAX_SAFE_INTEGER], true, true)
      .count()
    expect(today).toBe(1)

    expect((await db.decks.get('d'))?.updatedAt).toBe(t0.getTime())
    expect(await readSettings(db)).toMatchObject({ newPerDay: 7, theme: 'dark' })
    db.close()
  })
})
