import { describe, expect, it } from 'vitest'
import { deck, fact } from '../core/testing/factories'
import { Queue, cardIdOf } from './collection'
import { syncBuiltInDeck } from './deck-sync'
import {
  EditError,
  addNote,
  cleanTags,
  createDeck,
  editNote,
  undoEdit,
  renameDeck,
  restoreDeck,
  restoreNote,
  restoreNotes,
  trashDeck,
  trashNote,
  trashNotes,
  trashedDecks,
  trashedNotes,
} from './editing'
import { changeCard, changeCards } from './card-actions'
import { cardInfo } from './card-view'
import { deckOverviews, studyQueue } from './study-queue'
import { answer, collectionWith, scheduler, settings, t0 } from './testing'
import { memoryCollection } from './collection-writes'

async function collectionWithUserDeck() {
  const store = await collectionWith()
  await createDeck(store, { id: 'mine', name: ' Exam ::  Treaties ' }, t0)
  return store
}

const note = (
  guid: string,
  typeId: string,
  fields: Record<string, string>,
  tags: string[] = [],
) => ({
  guid,
  deckId: 'mine',
  typeId,
  fields,
  tags,
})

describe('decks of the user', () => {
  it('are created with nested names tidied', async () => {
    const store = await collectionWithUserDeck()
    expect(await store.getDeck('mine')).toMatchObject({ name: 'Exam::Treaties', origin: 'user' })
  })

  it('refuse an empty name, an empty level and a name taken in any case', async () => {
    const store = await collectionWithUserDeck()
    await expect(createDeck(store, { id: 'x', name: '  ' }, t0)).rejects.toThrow(/needs a name/)
    await expect(createDeck(store, { id: 'x', name: 'Exam::' }, t0)).rejects.toThrow(/needs a name/)
    await expect(createDeck(store, { id: 'x', name: 'exam::treaties' }, t0)).rejects.toThrow(
      /already a deck named “Exam::Treaties”/,
    )
  })

  it('nest at most 32 levels, created or renamed with the decks inside (a backup would refuse more)', async () => {
    const store = await collectionWithUserDeck()
    const levels = (n: number) => Array.from({ length: n }, (_, i) => `L${i}`).join('::')
    await expect(createDeck(store, { id: 'deep', name: levels(33) }, t0)).rejects.toThrow(
      'Decks nest at most 32 levels deep.',
    )
    await createDeck(store, { id: 'ok', name: levels(32) }, t0)
    // Exam::Treaties (2 levels) moved under 31 levels would put Treaties at 33.
    await expect(renameDeck(store, 'mine-0', `${levels(31)}::Exam`, t0)).rejects.toThrow(
      /Decks nest at most 32 levels deep, with the decks inside it/,
    )
  })
})

describe('adding notes', () => {
  it('makes the cards of each type: Basic one, reversed two, a cloze with c1, c2 and a hint two', async () => {
    const store = await collectionWithUserDeck()
    expect(
      (await addNote(store, scheduler, note('b', 'basic', { Front: 'Q', Back: 'A' }), t0)).cards,
    ).toBe(1)
    expect(
      (await addNote(store, scheduler, note('r', 'basic-reversed', { Front: 'Q', Back: 'A' }), t0))
        .cards,
    ).toBe(2)
    const cloze = note('c', 'cloze', {
      Text: '{{c1::Japan}} chaired {{c2::G20::a forum}} in 2019.',
    })
    expect((await addNote(store, scheduler, cloze, t0)).cards).toBe(2)
    const queue = await studyQueue(store, { deckId: 'mine', section: null }, settings, t0)
    // In the order they were added; the reversed note's second card waits for another day.
    expect(queue.order).toEqual(['b#0', 'r#0', 'c#0'])
    expect((await store.getNote('c'))?.position).toBe(2)
  })

  it('refuses a note that makes no card, naming why, and writes nothing', async () => {
    const store = await collectionWithUserDeck()
    const refused = addNote(store, scheduler, note('c', 'cloze', { Text: 'No blank here.' }), t0)
    await expect(refused).rejects.toBeInstanceOf(EditError)
    await expect(refused).rejects.toThrow(/\{\{c1::…\}\}/)
    expect(await store.getNote('c')).toBeUndefined()
    await expect(
      addNote(store, scheduler, note('b', 'basic', { Front: '', Back: 'A' }), t0),
    ).rejects.toThrow(/empty: fill in Front/)
  })

  it('keeps tags without spaces or duplicates', () => {
    expect(cleanTags(['un  treaty', 'UN', 'law'])).toEqual(['un', 'treaty', 'law'])
  })
})

