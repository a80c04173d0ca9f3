import { formatDate, parseIsoDate, type PartialDate } from '../answers/dates'
import { formatFigure } from '../answers/format-figure'
import type { Fact } from '../decks/deck-schema'
import { fnv1a } from '../hash'

/** A multiple-choice question: the answer among three distractors of the same kind and unit. */
export interface Choices {
  options: string[]
  correct: number
}

/** A stable pseudo-random rank for seeded, reproducible choices (no Math.random in core). */
const rank = (seed: string, value: string) => fnv1a(`${seed}\u0000${value}`)

const bySeed = (seed: string) => (a: string, b: string) =>
  rank(seed, a) - rank(seed, b) || a.localeCompare(b)

/**
 * The options for an exam-style question on `fact`, drawn from `pool` (usually the deck):
 * other amounts in the same unit, other dates, other answers of the same kind. Where the pool
 * has too few, plausible neighbours are made up (other years, scaled amounts).
 */
export function multipleChoice(fact: Fact, pool: readonly Fact[], seed: string): Choices {
  const answer = displayAnswer(fact)
  const others = pool.filter((f) => f.id !== fact.id)
  let candidates: string[]
  if (fact.figure) {
    const { value, unit } = fact.figure
    const sameUnit = others
      .filter((f) => f.figure?.unit === unit)
      .map((f) => formatFigure(f.figure?.value ?? 0, unit))
    const made = [0.5, 2, 1.5, 0.75, 3, 1.25].map((k) =>
      formatFigure(roundLike(value * k, value), unit),
    )
    candidates = [...sameUnit.sort(bySeed(seed)), ...made]
  } else if (fact.date) {
    const d = parseIsoDate(fact.date)
    const precision = fact.date.length
    const sameKind = others
      .filter((f) => f.date && f.date.length === precision)
      .map((f) => formatDate(parseIsoDate(f.date ?? '')))
    const made = [1, -1, 2, -2, 3].map((k) =>
      formatDate({ ...d, year: d.year + k } satisfies PartialDate),
    )
    candidates = [...sameKind.sort(bySeed(seed)), ...made]
  } else {
    // Of the same kind, the answers that look most like this one first: a name against names,
    // a phrase against phrases of its length, so no option gives itself away by its shape.
    const shape = shapeOf(answer)
    const near = (c: string) => shapeDistance(shape, shapeOf(c))
    const order = bySeed(seed)
    candidates = others
      .filter((f) => f.kind === fact.kind && !f.figure && !f.date)
      .map((f) => f.answer)
      .sort((a, b) => near(a) - near(b) || order(a, b))
  }
  const distractors: string[] = []
  for (const c of candidates) {
    if (c !== answer && !distractors.includes(c)) distractors.push(c)
    if (distractors.length === 3) break
  }
  const options = [answer, ...distractors].sort(bySeed(`${seed}/order`))
  return { options, correct: options.indexOf(answer) }
}

interface Shape {
  /** Most words capitalised: a name (a country, a person, a treaty), not a concept. */
  name: boolean
  digits: boolean
  /** A list ("A, B and C"). */
  list: boolean
  words: number
}

function shapeOf(text: string): Shape {
  const words = text.split(/\s+/).filter(Boolean)
  const capitals = words.filter((w) => /^\p{Lu}/u.test(w)).length
  return {
    name: capitals * 2 > words.length,
    digits: /\d/.test(text),
    list: /,|\band\b/.test(text),
    words: Math.max(1, words.length),
  }
}

/** How unlike two answers look: kind of words first, then length (in doublings). */
function shapeDistance(a: Shape, b: Shape): number {
  return (
    (a.name === b.name ? 0 : 4) +
    (a.digits === b.digits ? 0 : 2) +
    (a.list === b.list ? 0 : 2) +
    Math.min(3, Math.round(Math.abs(Math.log2(a.words / b.words))))
  )
}

/** The answer as options show it, so the right one looks like its neighbours. */
function displayAnswer(fact: Fact): string {
  if (fact.figure) return formatFigure(fact.figure.value, fact.figure.unit)
  if (fact.date) return formatDate(parseIsoDate(fact.date))
  return fact.answer
}

function roundLike(x: number, like: number): number {
  if (Number.isInteger(like) && Math.abs(like) < 1000) return Math.max(1, Math.round(x))
  return Number(x.toPrecision(3))
}
