import { checkTypedAnswer } from '../answers/check-answer'
import { multipleChoice, type Choices } from '../cards/multiple-choice'
import type { Fact } from '../decks/deck-schema'
import { fnv1a } from '../hash'
import type { ExamItem } from './exam-items'

/** One question of a mock exam: multiple choice, or a figure or date typed. */
export interface ExamQuestion {
  fact: Fact
  noteId: string
  mode: 'choice' | 'typed'
  /** For multiple choice: the options and which is right. */
  choices?: Choices
}

/**
 * A mock exam of `count` questions drawn from `items`, the same for the same seed (no
 * Math.random in core), at most one card per note (a note's other card would give it away).
 * A chapter fact's figure or date is typed every other time; a card whose type types its
 * answer is typed; the rest are multiple choice with distractors from the same group (the
 * same field of sibling notes, of the same kind and unit for facts), or typed when the group
 * has no other answer to offer.
 */
export function mockExamQuestions(
  items: readonly ExamItem[],
  count: number,
  seed: string,
): ExamQuestion[] {
  const rank = (f: Fact) => fnv1a(`${seed}\u0000${f.id}`)
  const notes = new Set<string>()
  const picked = [...items]
    .sort((a, b) => rank(a.fact) - rank(b.fact) || a.fact.id.localeCompare(b.fact.id))
    .filter((item) => !notes.has(item.noteId) && Boolean(notes.add(item.noteId)))
    .slice(0, count)
  const pools = new Map<string, Fact[]>()
  for (const item of items) pools.set(item.group, [...(pools.get(item.group) ?? []), item.fact])
  return picked.map(({ fact, noteId, group, typed }): ExamQuestion => {
    const typedNow =
      typed === 'always' ||
      (typed === 'alternate' && Boolean(fact.figure || fact.date) && rank(fact) % 2 === 0)
    const choices = typedNow ? null : multipleChoice(fact, pools.get(group) ?? [], seed)
    return choices && choices.options.length > 1
      ? { fact, noteId, mode: 'choice', choices }
      : { fact, noteId, mode: 'typed' }
  })
}

/** The user's answer to one question: an option's index, or typed text; null when skipped. */
export type ExamAnswer = number | string | null

/** Whether an answer is right: the right option, or a typed figure or date that matches. */
export function isRight(q: ExamQuestion, answer: ExamAnswer): boolean {
  if (answer === null) return false
  if (q.mode === 'choice') return answer === q.choices?.correct
  return typeof answer === 'string' && checkTypedAnswer(q.fact, answer).result === 'correct'
}

export interface ExamResult {
  score: number
  total: number
  /** By the top-level section of each question's fact. */
  bySection: { section: string; right: number; total: number }[]
  misses: { fact: Fact; noteId: string; given: string; right: string }[]
}

/** Scores a mock exam: overall, by section, and every miss with the right answer. */
export function scoreExam(
  questions: readonly ExamQuestion[],
  answers: readonly ExamAnswer[],
): ExamResult {
  const sections = new Map<string, { right: number; total: number }>()
  const misses: ExamResult['misses'] = []
  let score = 0
  questions.forEach((q, i) => {
    const answer = answers[i] ?? null
    const right = isRight(q, answer)
    const section = q.fact.section[0] ?? ''
    const row = sections.get(section) ?? { right: 0, total: 0 }
    sections.set(section, row)
    row.total++
    if (right) {
      row.right++
      score++
    } else
      misses.push({
        fact: q.fact,
        noteId: q.noteId,
        given:
          answer === null || answer === ''
            ? '(no answer)'
            : typeof answer === 'number'
              ? (q.choices?.options[answer] ?? '')
              : answer,
        right: q.choices ? (q.choices.options[q.choices.correct] ?? q.fact.answer) : q.fact.answer,
      })
  })
  return {
    score,
    total: questions.length,
    bySection: [...sections].map(([section, r]) => ({ section, ...r })),
    misses,
  }
}