describe('editing notes', () => {
  it('adds and retires cloze cards as numbers come and go, keeping the others’ schedules', async () => {
    const store = await collectionWithUserDeck()
    await addNote(store, scheduler, note('c', 'cloze', { Text: '{{c1::A}} and {{c2::B}}' }), t0)
    await answer(store, cardIdOf('c', 0), 3, t0)
    const answered = await store.getCard(cardIdOf('c', 0))
    const result = await editNote(
      store,
      scheduler,
      { noteId: 'c', fields: { Text: '{{c1::A}} and {{c3::C}}' }, tags: ['x'] },
      t0,
    )
    expect(result).toMatchObject({ added: 1, retired: 1 })
    expect(await store.getCard(cardIdOf('c', 0))).toEqual(answered)
    expect((await store.getCard(cardIdOf('c', 1)))?.queue).toBe(Queue.Retired)
    expect((await store.getCard(cardIdOf('c', 2)))?.queue).toBe(Queue.New)
    expect((await store.getNote('c'))?.tags).toEqual(['x'])
  })

  it('undoes an edit: the fields, tags and cards as they were, a card it made retired', async () => {
    const store = await collectionWithUserDeck()
    await addNote(store, scheduler, note('c', 'cloze', { Text: '{{c1::A}} and {{c2::B}}' }), t0)
    await answer(store, cardIdOf('c', 1), 3, t0)
    const noteBefore = await store.getNote('c')
    const cardsBefore = await store.cardsOfNotes(['c'])
    const receipt = await editNote(
      store,
      scheduler,
      { noteId: 'c', fields: { Text: '{{c1::A}} and {{c3::C}}' }, tags: ['x'] },
      t0,
    )
    await undoEdit(store, receipt, new Date(t0.getTime() + 1000))
    const note_ = await store.getNote('c')
    expect(note_?.fields).toEqual(noteBefore?.fields)
    expect(note_?.tags).toEqual(noteBefore?.tags)
    const after = new Map((await store.cardsOfNotes(['c'])).map((c) => [c.id, c]))
    for (const c of cardsBefore)
      expect(after.get(c.id)).toEqual({ ...c, revision: expect.any(Number) as number })
    expect(after.get(cardIdOf('c', 2))?.queue).toBe(Queue.Retired)
    // Once undone, the same receipt cannot be applied again.
    await expect(undoEdit(store, receipt, t0)).rejects.toThrow(/changed again since/)
  })

  it('undoes an edit and keeps what was done to its cards since (a flag)', async () => {
    const store = await collectionWithUserDeck()
    await addNote(store, scheduler, note('f', 'basic', { Front: 'Q', Back: 'A' }), t0)
    const receipt = await editNote(
      store,
      scheduler,
      { noteId: 'f', fields: { Front: 'Q2', Back: 'A' }, tags: [] },
      t0,
    )
    await changeCards(store, [cardIdOf('f', 0)], { kind: 'flag', flag: 3 })
    await undoEdit(store, receipt, t0)
    expect((await store.getNote('f'))?.fields['Front']).toBe('Q')
    expect((await store.getCard(cardIdOf('f', 0)))?.flag).toBe(3)
  })

  it('refuses to undo an edit once a card of the note was studied since', async () => {
    const store = await collectionWithUserDeck()
    await addNote(store, scheduler, note('b', 'basic', { Front: 'Q', Back: 'A' }), t0)
    const receipt = await editNote(
      store,
      scheduler,
      { noteId: 'b', fields: { Front: 'Q2', Back: 'A' }, tags: [] },
      t0,
    )
    await answer(store, cardIdOf('b', 0), 3, t0)
    await expect(undoEdit(store, receipt, t0)).rejects.toThrow(/studied since/)
    expect((await store.getNote('b'))?.fields['Front']).toBe('Q2')
  })

  it('restores trashed notes all together, or none when one is not in the trash', async () => {
    const store = await collectionWithUserDeck()
    await addNote(store, scheduler, note('x', 'basic', { Front: 'X', Back: '1' }), t0)
    await addNote(store, scheduler, note('y', 'basic', { Front: 'Y', Back: '2' }), t0)
    await trashNotes(store, ['x'], t0)
    await expect(restoreNotes(store, ['x', 'y'])).rejects.toThrow(/no longer in the trash/)
    expect((await store.getNote('x'))?.deletedAt).toBe(t0.getTime())
    await trashNotes(store, ['y'], t0)
    await restoreNotes(store, ['x', 'y'])
    expect((await store.getNote('x'))?.deletedAt).toBeUndefined()
    expect((await store.getNote('y'))?.deletedAt).toBeUndefined()
    expect((await store.cardsOfNotes(['x', 'y'])).map((c) => c.queue)).toEqual([
      Queue.New,
      Queue.New,
    ])
  })

  it('refuses an edit that would leave a note without cards', async () => {
    const store = await collectionWithUserDeck()
    await addNote(store, scheduler, note('b', 'basic', { Front: 'Q', Back: 'A' }), t0)
    await expect(
      editNote(store, scheduler, { noteId: 'b', fields: { Front: ' ' }, tags: [] }, t0),
    ).rejects.toThrow(/fill in Front/)
    expect((await store.getNote('b'))?.fields['Front']).toBe('Q')
  })

  it('an edit of a chapter note survives the next version of the deck file', async () => {
    const store = memoryCollection()
    await syncBuiltInDeck(store, deck('d', [fact({ id: 'a' })]), scheduler, t0)
    await editNote(store, scheduler, { noteId: 'd/a', fields: { Answer: 'Mine' }, tags: [] }, t0)
    await syncBuiltInDeck(
      store,
      deck('d', [fact({ id: 'a', answer: 'Theirs', prompt: 'New?' })]),
      scheduler,
      t0,
    )
    expect((await store.getNote('d/a'))?.fields).toMatchObject({ Answer: 'Mine', Prompt: 'New?' })
  })
})

