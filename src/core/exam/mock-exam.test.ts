import { describe, expect, it } from 'vitest'
import { fact } from '../testing/factories'
import { mockExamQuestions, scoreExam } from './mock-exam'

const facts = [
  fact({
    id: 'budget',
    section: ['Crime'],
    prompt: 'How much?',
    answer: '5.3 million US dollars',
    figure: { value: 5_300_000, unit: 'USD' },
  }),
  fact({
    id: 'members',
    section: ['Space'],
    prompt: 'How many members?',
    answer: '95',
    figure: { value: 95, unit: 'member states' },
  }),
  fact({
    id: 'aoip',
    kind: 'date',
    section: ['Seas'],
    prompt: 'When?',
    answer: 'June 2019',
    date: '2019-06',
  }),
  fact({
    id: 'unclos',
    kind: 'agreement',
    section: ['Seas'],
    prompt: 'Which treaty?',
    answer: 'UNCLOS',
  }),
  fact({
    id: 'npt',
    kind: 'agreement',
    section: ['Arms'],
    prompt: 'Which other treaty?',
    answer: 'NPT',
  }),
  fact({
    id: 'ctbt',
    kind: 'agreement',
    section: ['Arms'],
    prompt: 'And this one?',
    answer: 'CTBT',
  }),
]

describe('mock exams', () => {
  it('draw the same questions for the same seed, other ones for another', () => {
    const a = mockExamQuestions(facts, 4, 'exam-1')
    expect(mockExamQuestions(facts, 4, 'exam-1')).toEqual(a)
    expect(a).toHaveLength(4)
    expect(mockExamQuestions(facts, 4, 'exam-2').map((q) => q.fact.id)).not.toEqual(
      a.map((q) => q.fact.id),
    )
    for (const q of mockExamQuestions(facts, 6, 'x')) {
      if (q.mode === 'typed') expect(q.fact.figure ?? q.fact.date).toBeDefined()
      else expect(q.choices?.options).toContain(q.choices?.options[q.choices.correct] ?? '')
      if (q.mode === 'choice') expect(q.choices?.options[q.choices.correct]).toBeDefined()
    }
  })

  it('score overall and by section, and list each miss with the right answer', () => {
    const questions = mockExamQuestions(facts, 6, 'x')
    const answers = questions.map((q, i) =>
      i === 0
        ? null
        : q.mode === 'choice'
          ? (q.choices?.correct ?? 0)
          : q.fact.figure
            ? String(q.fact.figure.value)
            : 'June 2019',
    )
    const result = scoreExam(questions, answers)
    expect(result.score).toBe(5)
    expect(result.total).toBe(6)
    expect(result.misses).toHaveLength(1)
    expect(result.misses[0]?.fact.id).toBe(questions[0]?.fact.id)
    expect(result.misses[0]?.given).toBe('(no answer)')
    const first = questions[0]?.fact.section[0]
    const row = result.bySection.find((s) => s.section === first)
    expect(row).toBeDefined()
    expect((row?.right ?? 0) + 1).toBe(row?.total)
    expect(result.bySection.reduce((n, s) => n + s.total, 0)).toBe(6)
  })
})
