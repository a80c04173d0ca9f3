import { describe, expect, it, vi } from 'vitest'
import { reviewQueue, DEFAULT_LIMITS } from '../core/study/review-queue'
import { deck, fact } from '../core/testing/factories'
import { Queue } from './collection'
import {
  deckOverviews,
  sectionOverview,
  studyDayAt,
  studyQueue,
  todaysLogs,
  withAnswer,
  type TodaysLog,
} from './study-queue'
import { answer, collectionWith, questionCard, scheduler, settings, t0 } from './testing'
import { syncBuiltInDeck } from './deck-sync'
import { type Collection, memoryCollection } from './collection-writes'
import { createDeck, moveNotes, trashDeck, trashNote } from './editing'
import { changeCard } from './card-actions'
import { derivedCursor } from './change-log'
import { MemoryStore } from './memory-store'
import { hostZone } from '../core/study/time-zone'

const MIN = 60_000
const DAY = 86_400_000

/** A deck of `n` facts, every third with an acronym (a sibling reverse card). */
const bigDeck = (n: number) =>
  deck(
    'big',
    Array.from({ length: n }, (_, i) =>
      fact({
        id: `f${i}`,
        section: [`Part ${i % 3}`, `Heading ${i % 7}`],
        ...(i % 3 === 0
          ? { kind: 'acronym' as const, acronym: { short: `A${i}`, long: `Long ${i}` } }
          : {}),
      }),
    ),
  )

/** Deck `d` of `n` plain facts, `f0`…, one card each. */
const plainDeck = (n: number) =>
  deck(
    'd',
    Array.from({ length: n }, (_, i) => fact({ id: `f${i}` })),
  )

/** The queue core builds over every card of the deck: what the indexed reads must equal. */
async function queueOverAllCards(store: Collection, now: Date, s = settings) {
  const day = studyDayAt(s, now)
  const log = (await todaysLogs(store, day)).get('big')
  // Every card, in id order (the index's order for equal due times); siblings of learning and
  // review cards need no position.
  const cards = (await store.sectionCards('big', ''))
    .filter((c) => c.queue !== Queue.Retired)
    .sort((a, b) => (a.id < b.id ? -1 : 1))
  return reviewQueue(
    cards.map((c) => ({
      id: c.id,
      noteId: c.noteId,
      position: c.queue === Queue.New ? c.position : 0,
      state: c.state,
      due: c.due,
    })),
    now,
    day.end,
    { ...DEFAULT_LIMITS, newPerDay: s.newPerDay, reviewsPerDay: s.reviewsPerDay },
    {
      newCards: log?.newCards.size ?? 0,
      reviews: log?.reviews ?? 0,
      notes: log?.notes ?? new Set(),
    },
  )
}

describe('the study queue read through the indexes', () => {
  it('equals the queue over every card, through days of mixed answers', async () => {
    const store = memoryCollection()
    await syncBuiltInDeck(store, bigDeck(90), scheduler, t0)
    const s = { ...settings, newPerDay: 7, reviewsPerDay: 9 }
    let now = t0
    for (let day = 0; day < 6; day++) {
      let logs: ReadonlyMap<string, TodaysLog> = await todaysLogs(store, studyDayAt(s, now))
      for (let step = 0; step < 25; step++) {
        const q = await studyQueue(store, { deckId: 'big', section: null }, s, now)
        const full = await queueOverAllCards(store, now, s)
        expect({ order: q.order, counts: q.counts, nextAt: q.nextAt }).toEqual(full)
        // A session that keeps today's log itself sees the same queue.
        const kept = await studyQueue(store, { deckId: 'big', section: null }, s, now, logs)
        expect(kept.order).toEqual(q.order)
        const id = q.order[0]
        if (!id) break
        const receipt = await answer(store, id, ((step % 4) + 1) as 1 | 2 | 3 | 4, now)
        logs = withAnswer(logs, receipt.before)
        now = new Date(now.getTime() + 2 * MIN)
      }
      now = new Date(t0.getTime() + (day + 1) * DAY)
    }
  })

  it('a section gets its own new-card allowance and says it goes past the deck’s', async () => {
    const store = memoryCollection()
    await syncBuiltInDeck(store, bigDeck(30), scheduler, t0)
    const s = { ...settings, newPerDay: 2 }
    for (let i = 0; i < 2; i++) {
      const q = await studyQueue(store, { deckId: 'big', section: null }, s, t0)
      await answer(store, q.order[0] ?? '', 4, t0)
    }
    expect((await studyQueue(store, { deckId: 'big', section: null }, s, t0)).counts.new).toBe(0)
    const section = await studyQueue(store, { deckId: 'big', section: ['Part 2'] }, s, t0)
    expect(section.counts.new).toBe(2)
    expect(section.pastDeckLimit).toBe(true)
    const overview = await sectionOverview(store, 'big', s, t0)
    expect(overview.deckNewLeft).toBe(0)
    expect(overview.rows.find((r) => r.path.join() === 'Part 2')).toMatchObject({ new: 2 })
  })
})