describe('the deck tree of the user', () => {
  async function tree() {
    const store = memoryCollection()
    await createDeck(store, { id: 'law', name: 'Exam::Treaties::Law' }, t0)
    await createDeck(store, { id: 'cyber', name: 'Exam::Cyber' }, t0)
    const exam = (await store.listDecks()).find((d) => d.name === 'Exam')
    if (!exam) throw new Error('parent not made')
    await addNote(
      store,
      scheduler,
      { ...note('n1', 'basic', { Front: 'Q1', Back: 'A' }), deckId: 'law' },
      t0,
    )
    await addNote(
      store,
      scheduler,
      { ...note('n2', 'basic', { Front: 'Q2', Back: 'A' }), deckId: 'cyber' },
      t0,
    )
    return { store, exam }
  }

  it('makes the parents a nested name needs, and a parent studies the decks inside it', async () => {
    const { store, exam } = await tree()
    expect((await store.listDecks()).map((d) => d.name).sort()).toEqual([
      'Exam',
      'Exam::Cyber',
      'Exam::Treaties',
      'Exam::Treaties::Law',
    ])
    const q = await studyQueue(store, { deckId: exam.id, section: null }, settings, t0)
    // Deck by deck in tree order: Cyber before Treaties::Law.
    expect(q.order).toEqual(['n2#0', 'n1#0'])
    const overview = await deckOverviews(store, settings, t0)
    expect(overview.map((d) => [`${'  '.repeat(d.depth)}${d.label}`, d.new, d.total])).toEqual([
      ['Exam', 2, 2],
      ['  Cyber', 1, 1],
      ['  Treaties', 1, 1],
      ['    Law', 1, 1],
    ])
  })

  it('renames a deck with the decks inside it, and refuses a taken name or a move into itself', async () => {
    const { store } = await tree()
    const treaties = (await store.listDecks()).find((d) => d.name === 'Exam::Treaties')
    if (!treaties) throw new Error('missing')
    await renameDeck(store, treaties.id, 'Agreements', t0)
    expect((await store.listDecks()).map((d) => d.name).sort()).toEqual([
      'Agreements',
      'Agreements::Law',
      'Exam',
      'Exam::Cyber',
    ])
    await expect(renameDeck(store, treaties.id, 'exam', t0)).rejects.toThrow(/already a deck/)
    await expect(renameDeck(store, treaties.id, 'Agreements::Law::X', t0)).rejects.toThrow(
      /inside itself/,
    )
  })

  it('the trash takes a deck with its children out of the list and the queue, and gives them back whole', async () => {
    const { store, exam } = await tree()
    await answer(store, 'n1#0', 3, t0)
    await trashDeck(store, exam.id, t0)
    expect(await deckOverviews(store, settings, t0)).toEqual([])
    expect((await trashedDecks(store)).map((d) => d.name)).toEqual(['Exam'])
    expect(await store.logsSince(0)).toHaveLength(1)
    await restoreDeck(store, exam.id)
    expect((await deckOverviews(store, settings, t0)).map((d) => d.name)).toEqual([
      'Exam',
      'Exam::Cyber',
      'Exam::Treaties',
      'Exam::Treaties::Law',
    ])
    expect((await store.getCard('n1#0'))?.reps).toBe(1)
  })
})

