import { describe, expect, it } from 'vitest'
import { changeCard } from './card-actions'
import { addNote, createDeck, trashNote } from './editing'
import { searchCards } from './search'
import { answer, scheduler, settings, t0 } from './testing'
import { type Collection, memoryCollection } from './collection-writes'

async function collection() {
  const store = memoryCollection()
  await createDeck(store, { id: 'law', name: 'Exam::Law of the Sea' }, t0)
  await createDeck(store, { id: 'cyber', name: 'Cyber' }, t0)
  const add = (guid: string, deckId: string, front: string, tags: string[]) =>
    addNote(
      store,
      scheduler,
      { guid, deckId, typeId: 'basic', fields: { Front: front, Back: 'answer' }, tags },
      t0,
    )
  await add('unclos', 'law', 'When was UNCLOS signed?', ['un', 'treaty'])
  await add('itlos', 'law', 'Where does ITLOS sit?', ['un'])
  await add('gge', 'cyber', 'What is the UN GGE?', ['un', 'cyber'])
  await add('oewg', 'cyber', 'What is the OEWG?', [])
  return store
}

const ids = async (store: Collection, q: string) => {
  const r = await searchCards(store, q, settings, t0)
  if (!r.ok) throw new Error(r.error.message)
  return r.cards.map((c) => c.note.id)
}

describe('searching the collection', () => {
  it('finds by text, deck with its children, tag and state, in deck order', async () => {
    const store = await collection()
    expect(await ids(store, '')).toEqual(['gge', 'oewg', 'unclos', 'itlos'])
    expect(await ids(store, 'UN')).toEqual(['gge', 'unclos'])
    expect(await ids(store, 'deck:Exam')).toEqual(['unclos', 'itlos'])
    expect(await ids(store, 'tag:un -deck:cyber')).toEqual(['unclos', 'itlos'])
    expect(await ids(store, 'tag:treaty or tag:cyber')).toEqual(['gge', 'unclos'])
  })

  it('finds by note type, and names each card as Anki’s Card column does', async () => {
    const store = await collection()
    await addNote(
      store,
      scheduler,
      {
        guid: 'pko',
        deckId: 'cyber',
        typeId: 'basic-reversed',
        fields: { Front: 'PKO', Back: 'peacekeeping' },
        tags: [],
      },
      t0,
    )
    await addNote(
      store,
      scheduler,
      {
        guid: 'g20',
        deckId: 'cyber',
        typeId: 'cloze',
        fields: { Text: '{{c1::Osaka}} {{c2::2019}}' },
        tags: [],
      },
      t0,
    )
    const r = await searchCards(
      store,
      'note:"Basic (and reversed card)" or note:cloze',
      settings,
      t0,
    )
    if (!r.ok) throw new Error(r.error.message)
    expect(r.cards.map((c) => [c.noteType, c.cardName])).toEqual([
      ['Basic (and reversed card)', 'Card 1'],
      ['Basic (and reversed card)', 'Card 2'],
      ['Cloze', 'Cloze 1'],
      ['Cloze', 'Cloze 2'],
    ])
  })

  it('finds answered, suspended and flagged cards, and leaves the trash out', async () => {
    const store = await collection()
    await answer(store, 'itlos#0', 1, t0)
    await changeCard(store, 'gge#0', 0, { kind: 'suspend' }, 0)
    await changeCard(store, 'oewg#0', 0, { kind: 'flag', flag: 3 }, 0)
    expect(await ids(store, 'rated:1')).toEqual(['itlos'])
    expect(await ids(store, 'rated:1:3')).toEqual([])
    expect(await ids(store, 'is:suspended')).toEqual(['gge'])
    expect(await ids(store, 'flag:3')).toEqual(['oewg'])
    expect(await ids(store, 'is:learn')).toEqual(['itlos'])
    expect(await ids(store, 'added:1')).toHaveLength(4)
    await trashNote(store, 'unclos', t0)
    expect(await ids(store, 'deck:Exam')).toEqual(['itlos'])
  })

  it('returns a malformed search as an error with its place', async () => {
    const store = await collection()
    expect(await searchCards(store, 'deck:"Exam', settings, t0)).toEqual({
      ok: false,
      error: { message: 'a quote is not closed', at: 5 },
    })
  })
})

describe('bulk changes from the browser', () => {
  it('suspends and unsuspends many cards at once, and they leave and rejoin the queue', async () => {
    const store = await collection()
    const { changeCards, undoCardChanges } = await import('./card-actions')
    const { studyQueue } = await import('./study-queue')
    const suspended = await changeCards(store, ['unclos#0', 'itlos#0', 'nope#0'], {
      kind: 'suspend',
    })
    expect(suspended).toHaveLength(2)
    expect((await studyQueue(store, { deckId: 'law', section: null }, settings, t0)).order).toEqual(
      [],
    )
    expect(await ids(store, 'is:suspended')).toEqual(['unclos', 'itlos'])
    expect(await changeCards(store, ['unclos#0'], { kind: 'unsuspend' })).toHaveLength(1)
    expect((await studyQueue(store, { deckId: 'law', section: null }, settings, t0)).order).toEqual(
      ['unclos#0'],
    )
    const flagged = await changeCards(store, ['unclos#0', 'itlos#0'], { kind: 'flag', flag: 2 })
    expect(flagged).toHaveLength(2)
    expect(await ids(store, 'flag:2')).toEqual(['unclos', 'itlos'])
    // Undone together: the flags go, the cards as they were; a second undo is refused whole.
    expect(await undoCardChanges(store, flagged)).toBe(2)
    expect(await ids(store, 'flag:2')).toEqual([])
    expect(await ids(store, 'is:suspended')).toEqual(['itlos'])
    await expect(undoCardChanges(store, flagged)).rejects.toThrow(/changed again since/)
    expect(await ids(store, 'flag:2')).toEqual([])
  })
})

describe('more bulk changes', () => {
  it('tags, untags and moves notes; resets cards to new and reschedules them', async () => {
    const store = await collection()
    const { retagNotes, moveNotes } = await import('./editing')
    const { resetCards } = await import('./card-actions')
    expect(
      await retagNotes(store, ['unclos', 'itlos'], { add: ['exam'], remove: ['UN'] }, t0),
    ).toBe(2)
    expect(await ids(store, 'tag:exam -tag:un')).toEqual(['unclos', 'itlos'])
    expect(await moveNotes(store, scheduler, ['unclos', 'gge'], 'cyber', t0)).toBe(1)
    expect(await ids(store, 'deck:Cyber')).toEqual(['gge', 'oewg', 'unclos'])

    await answer(store, 'itlos#0', 4, t0)
    expect(await ids(store, 'is:review')).toEqual(['itlos'])
    const dayStart = t0.getTime()
    expect(
      await resetCards(store, scheduler, ['itlos#0'], { kind: 'due', inDays: 0, dayStart }, t0),
    ).toBe(1)
    expect(await ids(store, 'is:due')).toEqual(['itlos'])
    expect(await resetCards(store, scheduler, ['itlos#0'], { kind: 'new' }, t0)).toBe(1)
    expect(await ids(store, 'is:new deck:Exam')).toEqual(['itlos'])
    expect(await store.logsSince(0)).toHaveLength(1)
  })
})
