import { describe, expect, it } from 'vitest'
import { fact } from '../testing/factories'
import { BASIC, BASIC_REVERSED, BASIC_TYPED, CLOZE_TYPE } from '../notes/note-types'
import { examItemsOfNote, type ExamItem } from './exam-items'
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

const items = (list: typeof facts): ExamItem[] =>
  list.map((f) => ({ fact: f, noteId: f.id, group: 'fact', typed: 'alternate' }))

const note = (id: string, fields: Record<string, string>) => ({ id, section: [], fields })

describe('exam items of any note type', () => {
  it('ask a card’s front and want the field its back adds, or the field it types', () => {
    const [basic] = examItemsOfNote(
      BASIC,
      note('n1', { Front: 'Capital of <b>Peru</b>?', Back: 'Lima' }),
      ['Geo'],
    )
    expect(basic).toMatchObject({
      fact: { prompt: 'Capital of Peru?', answer: 'Lima', section: ['Geo'] },
      noteId: 'n1',
      group: 'basic/Back',
      typed: 'never',
    })
    const both = examItemsOfNote(
      BASIC_REVERSED,
      note('n2', { Front: 'PKO', Back: 'peacekeeping' }),
      [],
    )
    expect(both.map((i) => [i.fact.prompt, i.fact.answer, i.group])).toEqual([
      ['PKO', 'peacekeeping', 'basic-reversed/Back'],
      ['peacekeeping', 'PKO', 'basic-reversed/Front'],
    ])
    const [typed] = examItemsOfNote(
      BASIC_TYPED,
      note('n3', { Front: 'UN members?', Back: '193' }),
      [],
    )
    expect(typed).toMatchObject({ fact: { answer: '193' }, typed: 'always' })
  })

  it('ask a cloze card’s sentence with its gap, want the hidden words, and skip image-only cards', () => {
    const cloze = examItemsOfNote(
      CLOZE_TYPE,
      note('c', {
        Text: '{{c1::Japan}} hosted the {{c2::G20}} in {{c1::Osaka}}.',
        'Back Extra': '',
      }),
      [],
    )
    expect(cloze.map((i) => [i.fact.prompt, i.fact.answer, i.group])).toEqual([
      ['[…] hosted the G20 in […].', 'Japan, Osaka', 'cloze/cloze'],
      ['Japan hosted the […] in Osaka.', 'G20', 'cloze/cloze'],
    ])
    expect(
      examItemsOfNote(BASIC, note('i', { Front: '<img src="a.png">', Back: 'A' }), []),
    ).toEqual([])
  })
})

describe('mock exams', () => {
  it('ask one card per note, distractors from the same field only, typed where nothing else fits', () => {
    const make = (id: string, front: string, back: string) =>
      examItemsOfNote(BASIC_REVERSED, note(id, { Front: front, Back: back }), [])
    const pool = [
      ...make('a', 'Lima', 'Peru'),
      ...make('b', 'Quito', 'Ecuador'),
      ...make('c', 'Bogotá', 'Colombia'),
      ...make('d', 'Caracas', 'Venezuela'),
    ]
    for (const seed of ['1', '2', '3']) {
      const questions = mockExamQuestions(pool, 10, seed)
      expect(questions).toHaveLength(4)
      expect(new Set(questions.map((q) => q.noteId)).size).toBe(4)
      for (const q of questions) {
        const capitals = ['Lima', 'Quito', 'Bogotá', 'Caracas']
        const sameSide = capitals.includes(q.fact.answer)
          ? capitals
          : ['Peru', 'Ecuador', 'Colombia', 'Venezuela']
        expect(q.mode).toBe('choice')
        for (const o of q.choices?.options ?? []) expect(sameSide).toContain(o)
      }
    }
    const alone = mockExamQuestions(make('z', 'Asunción', 'Paraguay'), 1, 's')
    expect(alone[0]?.mode).toBe('typed')
  })

  it('draw the same questions for the same seed, other ones for another', () => {
    const a = mockExamQuestions(items(facts), 4, 'exam-1')
    expect(mockExamQuestions(items(facts), 4, 'exam-1')).toEqual(a)
    expect(a).toHaveLength(4)
    expect(mockExamQuestions(items(facts), 4, 'exam-2').map((q) => q.fact.id)).not.toEqual(
      a.map((q) => q.fact.id),
    )
    for (const q of mockExamQuestions(items(facts), 6, 'x')) {
      if (q.mode === 'typed') expect(q.fact.figure ?? q.fact.date).toBeDefined()
      else expect(q.choices?.options).toContain(q.choices?.options[q.choices.correct] ?? '')
      if (q.mode === 'choice') expect(q.choices?.options[q.choices.correct]).toBeDefined()
    }
  })

  it('score overall and by section, and list each miss with the right answer', () => {
    const questions = mockExamQuestions(items(facts), 6, 'x')
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
