import { describe, expect, it } from 'vitest'
import { deck, fact } from '../core/testing/factories'
import { Queue, cardIdOf } from './collection'
import { syncBuiltInDeck } from './deck-sync'
import { answer, collectionWith, questionCard, scheduler, t0 } from './testing'

const later = new Date(t0.getTime() + 86_400_000)
const A = questionCard('d', 'a')

describe('syncing a built-in deck', () => {
  it('makes notes of the fact type and their cards, siblings sharing the note position', async () => {
    const store = await collectionWith(
      deck('d', [
        fact({ id: 'a', kind: 'acronym', acronym: { short: 'UN', long: 'United Nations' } }),
        fact({ id: 'b' }),
      ]),
    )
    const cards = await store.cardsOfNotes(['d/a', 'd/b'])
    expect(cards.map((c) => [c.id, c.position, c.queue])).toEqual([
      ['d/a#0', 0, Queue.New],
      ['d/a#2', 0, Queue.New],
      ['d/b#0', 1, Queue.New],
    ])
    expect(await store.getNote('d/a')).toMatchObject({
      typeId: 'attache-fact',
      section: ['(1) Regional Security'],
    })
  })

  it('keeps review history and state when the wording changes', async () => {
    const store = await collectionWith()
    await answer(store, A, 3, t0)
    const answered = await store.getCard(A)
    await syncBuiltInDeck(
      store,
      deck('d', [fact({ id: 'a', prompt: 'Reworded?' }), fact({ id: 'b' })]),
      scheduler,
      later,
    )
    expect((await store.getNote('d/a'))?.fields['Prompt']).toBe('Reworded?')
    expect(await store.getCard(A)).toEqual(answered)
  })

  it('never overwrites a field the user edited, and updates the fields they did not', async () => {
    const store = await collectionWith()
    const note = await store.getNote('d/a')
    if (!note) throw new Error('missing')
    await store.putNotes([{ ...note, fields: { ...note.fields, Answer: 'My own answer' } }])
    const report = await syncBuiltInDeck(
      store,
      deck('d', [
        fact({ id: 'a', prompt: 'New prompt?', answer: 'New answer' }),
        fact({ id: 'b' }),
      ]),
      scheduler,
      later,
    )
    const after = await store.getNote('d/a')
    expect(after?.fields['Answer']).toBe('My own answer')
    expect(after?.fields['Prompt']).toBe('New prompt?')
    expect(report.keptEdits).toBe(1)
  })

  it('retires the note of a removed fact: its cards leave the queue, history stays, and it can return', async () => {
    const store = await collectionWith()
    await answer(store, A, 3, t0)
    await syncBuiltInDeck(store, deck('d', [fact({ id: 'b' })]), scheduler, later)
    expect(await store.getNote('d/a')).toMatchObject({ retired: 1 })
    expect((await store.getCard(A))?.queue).toBe(Queue.Retired)
    expect(await store.logsSince(0)).toHaveLength(1)
    await syncBuiltInDeck(
      store,
      deck('d', [fact({ id: 'a' }), fact({ id: 'b' })]),
      scheduler,
      later,
    )
    expect((await store.getCard(A))?.queue).toBe(Queue.Learning)
  })

  it('does nothing for an unchanged file', async () => {
    const store = await collectionWith()
    const d = deck('d', [fact({ id: 'a' }), fact({ id: 'b' }), fact({ id: 'c' })])
    expect((await syncBuiltInDeck(store, d, scheduler, later)).unchanged).toBe(true)
  })

  it('adds the cloze card when a statement is added', async () => {
    const store = await collectionWith()
    await syncBuiltInDeck(
      store,
      deck('d', [fact({ id: 'a', cloze: 'It is {{x}}.' })]),
      scheduler,
      later,
    )
    expect((await store.getCard(cardIdOf('d/a', 3)))?.queue).toBe(Queue.New)
  })
})

describe('the deck row across syncs', () => {
  it('keeps what the user set on a built-in deck: its name, its preset, the trash', async () => {
    const store = await collectionWith()
    const { renameDeck, trashDeck } = await import('./editing')
    const { setDeckPreset, defaultPreset } = await import('./presets')
    const { updatePreset } = await import('./optimize')
    const { settings } = await import('./testing')
    await renameDeck(store, 'd', 'My chapter', t0)
    await updatePreset(
      store,
      { ...defaultPreset(settings), id: 'p', name: 'P' },
      { reschedule: false, settings },
    )
    await setDeckPreset(store, 'd', 'p')
    await trashDeck(store, 'd', t0)
    await syncBuiltInDeck(store, deck('d', [fact({ id: 'a', prompt: 'New?' })]), scheduler, later)
    expect(await store.getDeck('d')).toMatchObject({
      name: 'My chapter',
      presetId: 'p',
      deletedAt: t0.getTime(),
    })
  })
})
