import { afterEach, describe, expect, it } from 'vitest'
import { CardState, Scheduler } from '../../core/scheduling/scheduler'
import { at, deck, fact } from '../../core/testing/factories'
import { answerCard } from './answer'
import type { AttacheDb } from './db'
import { syncDeck } from './deck-sync'
import { freshDb } from './test-db'

const scheduler = new Scheduler()
const t0 = at('2024-06-01T10:00:00Z')
let db: AttacheDb
afterEach(() => db.close())

describe('syncDeck', () => {
  it('creates the schema tables and the deck, notes and cards', async () => {
    db = await freshDb()
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'cards',
      'decks',
      'notes',
      'reviewLogs',
      'settings',
    ])
    const r = await syncDeck(
      db,
      deck('d', [fact({ id: 'a' }), fact({ id: 'b', acronym: { short: 'B', long: 'Bee' } })]),
      scheduler,
      t0,
    )
    expect(r.added).toBe(3)
    expect((await db.cards.orderBy('id').primaryKeys()).sort()).toEqual([
      'd/a/qa',
      'd/b/qa',
      'd/b/reverse',
    ])
    expect(await db.notes.count()).toBe(2)
  })

  it('keeps review progress when the deck is loaded again with reworded facts', async () => {
    db = await freshDb()
    await syncDeck(db, deck('d', [fact({ id: 'a' })]), scheduler, t0)
    await answerCard(db, scheduler, {
      cardId: 'd/a/qa',
      revision: 0,
      grade: 3,
      now: t0,
      durationMs: 1,
    })
    const reworded = deck('d', [
      fact({ id: 'a', prompt: 'Asked another way?' }),
      fact({ id: 'new' }),
    ])
    const r = await syncDeck(db, reworded, scheduler, at('2024-06-02T10:00:00Z'))
    expect(r.added).toBe(1)
    const card = await db.cards.get('d/a/qa')
    expect(card?.state).toBe(CardState.Learning)
    expect(card?.reps).toBe(1)
    expect((await db.notes.get('d/a'))?.fact.prompt).toBe('Asked another way?')
    expect(await db.reviewLogs.count()).toBe(1)
  })

  it('retires cards whose fact was removed, keeping their history, and revives them when it returns', async () => {
    db = await freshDb()
    await syncDeck(db, deck('d', [fact({ id: 'a' }), fact({ id: 'b' })]), scheduler, t0)
    const r = await syncDeck(db, deck('d', [fact({ id: 'a' })]), scheduler, t0)
    expect(r.retired).toBe(1)
    expect((await db.cards.get('d/b/qa'))?.retired).toBe(1)
    await syncDeck(db, deck('d', [fact({ id: 'a' }), fact({ id: 'b' })]), scheduler, t0)
    expect((await db.cards.get('d/b/qa'))?.retired).toBe(0)
  })

  it('does not rewrite a deck whose facts and cards are unchanged', async () => {
    db = await freshDb()
    const d = deck('d', [fact({ id: 'a' })])
    await syncDeck(db, d, scheduler, t0)
    const second = await syncDeck(db, d, scheduler, at('2024-06-02T10:00:00Z'))
    expect(second).toEqual({ added: 0, retired: 0, unchanged: true })
    expect((await db.decks.get('d'))?.updatedAt).toEqual(t0.getTime())
    const changed = await syncDeck(
      db,
      deck('d', [fact({ id: 'a', prompt: 'Reworded?' })]),
      scheduler,
      at('2024-06-03T10:00:00Z'),
    )
    expect(changed.unchanged).toBe(false)
    expect((await db.notes.get('d/a'))?.fact.prompt).toBe('Reworded?')
  })
})
