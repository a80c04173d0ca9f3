import { distance } from 'fastest-levenshtein'
import type { Fact } from '../decks/deck-schema'
import { formatDate, parseIsoDate, parseTypedDate, type PartialDate } from './dates'
import { IDENTIFIER_UNITS, formatFigure } from './format-figure'
import { parseQuantity } from './quantity'

/** How a typed answer compares with the fact; `detail` says what was off. */
export type Verdict =
  | { result: 'correct'; detail?: string }
  | { result: 'close'; detail: string }
  | { result: 'wrong'; detail: string }

/** A near miss: within this share of the true figure. */
const CLOSE_RATIO = 0.1

/** Checks a typed answer against a fact: figures by value and unit, dates by their parts, text by spelling. */
export function checkTypedAnswer(fact: Fact, typed: string): Verdict {
  if (!typed.trim()) return { result: 'wrong', detail: 'No answer typed.' }
  if (fact.figure)
    return checkFigure(fact.figure.value, fact.figure.unit, typed, qualifierOf(fact.answer))
  if (fact.date) return checkDate(parseIsoDate(fact.date), typed)
  return checkText(
    fact.acronym ? [fact.answer, fact.acronym.short, fact.acronym.long] : [fact.answer],
    typed,
  )
}

/** Checks a typed answer against one expected text, by spelling (a type-the-answer card). */
export function checkTypedText(expected: string, typed: string): Verdict {
  if (!typed.trim()) return { result: 'wrong', detail: 'No answer typed.' }
  return checkText([expected], typed)
}

/** The qualifier an answer puts on its figure ("More than 90,000" → "more than"), if any. */
function qualifierOf(answer: string): string | null {
  const m =
    /^(more than|over|about|approximately|around|nearly|almost|some|at least|up to|fewer than|less than)\s/i.exec(
      answer.trim(),
    )
  return m?.[1] ? m[1].toLowerCase() : null
}

function checkFigure(
  expected: number,
  unit: string,
  typed: string,
  qualifier: string | null = null,
): Verdict {
  const q = parseQuantity(typed)
  // The answer as the back shows it: with its qualifier ("more than 90,000 people").
  const truth = `${qualifier ? `${qualifier} ` : ''}${formatFigure(expected, unit)}`
  if (!q) return { result: 'wrong', detail: `Not read as one number. The answer is ${truth}.` }
  if (IDENTIFIER_UNITS.has(unit))
    return same(q.value, expected)
      ? { result: 'correct' }
      : { result: 'wrong', detail: `The answer is ${truth}.` }
  const currency = unit === 'USD' || unit === 'JPY' ? unit : null
  if (q.unit && currency && q.unit !== currency) {
    return { result: 'wrong', detail: `Wrong currency. The answer is ${truth}.` }
  }
  if (q.unit === 'percent' && unit !== 'percent') {
    return { result: 'wrong', detail: `Not a percentage. The answer is ${truth}.` }
  }
  if (same(q.value, expected)) return { result: 'correct' }
  for (const scale of [1e3, 1e6, 1e9]) {
    if (same(q.value * scale, expected)) {
      return { result: 'close', detail: `Right digits, wrong size: the answer is ${truth}.` }
    }
  }
  const diff = q.value - expected
  const ratio = expected === 0 ? Infinity : Math.abs(diff) / Math.abs(expected)
  if (
    ratio <= CLOSE_RATIO ||
    (Number.isInteger(expected) && Math.abs(expected) <= 20 && Math.abs(diff) === 1)
  ) {
    const pct =
      expected === 0
        ? ''
        : ` (${diff > 0 ? '+' : '−'}${(ratio * 100).toFixed(ratio < 0.01 ? 2 : 1)}%)`
    return {
      result: 'close',
      detail: `Close: ${diff > 0 ? 'over' : 'under'} by ${formatFigure(Math.abs(diff), unit === 'ordinal' || unit === 'year' ? '' : unit)}${pct}. The answer is ${truth}.`,
    }
  }
  return { result: 'wrong', detail: `The answer is ${truth}.` }
}

const same = (a: number, b: number) => Math.abs(a - b) <= Math.abs(b) * 1e-9

function checkDate(expected: PartialDate, typed: string): Verdict {
  const truth = formatDate(expected)
  const d = parseTypedDate(typed) ?? yearOnly(typed)
  if (!d) return { result: 'wrong', detail: `Not read as a date. The answer is ${truth}.` }
  const yearOff = d.year - expected.year
  // A wrong year is wrong, as in an exam, even by one; the detail says how far off it was.
  if (yearOff !== 0)
    return {
      result: 'wrong',
      detail: `${Math.abs(yearOff) === 1 ? `One year ${yearOff > 0 ? 'late' : 'early'}. ` : ''}The answer is ${truth}.`,
    }
  if (expected.month !== undefined) {
    if (d.month === undefined)
      return { result: 'close', detail: `Right year; the full answer is ${truth}.` }
    if (d.month !== expected.month)
      return { result: 'close', detail: `Right year, wrong month. The answer is ${truth}.` }
  }
  if (expected.day !== undefined) {
    if (d.day === undefined)
      return { result: 'close', detail: `Right month; the full answer is ${truth}.` }
    if (d.day !== expected.day)
      return { result: 'close', detail: `Right month, wrong day. The answer is ${truth}.` }
  }
  return { result: 'correct' }
}

function yearOnly(typed: string): PartialDate | null {
  const q = parseQuantity(typed)
  return q && Number.isInteger(q.value) && q.value >= 1000 && q.value <= 9999
    ? { year: q.value }
    : null
}

/** Lower-case words without punctuation or leading articles, for spelling comparison. */
function normalizeText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[“”"'’.,;:!?()[\]]/g, ' ')
    .replace(/\b(the|a|an)\b/g, ' ')
    .replace(/[-–—/]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

function checkText(accepted: readonly string[], typed: string): Verdict {
  const t = normalizeText(typed)
  let best = Infinity
  for (const a of accepted) {
    const n = normalizeText(a)
    if (n === t) return { result: 'correct' }
    best = Math.min(best, distance(n, t) / Math.max(n.length, 1))
  }
  const truth = accepted[0] ?? ''
  if (best <= 0.2)
    return { result: 'close', detail: `Almost: check the spelling. The answer is ${truth}.` }
  return { result: 'wrong', detail: `The answer is ${truth}.` }
}
