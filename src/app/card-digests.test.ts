import { describe, expect, it } from 'vitest'
import { deck, fact } from '../core/testing/factories'
import { fromStoredState } from '../core/scheduling/stored-state'
import { changeCards, resetCards } from './card-actions'
import { deckCards, digestCardOf } from './card-digests'
import { syncBuiltInDeck } from './deck-sync'
import { createDeck, editNote, moveNotes, restoreNote, trashNote } from './editing'
import { sectionOverview } from './study-queue'
import { answer, questionCard, scheduler, settings, t0 } from './testing'
import { type Collection, memoryCollection } from './collection-writes'

const DAY = 86_400_000

const chapter = deck(
  'd',
  Array.from({ length: 12 }, (_, i) =>
    fact({ id: `f${i}`, section: [`Part ${i % 2}`, `Heading ${i % 3}`] }),
  ),
)

const byId = <T extends { id: string }>(cards: T[]) =>
  [...cards].sort((a, b) => (a.id < b.id ? -1 : 1))

/** A deck's digest holds what its card rows say. */
async function expectDigestRight(store: Collection, deckId: string) {
  const digest = await deckCards(store, deckId)
  const rows = await store.sectionCards(deckId, '')
  expect(byId(digest)).toEqual(byId(rows).map(digestCardOf))
  expect((await store.digestsOfDeck(deckId))[0]?.block).toBe(-1)
}

describe('card digests', () => {
  it('are made once and kept through answers, moves, the trash, edits and resets', async () => {
    const store = memoryCollection()
    await syncBuiltInDeck(store, chapter, scheduler, t0)
    await createDeck(store, { id: 'other', name: 'Other' }, t0)
    expect(await store.makeDigest('d')).toBe(true)
    expect(await store.makeDigest('d')).toBe(false)
    expect(await store.makeDigest('other')).toBe(true)
    for (let day = 0; day < 3; day++)
      for (const f of ['f0', 'f1', 'f5'])
        await answer(
          store,
          questionCard('d', f),
          day === 1 ? 1 : 3,
          new Date(t0.getTime() + day * DAY),
        )
    await expectDigestRight(store, 'd')
    await moveNotes(store, scheduler, ['d/f0', 'd/f2'], 'other', t0)
    await trashNote(store, 'd/f1', t0)
    await changeCards(store, [questionCard('d', 'f3')], { kind: 'suspend' })
    await resetCards(store, scheduler, [questionCard('d', 'f5')], { kind: 'new' }, t0)
    const note = await store.getNote('d/f4')
    await editNote(
      store,
      scheduler,
      { noteId: 'd/f4', fields: { ...note?.fields }, tags: note?.tags ?? [] },
      t0,
    )
    await expectDigestRight(store, 'd')
    await expectDigestRight(store, 'other')
    await restoreNote(store, 'd/f1')
    // The deck file drops two facts: their cards are retired and stay in the digest as such.
    await syncBuiltInDeck(
      store,
      deck(
        'd',
        chapter.facts.filter((f) => f.id !== 'f6' && f.id !== 'f7'),
      ),
      scheduler,
      t0,
    )
    await expectDigestRight(store, 'd')
  })

  it('give the Sections screen the same counts as the card rows, mastery as ts-fsrs reckons it', async () => {
    const store = memoryCollection()
    await syncBuiltInDeck(store, chapter, scheduler, t0)
    for (let day = 0; day < 20; day += 4)
      for (const [i, f] of ['f0', 'f1', 'f2', 'f3', 'f4'].entries())
        await answer(
          store,
          questionCard('d', f),
          i === 4 ? 1 : 3,
          new Date(t0.getTime() + day * DAY),
        )
    const now = new Date(t0.getTime() + 25 * DAY)
    const fromRows = await sectionOverview(store, 'd', settings, now)
    await store.makeDigest('d')
    const fromDigest = await sectionOverview(store, 'd', settings, now)
    expect(fromDigest).toEqual(fromRows)
    const cards = await store.sectionCards('d', '')
    const mastered = cards.filter(
      (c) => c.state !== 0 && scheduler.retrievability(fromStoredState(c), now) >= 0.9,
    ).length
    expect(mastered).toBeGreaterThan(0)
    expect(mastered).toBeLessThan(5)
    expect(
      fromDigest.rows.filter((r) => r.path.length === 1).reduce((n, r) => n + r.mastered, 0),
    ).toBe(mastered)
  })
})
