import { describe, expect, it } from 'vitest'
import { mockExamQuestions, scoreExam } from '../core/exam/mock-exam'
import { deck, fact } from '../core/testing/factories'
import { examFacts, examHistory, recordExam, sendToReview } from './mock-exam'
import { answer, collectionWith, questionCard, t0 } from './testing'

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
    const facts = await examFacts(store, 'd')
    expect(facts.map((f) => f.fact.answer).sort()).toEqual(['95', 'OECD', 'UNODC'])
    const questions = mockExamQuestions(
      facts.map((f) => f.fact),
      3,
      'seed',
    )
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
      result.misses.map((m) => m.fact.id),
      t0,
    )
    expect(sent).toBe(1)
    const after = await store.getCard(questionCard('d', 'b'))
    expect(after?.due).toBe(t0.getTime())
    expect(after?.stability).toBe(before?.stability)
  })
})
