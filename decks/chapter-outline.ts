/**
 * Finds the part of the source chapter that a fact's section path cites, so tests can check
 * that a fact's figures really occur there. Section labels are the deck's own words behind
 * the chapter's markers: "(4) …" (part), "B …" (heading), "(A) …" (subheading), "a …"
 * (item), "Footnote 3" / "Footnote *1", and "Column: …" / "Special Feature: …" whose first
 * three words match the feature's title in the text.
 */
export interface Span {
  /** First and one-past-last line index. */
  start: number
  end: number
}

type Level = 1 | 2 | 3 | 4

interface Heading {
  line: number
  level: Level
  text: string
}

const PATTERNS: [Level, RegExp][] = [
  [1, /^\((\d)\) \S/],
  [2, /^([A-F]) [A-Z]/],
  [3, /^\(([A-F])\) \S/],
  [4, /^([a-f]) [A-Z]/],
]

const FEATURE = /^(?:Column|Special Feature): (.+)$/
const FOOTNOTE = /^Footnote (\*?\d+)$/

const firstWords = (s: string, n = 3) =>
  s
    .toLowerCase()
    .split(/\s+/)
    .slice(0, n)
    .map((w) => w.replace(/[^\p{L}\p{N}']/gu, ''))
    .join(' ')

export class ChapterOutline {
  readonly lines: readonly string[]
  private readonly headings: Heading[] = []

  /** `featureLabels`: the deck's "Column: …" and "Special Feature: …" labels, which end the spans before them. */
  constructor(text: string, featureLabels: readonly string[] = []) {
    this.lines = text.split('\n')
    const features = featureLabels.map((l) => firstWords(FEATURE.exec(l)?.[1] ?? l))
    this.lines.forEach((raw, line) => {
      const text = raw.trim()
      if (!text || text.length > 200) return
      const level = PATTERNS.find(([, re]) => re.test(text))?.[0]
      if (level) this.headings.push({ line, level, text })
      else if (features.includes(firstWords(text))) this.headings.push({ line, level: 2, text })
    })
  }

  /** The lines a section path covers (its heading to the next heading of the same or a higher level). */
  resolve(path: readonly string[]): Span | { error: string } {
    let span: Span = { start: 0, end: this.lines.length }
    let level = 0
    for (const label of path) {
      const footnote = FOOTNOTE.exec(label)?.[1]
      if (footnote) {
        const marker = new RegExp(`^\\s*•\\s*${footnote.replace('*', '\\*')}\\s`)
        const line = this.findLine(span, (l) => marker.test(l))
        if (line < 0)
          return {
            error: `no footnote ${footnote} under "${path.slice(0, path.indexOf(label)).join(' › ')}"`,
          }
        // A footnote runs on until a blank line, the next footnote or a heading.
        let end = line + 1
        while (
          end < span.end &&
          (this.lines[end] ?? '').trim() &&
          !/^\s*•/.test(this.lines[end] ?? '') &&
          !this.isHeading(end)
        )
          end++
        span = { start: line, end }
        continue
      }
      const heading = this.findHeading(span, label, level)
      if (!heading) return { error: `no heading for "${label}" in the text` }
      level = heading.level
      span = this.spanOf(heading, span.end)
    }
    return span
  }

  /** Every heading of the chapter with the lines it covers. */
  sections(): { title: string; level: number; span: Span }[] {
    return this.headings.map((h) => ({
      title: h.text,
      level: h.level,
      span: this.spanOf(h, this.lines.length),
    }))
  }

  /** Whether a line is one of the chapter's headings (they state no facts of their own). */
  isHeading(line: number): boolean {
    return this.headings.some((h) => h.line === line)
  }

  /** A heading's lines: up to the next heading of the same or a higher level, within `limit`. */
  private spanOf(heading: Heading, limit: number): Span {
    const next = this.headings.find(
      (h) => h.line > heading.line && h.line < limit && h.level <= heading.level,
    )
    return { start: heading.line, end: next?.line ?? limit }
  }

  /** The text of a span. */
  text(span: Span): string {
    return this.lines.slice(span.start, span.end).join('\n')
  }

  private findHeading(span: Span, label: string, parentLevel: number): Heading | undefined {
    const inSpan = this.headings.filter(
      (h) => h.line >= span.start && h.line < span.end && h.level > parentLevel,
    )
    const feature = FEATURE.exec(label)?.[1]
    if (feature) return inSpan.find((h) => firstWords(h.text) === firstWords(feature))
    for (const [level, re] of PATTERNS) {
      const marker = re.exec(label)?.[1]
      if (marker === undefined) continue
      return inSpan.find((h) => h.level === level && re.exec(h.text)?.[1] === marker)
    }
    return undefined
  }

  private findLine(span: Span, test: (line: string) => boolean): number {
    for (let i = span.start; i < span.end; i++) if (test(this.lines[i] ?? '')) return i
    return -1
  }
}
