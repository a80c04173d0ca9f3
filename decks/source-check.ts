import { MONTH_NAMES, parseIsoDate } from '../src/core/answers/dates'
import { CARDINAL_WORDS, ORDINAL_WORDS, quantitiesIn } from '../src/core/answers/quantity'
import type { ChapterOutline, Span } from './chapter-outline'
import type { Fact } from '../src/core/decks/deck-schema'

/** A number the chapter states, and where. */
export interface ChapterFigure {
  line: number
  value: number
  raw: string
}

const CROSS_REFERENCE = /(?:page|chapter|section|see)\s*$/i

/** Every figure stated in the chapter's running text (not headings, page or chapter references). */
export function chapterFigures(outline: ChapterOutline): ChapterFigure[] {
  const out: ChapterFigure[] = []
  // The title block above the first part ("Diplomatic Bluebook 2020", "3 Global Security") states no facts.
  const first = outline.sections().find((s) => s.level === 1)?.span.start ?? 0
  outline.lines.forEach((text, line) => {
    if (line < first) return
    // Headings and photo captions state no facts of their own.
    if (outline.isHeading(line) || /\(Photo/.test(text)) return
    for (const q of quantitiesIn(text.replace(/^\s*•\s*\*?\d+\s/, ''))) {
      if (CROSS_REFERENCE.test(text.slice(0, q.index))) continue
      out.push({ line, value: q.value, raw: q.raw })
    }
  })
  return out
}

/** The numbers a fact states: its figure, its date's parts, and any number in its wording. */
export function factNumbers(fact: Fact): Set<number> {
  const values = new Set<number>()
  if (fact.figure) values.add(fact.figure.value)
  if (fact.date) {
    const d = parseIsoDate(fact.date)
    values.add(d.year)
    if (d.day) values.add(d.day)
  }
  for (const text of [fact.prompt, fact.answer, fact.cloze ?? '', fact.note ?? '']) {
    for (const q of quantitiesIn(text)) values.add(q.value)
  }
  return values
}

/** Ways the chapter spells a small number out: "three", "third", "twice". */
const spelled = (v: number): string[] =>
  [CARDINAL_WORDS[v], ORDINAL_WORDS[v], ['', 'once', 'twice'][v]].filter(
    (w): w is string => Boolean(w) && w !== '-',
  )

/**
 * Numbers the fact states that its cited section does not: each would be an invented figure.
 * Small numbers may be spelled out in the chapter ("three pillars"); months must be named.
 */
export function inventedNumbers(fact: Fact, sectionText: string): string[] {
  const stated = new Set(quantitiesIn(sectionText).map((q) => q.value))
  const lower = sectionText.toLowerCase()
  const problems: string[] = []
  for (const v of factNumbers(fact)) {
    if (stated.has(v)) continue
    if (!spelled(v).some((w) => new RegExp(`\\b${w}\\b`).test(lower))) problems.push(String(v))
  }
  if (fact.date) {
    const month = parseIsoDate(fact.date).month
    const name = month ? MONTH_NAMES[month - 1] : undefined
    if (name && !sectionText.includes(name)) problems.push(name)
  }
  return problems
}

/** Lower-case word tokens, as the anti-copy check counts them. */
const words = (s: string) => s.toLowerCase().match(/[a-z0-9]+/g) ?? []

/** Every run of `n` consecutive words of the chapter. */
export function wordRuns(text: string, n = 12): Set<string> {
  const w = words(text)
  const runs = new Set<string>()
  for (let i = 0; i + n <= w.length; i++) runs.add(w.slice(i, i + n).join(' '))
  return runs
}

/** Runs of `n` words of `text` that also stand in the chapter (copied wording). */
export function copiedRuns(text: string, chapterRuns: Set<string>, n = 12): string[] {
  const w = words(text)
  const hits: string[] = []
  for (let i = 0; i + n <= w.length; i++) {
    const run = w.slice(i, i + n).join(' ')
    if (chapterRuns.has(run)) hits.push(run)
  }
  return hits
}

/** Whether a chapter figure is stated by some fact whose cited section contains it. */
export function isCovered(
  figure: ChapterFigure,
  facts: readonly { span: Span; numbers: Set<number> }[],
): boolean {
  return facts.some(
    (f) => f.span.start <= figure.line && figure.line < f.span.end && f.numbers.has(figure.value),
  )
}
