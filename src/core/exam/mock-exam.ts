import { checkTypedAnswer } from '../answers/check-answer'
import { multipleChoice, type Choices } from '../cards/multiple-choice'
import type { Fact } from '../decks/deck-schema'
import { fnv1a } from '../hash'

/** One question of a mock exam: multiple choice, or a figure or date typed. */
export interface ExamQuestion {
  fact: Fact
  mode: 'choice' | 'typed'
  /** For multiple choice: the options and which is right. */
  choices?: Choices
}

/**
 * A mock exam of `count` questions drawn from `facts`, the same for the same seed (no
 * Math.random in core): figures and dates alternate between typed and multiple choice, other
 * facts are multiple choice with distractors of their kind and unit.
 */
export function mockExamQuestions(
  facts: readonly Fact[],
  count: number,
  seed: string,
): ExamQuestion[] {
  const rank = (f: Fact) => fnv1a(`${seed}\u0000${f.id}`)
  const picked = [...facts]
    .sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id))
    .slice(0, count)
  return picked.map((fact) => {
    const typed = Boolean(fact.figure || fact.date) && rank(fact) % 2 === 0
    return typed
      ? { fact, mode: 'typed' }
      : { fact, mode: 'choice', choices: multipleChoice(fact, facts, seed) }
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
  misses: { fact: Fact; given: string; right: string }[]
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
