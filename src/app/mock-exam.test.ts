import { describe, expect, it } from 'vitest'
import { mockExamQuestions, scoreExam } from '../core/exam/mock-exam'
import { deck, fact } from '../core/testing/factories'
import { addNote, createDeck, trashNote } from './editing'
import { examHistory, examItems, mergedHistories, recordExam, sendToReview } from './mock-exam'
import { answer, collectionWith, questionCard, scheduler, t0 } from './testing'

describe('mock exams over a collection', () => {
  it('ask about the deck’s facts, keep a history, and touch scheduling only when misses are sent to review', async () => {
    const store = await collectionWith(
      deck('d', [
        fact({
          id: 'a',
          section: ['Seas'],
          kind: 'figure',
          answer: '95',
          figure: { value: 95, unit: 'members' },
        }),
        fact({ id: 'b', section: ['Cyber'], kind: 'organization', answer: 'UNODC' }),
        fact({ id: 'c', section: ['Cyber'], kind: 'organization', answer: 'OECD' }),
      ]),
    )
    await answer(store, questionCard('d', 'b'), 4, t0)
    const items = await examItems(store, 'd')
    expect(items.map((f) => f.fact.answer).sort()).toEqual(['95', 'OECD', 'UNODC'])
    const questions = mockExamQuestions(items, 3, 'seed')
    const before = await store.getCard(questionCard('d', 'b'))
    const result = scoreExam(questions, [null, null, null])
    expect(await store.getCard(questionCard('d', 'b'))).toEqual(before)
    await recordExam(store, {
      at: t0.getTime(),
      deckId: 'd',
      deckName: 'Deck d',
      score: result.score,
      total: 3,
      bySection: result.bySection,
    })
    expect((await examHistory(store)).map((r) => [r.score, r.total])).toEqual([[0, 3]])
    // Sent to review: the studied card is due now, its memory unchanged; new cards stay new.
    const sent = await sendToReview(
      store,
      result.misses.map((m) => m.noteId),
      t0,
    )
    expect(sent).toBe(1)
    const after = await store.getCard(questionCard('d', 'b'))
    expect(after?.due).toBe(t0.getTime())
    expect(after?.stability).toBe(before?.stability)
  })

  it('ask about a user’s own notes of any type, under the deck’s name, trash left out', async () => {
    const store = await collectionWith()
    await createDeck(store, { id: 'es', name: 'Spanish' }, t0)
    await createDeck(store, { id: 'verbs', name: 'Spanish::Verbs' }, t0)
    const add = (guid: string, deckId: string, typeId: string, fields: Record<string, string>) =>
      addNote(store, scheduler, { guid, deckId, typeId, fields, tags: [] }, t0)
    await add('g1', 'es', 'basic', { Front: 'dog', Back: 'perro' })
    await add('g2', 'verbs', 'basic-typed', { Front: 'to eat', Back: 'comer' })
    await add('g3', 'es', 'cloze', { Text: 'El {{c1::gato}} duerme.' })
    const gone = await add('g4', 'es', 'basic', { Front: 'cat', Back: 'gato' })
    await trashNote(store, gone.note.id, t0)
    const items = await examItems(store, 'es')
    expect(
      items.map((i) => [i.fact.prompt, i.fact.answer, i.fact.section[0], i.typed]).sort(),
    ).toEqual([
      ['El […] duerme.', 'gato', 'Spanish', 'never'],
      ['dog', 'perro', 'Spanish', 'never'],
      ['to eat', 'comer', 'Spanish::Verbs', 'always'],
    ])
  })
})

describe('mergedHistories', () => {
  const exam = (at: number, deckId = 'd') => ({
    at,
    deckId,
    deckName: 'Deck',
    score: at % 10,
    total: 10,
    bySection: [],
  })

  it('takes every exam of every history once, oldest first, the last 200', () => {
    const a = [exam(1), exam(3), exam(5, 'e')]
    const b = [exam(2), exam(3), exam(5)]
    expect(mergedHistories([a, b]).map((r) => `${r.at} ${r.deckId}`)).toEqual([
      '1 d',
      '2 d',
      '3 d',
      '5 d',
      '5 e',
    ])
    const long = Array.from({ length: 150 }, (_, i) => exam(i))
    const longer = Array.from({ length: 150 }, (_, i) => exam(100 + i))
    const merged = mergedHistories([long, longer])
    expect(merged).toHaveLength(200)
    expect(merged[0]?.at).toBe(50)
    expect(merged.at(-1)?.at).toBe(249)
  })

  it('adds nothing from a value that is not a history', () => {
    expect(mergedHistories([undefined, 'x', [{ at: 'soon' }], [exam(4)]])).toEqual([exam(4)])
  })
})