describe('moving, tags and card info', () => {
  it('moves a note and its cards to another deck, keeping their schedules', async () => {
    const store = await collectionWithUserDeck()
    await createDeck(store, { id: 'other', name: 'Other' }, t0)
    await addNote(
      store,
      scheduler,
      note('r', 'basic-reversed', { Front: 'Q', Back: 'A' }, ['un']),
      t0,
    )
    await answer(store, 'r#0', 3, t0)
    const reps = (await store.getCard('r#0'))?.reps
    await editNote(
      store,
      scheduler,
      { noteId: 'r', fields: {}, tags: ['un', 'law'], deckId: 'other' },
      t0,
    )
    expect((await store.cardsOfNotes(['r'])).map((c) => [c.id, c.deckId])).toEqual([
      ['r#0', 'other'],
      ['r#1', 'other'],
    ])
    expect((await store.getCard('r#0'))?.reps).toBe(reps)
    expect(await store.allTags()).toEqual(['law', 'un'])
  })

  it('card info gives the deck, the chance of recall and the whole history', async () => {
    const store = await collectionWithUserDeck()
    await addNote(store, scheduler, note('b', 'basic', { Front: 'Q', Back: 'A' }), t0)
    await answer(store, 'b#0', 3, t0)
    await answer(store, 'b#0', 3, new Date(t0.getTime() + 11 * 60_000))
    const info = await cardInfo(store, scheduler, 'b#0', new Date(t0.getTime() + 2 * 86_400_000))
    expect(info?.deckName).toBe('Exam::Treaties')
    expect(info?.logs.map((l) => l.rating)).toEqual([3, 3])
    expect(info?.retrievability).toBeGreaterThan(0.5)
    expect(info?.retrievability).toBeLessThan(1)
  })
})

describe('the note trash', () => {
  it('takes a note’s cards out of the queue and gives them back where they were, history kept', async () => {
    const store = await collectionWithUserDeck()
    await addNote(store, scheduler, note('r', 'basic-reversed', { Front: 'Q', Back: 'A' }), t0)
    await answer(store, 'r#0', 3, t0)
    const s = await changeCard(store, 'r#1', 0, { kind: 'suspend' }, 0)
    await trashNote(store, 'r', t0)
    expect(await studyQueue(store, { deckId: 'mine', section: null }, settings, t0)).toMatchObject({
      order: [],
    })
    expect((await trashedNotes(store)).map((n) => n.id)).toEqual(['r'])
    await restoreNote(store, 'r')
    expect((await store.getCard('r#0'))?.queue).toBe(Queue.Learning)
    expect((await store.getCard('r#1'))?.queue).toBe(s.after.queue)
    expect(await store.logsSince(0)).toHaveLength(1)
    expect(await trashedNotes(store)).toEqual([])
  })

  it('takes many notes at once, all or none: one gone note leaves every other where it was', async () => {
    const store = await collectionWithUserDeck()
    for (const id of ['a', 'b', 'c'])
      await addNote(store, scheduler, note(id, 'basic', { Front: id, Back: id }), t0)
    await expect(trashNotes(store, ['a', 'b', 'gone'], t0)).rejects.toThrow(
      'A chosen note no longer exists.',
    )
    expect(await trashedNotes(store)).toEqual([])
    expect((await store.getCard('a#0'))?.queue).toBe(Queue.New)
    await trashNotes(store, ['a', 'b', 'a'], t0)
    expect((await trashedNotes(store)).map((n) => n.id).sort()).toEqual(['a', 'b'])
    expect((await store.getCard('b#0'))?.queue).toBe(Queue.Trashed)
    expect((await store.getCard('c#0'))?.queue).toBe(Queue.New)
  })

  it('a chapter note in the trash stays there when the deck file is synced again', async () => {
    const store = memoryCollection()
    await syncBuiltInDeck(store, deck('d', [fact({ id: 'a' })]), scheduler, t0)
    await trashNote(store, 'd/a', t0)
    await syncBuiltInDeck(store, deck('d', [fact({ id: 'a', prompt: 'New?' })]), scheduler, t0)
    expect((await store.getNote('d/a'))?.deletedAt).toBe(t0.getTime())
    expect((await store.getCard('d/a#0'))?.queue).toBe(Queue.Trashed)
  })
})
