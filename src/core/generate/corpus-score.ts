import { proposeCards, type Blank } from './proposals'
import { readDocument } from './document'
import type { NameKind } from './names'

/** What a student of a text should know, marked by hand (`corpus/annotations.json`). */
export interface Annotation {
  figures: string[]
  dates: string[]
  /** Each name with its kind, or null where no kind fits. */
  names: [string, NameKind | null][]
}

/** How well the proposals of one text (or of several, summed) meet its annotation. */
export interface CorpusScore {
  figuresAndDates: { found: number; of: number; missed: string[] }
  names: { found: number; of: number; missed: string[] }
  /** Of the names found whose annotation gives a kind and that the generator named: right. */
  kinds: { right: number; of: number; wrong: string[] }
  /** Blanks that hold part of an annotated name only ("Tokugawa" of "Tokugawa shogunate"). */
  cut: string[]
}

const norm = (s: string) => s.replace(/\s+/g, ' ').replace(/[–—]/g, '-').trim()

/** Scores the generator's proposals for one text against its annotation. */
export function scoreText(file: string, text: string, annotation: Annotation): CorpusScore {
  const proposals = proposeCards(readDocument(file, text))
  const blanks: Blank[] = proposals.flatMap((p) => p.blanks)
  const texts = (pick: (b: Blank) => boolean) =>
    new Set(blanks.filter(pick).map((b) => norm(b.text)))
  const numeric = texts((b) => b.kind === 'figure' || b.kind === 'date' || b.kind === 'range')
  const named = texts((b) => b.kind === 'entity' || b.kind === 'expansion' || b.kind === 'acronym')
  // A figure's unit stays in view beside its blank: "29,751 km" is found as "29,751".
  const foundNumber = (w: string) => [...numeric].some((b) => w === b || w.startsWith(`${b} `))
  const wanted = [...annotation.figures, ...annotation.dates].map(norm)
  const missedNumbers = wanted.filter((w) => !foundNumber(w))
  const names = annotation.names.map(([n]) => norm(n))
  const missedNames = names.filter((n) => !named.has(n))
  const kinds = { right: 0, of: 0, wrong: [] as string[] }
  for (const [name, kind] of annotation.names) {
    if (!kind) continue
    const blank = blanks.find((b) => b.kind === 'entity' && norm(b.text) === norm(name))
    if (!blank?.entity) continue
    kinds.of++
    if (blank.entity === kind) kinds.right++
    else kinds.wrong.push(`${name}: ${blank.entity}, not ${kind}`)
  }
  // A blank that overlaps where an annotated name stands in its sentence without being it.
  const cut: string[] = []
  for (const p of proposals)
    for (const b of p.blanks)
      for (const name of names)
        for (let at = p.sentence.indexOf(name); at >= 0; at = p.sentence.indexOf(name, at + 1)) {
          const end = at + name.length
          const overlaps = b.start < end && at < b.end
          const same = b.start === at && b.end === end
          const holds = b.start <= at && b.end >= end
          if (overlaps && !same && !holds) cut.push(`${b.text} (in ${name})`)
        }
  return {
    figuresAndDates: {
      found: wanted.length - missedNumbers.length,
      of: wanted.length,
      missed: missedNumbers,
    },
    names: { found: names.length - missedNames.length, of: names.length, missed: missedNames },
    kinds,
    cut,
  }
}