describe('learning counts', () => {
  it('are the listed cards when the lists hold them all, counted by the index past that', async () => {
    const countByDue = vi.spyOn(MemoryStore.prototype, 'countByDue')
    const listed = vi.spyOn(MemoryStore.prototype, 'queueIds')
    // The deck alone lists its learning cards' ids (a study session keeps them: next-card.ts).
    const listedInFull = () =>
      listed.mock.calls.filter(([r]) => r.queue === Queue.Learning && r.limit === undefined).length
    try {
      const store = await collectionWith(plainDeck(80))
      const later = new Date(t0.getTime() + MIN / 2)
      const learning = async () =>
        (await studyQueue(store, { deckId: 'd', section: null }, settings, later)).counts.learning
      // Once for the deck alone, once with a deck nested in it (read across the tree).
      let nested = 0
      const both = async () => {
        const alone = await learning()
        const name = (await store.getDeck('d'))?.name ?? ''
        const id = `sub${nested++}`
        await createDeck(store, { id, name: `${name}::Sub ${id}` }, t0)
        const tree = await learning()
        await trashDeck(store, id, t0)
        return [alone, tree]
      }
      // Again on three cards: learning, due a minute later (inside the learn-ahead limit).
      for (let i = 0; i < 3; i++) await answer(store, questionCard('d', `f${i}`), 1, t0)
      countByDue.mockClear()
      listed.mockClear()
      expect(await both()).toEqual([3, 3])
      expect(countByDue).not.toHaveBeenCalled()
      expect(listedInFull()).toBe(0)
      // Past what a list holds, the index counts them.
      for (let i = 3; i < 62; i++) await answer(store, questionCard('d', `f${i}`), 1, t0)
      expect(await both()).toEqual([62, 62])
      expect(countByDue).toHaveBeenCalledTimes(1)
      expect(listedInFull()).toBe(1)
    } finally {
      countByDue.mockRestore()
      listed.mockRestore()
    }
  })
})

describe('overviews', () => {
  it('the deck list counts what a session shows, and says when to come back', async () => {
    const store = await collectionWith()
    const s = { ...settings, newPerDay: 1 }
    await answer(store, questionCard('d', 'a'), 4, t0)
    const [row] = await deckOverviews(store, s, t0)
    expect(row).toMatchObject({ id: 'd', new: 0, learning: 0, due: 0, nextIn: 'tomorrow' })
  })

  it('an answer counts toward the deck the card was studied in, after the card moves on', async () => {
    const store = await collectionWith()
    await createDeck(store, { id: 'other', name: 'Other' }, t0)
    const s = { ...settings, newPerDay: 2 }
    const card = questionCard('d', 'a')
    await answer(store, card, 3, t0)
    const noteId = (await store.getCard(card))?.noteId ?? ''
    await moveNotes(store, scheduler, [noteId], 'other', t0)
    const logs = await todaysLogs(store, studyDayAt(s, t0))
    // Deck d used one of its two new cards today; the deck it went to used none.
    expect(logs.get('d')?.newCards.size).toBe(1)
    expect(logs.get('other')).toBeUndefined()
    const rows = await deckOverviews(store, s, t0)
    expect(rows.find((r) => r.id === 'd')).toMatchObject({ new: 1 })
  })

  it('each deck’s cards come from the kept counts, with what is not followed yet, as counted', async () => {
    const countCards = vi.spyOn(MemoryStore.prototype, 'countCards')
    try {
      const store = await collectionWith(plainDeck(6))
      await createDeck(store, { id: 'other', name: 'Other' }, t0)
      const totals = async () =>
        Object.fromEntries((await deckOverviews(store, settings, t0)).map((r) => [r.id, r.total]))
      // Nothing kept yet: each deck is counted.
      expect(await totals()).toEqual({ d: 6, other: 0 })
      expect(countCards).toHaveBeenCalled()
      await store.ensureTallies({ zone: hostZone(), rolloverHour: settings.rolloverHour })
      await store.follow()
      countCards.mockClear()
      expect(await totals()).toEqual({ d: 6, other: 0 })
      // Suspended and buried cards are the deck's; a trashed note's are not; a moved note's
      // count in the deck it went to. Read before the follow that would count them.
      const card = (id: string) => store.getCard(questionCard('d', id))
      const change = async (id: string, kind: 'bury' | 'suspend') =>
        changeCard(store, questionCard('d', id), (await card(id))?.revision ?? 0, { kind }, 0)
      await change('f0', 'suspend')
      await change('f1', 'bury')
      await trashNote(store, (await card('f2'))?.noteId ?? '', t0)
      await moveNotes(store, scheduler, [(await card('f3'))?.noteId ?? ''], 'other', t0)
      expect(await derivedCursor(store)).toBeLessThan(await store.lastChangeSeq())
      expect(await totals()).toEqual({ d: 4, other: 1 })
      expect([await store.countCards('d'), await store.countCards('other')]).toEqual([4, 1])
      countCards.mockClear()
      await store.follow()
      expect(await totals()).toEqual({ d: 4, other: 1 })
      expect(countCards).not.toHaveBeenCalled()
    } finally {
      countCards.mockRestore()
    }
  })

  it('sections list every level in deck order with what their sessions show', async () => {
    const store = await collectionWith(
      deck('d', [
        fact({ id: 'a', section: ['One', 'A', '(a)'] }),
        fact({ id: 'b', section: ['Two'] }),
        fact({ id: 'c', section: ['One', 'B'] }),
      ]),
    )
    const { rows, total } = await sectionOverview(store, 'd', settings, t0)
    expect(rows.map((r) => r.path.join(' › '))).toEqual([
      'One',
      'One › A',
      'One › A › (a)',
      'Two',
      'One › B',
    ])
    expect(rows[0]).toMatchObject({ total: 2, new: 2, seen: 0 })
    expect(total).toBe(3)
  })
})

describe('new siblings', () => {
  it('a fact’s reverse card comes the study day after its first card, before later facts', async () => {
    const store = memoryCollection()
    const acronyms = deck(
      'big',
      Array.from({ length: 30 }, (_, i) =>
        fact({ id: `f${i}`, kind: 'acronym', acronym: { short: `A${i}`, long: `Long ${i}` } }),
      ),
    )
    await syncBuiltInDeck(store, acronyms, scheduler, t0)
    const s = { ...settings, newPerDay: 5 }
    const day1 = await studyQueue(store, { deckId: 'big', section: null }, s, t0)
    // One card per fact on the first day: the question cards of the first five facts.
    expect(day1.order).toEqual(['big/f0#0', 'big/f1#0', 'big/f2#0', 'big/f3#0', 'big/f4#0'])
    for (const id of day1.order) await answer(store, id, 4, t0)
    const day2 = await studyQueue(
      store,
      { deckId: 'big', section: null },
      s,
      new Date(t0.getTime() + DAY),
    )
    expect(day2.order.slice(0, 5)).toEqual([
      'big/f0#2',
      'big/f1#2',
      'big/f2#2',
      'big/f3#2',
      'big/f4#2',
    ])
  })
})
