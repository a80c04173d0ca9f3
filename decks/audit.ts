// The chapter deck's content audit (issue 12), as functions the tests and `npm run deck:report`
// share: acronym expansions the cited section does not state, cards whose front holds their
// answer, prompts that answer another fact of their section, and qualifiers ("such as",
// "more than", "about") the chapter puts on a fact that its answer drops.
import type { Deck, Fact } from '../src/core/decks/deck-schema'
import { sentencesOf } from '../src/core/generate/proposals'
import { quantitiesIn } from '../src/core/answers/quantity'
import { cardFace } from '../src/core/notes/note-cards'
import { FACT_TYPE } from '../src/core/notes/note-types'
import { factCardOrdinals, factFields } from '../src/core/notes/fact-fields'
import { plainText } from '../src/core/notes/render-template'
import type { ChapterOutline, Span } from './chapter-outline'

/** Lower case, letters and digits only, single spaces: for "does this text contain that". */
export function normalized(s: string): string {
  return ` ${s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `
}

/** Whether `text` holds `part` as whole words (a leading "the", "a" or "an" of `part` aside). */
export function containsWords(text: string, part: string): boolean {
  const p = normalized(part).replace(/^ (?:the|a|an) /, ' ')
  return p.trim() !== '' && normalized(text).includes(p)
}

/**
 * A fact's acronym expansion that its cited section does not state (null when it does): every
 * word of it is in the section, whole or as its start ("Rep." for Republic — long official
 * names are shortened so the deck never runs 12 of the chapter's words together).
 */
export function unstatedExpansion(fact: Fact, sectionText: string): string | null {
  if (!fact.acronym) return null
  if (containsWords(sectionText, fact.acronym.long)) return null
  const section = normalized(sectionText).trim().split(' ')
  const stated = normalized(fact.acronym.long)
    .trim()
    .split(' ')
    .every((w) => section.some((s) => s.startsWith(w)))
  if (stated) return null
  // Or the fact says where the expansion comes from.
  if (/\bexpansion\b.*\bfrom\b|\bnot (?:spelled out|expanded)\b/i.test(fact.note ?? '')) return null
  return fact.acronym.long
}

/** What each card of a fact asks and what its answer is, with the front as shown. */
export function cardsOf(fact: Fact): { template: string; front: string; answer: string }[] {
  const fields = factFields(fact)
  return factCardOrdinals(fact).map((ord) => {
    const face = cardFace(FACT_TYPE, fields, ord, fact.section)
    const template = FACT_TYPE.templates[ord]?.name ?? String(ord)
    const answer =
      ord === 2 && fact.acronym
        ? fact.acronym.short
        : ord === 3 && fact.cloze
          ? (/\{\{([^{}]+)\}\}/.exec(fact.cloze)?.[1] ?? fact.answer)
          : fact.answer
    return { template, front: plainText(face.front), answer }
  })
}

/** Cards whose front contains their own answer (normalised, whole words). */
export function selfAnswering(fact: Fact): string[] {
  return cardsOf(fact)
    .filter((c) => containsWords(c.front, c.answer))
    .map((c) => `${fact.id} (${c.template}): "${c.answer}" is on its front`)
}

// Words too common in this chapter to say what a question is about.
const COMMON = new Set(
  `japan japans japanese the a an in of on at to for and or what which who whom when where why how
  many much did does do was were is are has have had by with from as that this these its it un
  united nations prime minister foreign minister ministers meeting meetings summit year years
  month government international cooperation security council general assembly president
  name named called first second third`.split(/\s+/),
)

/** The distinctive words of a question: what it is about. */
function subjectWords(text: string): Set<string> {
  return new Set(
    normalized(text)
      .trim()
      .split(' ')
      .filter((w) => w.length > 2 && !COMMON.has(w) && !/^\d+$/.test(w)),
  )
}

/**
 * Facts of one section whose prompt (or cloze) contains another fact's answer while asking
 * about the same thing (they share a distinctive word): studying one gives the other away —
 * "Since April 2019, how many officers…" beside "Since when…?". A date or name that merely
 * recurs in a prompt about something else is not counted. Answers of two characters or fewer
 * are too short to tell.
 */
export function promptsAnsweringOthers(deck: Deck): string[] {
  const bySection = new Map<string, Fact[]>()
  for (const f of deck.facts) {
    const key = f.section.join('\u001f')
    bySection.set(key, [...(bySection.get(key) ?? []), f])
  }
  const out: string[] = []
  for (const facts of bySection.values())
    for (const a of facts) {
      const shown = `${a.prompt} ${a.cloze ?? ''}`.replace(/\{\{[^{}]*\}\}/g, ' ')
      for (const b of facts) {
        if (a === b) continue
        // A prompt that spells out an acronym answers "What does it stand for?" outright.
        if (
          b.acronym &&
          containsWords(shown, b.acronym.long) &&
          !containsWords(shown, b.acronym.short)
        ) {
          out.push(`${a.id}'s prompt spells out ${b.id} ("${b.acronym.long}")`)
          continue
        }
        if (normalized(b.answer).trim().length <= 2 || !containsWords(shown, b.answer)) continue
        const about = subjectWords(b.prompt)
        for (const w of subjectWords(b.answer)) about.delete(w)
        const shared = [...subjectWords(shown)].filter((w) => about.has(w))
        if (shared.length)
          out.push(
            `${a.id}'s prompt gives away ${b.id} ("${b.answer}", both on ${shared.join(', ')})`,
          )
      }
    }
  return out
}

/** Qualifier families: the chapter's word, and the words an answer may keep it with. */
const QUALIFIERS: { chapter: RegExp; kept: RegExp; name: string }[] = [
  {
    name: 'more than',
    chapter: /\b(?:more than|over|in excess of)\s*$/i,
    kept: /\b(?:more than|over|in excess of|\+)/i,
  },
  {
    name: 'about',
    chapter: /\b(?:about|approximately|around|some|roughly|nearly|almost)\s*$/i,
    kept: /\b(?:about|approximately|around|some|roughly|nearly|almost|approx)\b|~/i,
  },
]
const LIST_QUALIFIER = /\b(?:such as|such \w+ as|including|among others|for example|e\.g\.)/i

/** The sentences of a section's text. */
const sentencesIn = (text: string) =>
  text
    .split('\n')
    .flatMap((line) => sentencesOf(line))
    .map((s) => s.text)

/**
 * Qualifiers the chapter puts on a fact that its answer drops: a figure the chapter states as
 * "more than 90,000" or "about 400", or a list it introduces with "such as" or "including",
 * answered as if exact or complete. The source sentence is found in the cited span.
 */
export function droppedQualifiers(fact: Fact, sectionText: string): string[] {
  const sentences = sentencesIn(sectionText)
  const out: string[] = []
  const shown = `${fact.answer} ${fact.note ?? ''}`
  if (fact.figure) {
    const value = fact.figure.value
    for (const s of sentences) {
      const q = quantitiesIn(s).find((x) => x.value === value)
      if (!q) continue
      const before = s.slice(Math.max(0, q.index - 24), q.index)
      for (const family of QUALIFIERS)
        if (family.chapter.test(before) && !family.kept.test(shown))
          out.push(
            `${fact.id}: the chapter says "${family.name} ${q.raw}", the answer "${fact.answer}"`,
          )
      break
    }
  }
  // A list answer (items joined by commas or "and"; a name's own "and" is not a list) from a
  // "such as" sentence.
  const items = fact.answer.split(/,\s*|\s+and\s+/).filter(Boolean)
  const isList = fact.kind === 'relation' && items.length >= 2
  if (isList && !LIST_QUALIFIER.test(shown)) {
    for (const s of sentences) {
      const found = items.filter((i) => containsWords(s, i)).length
      if (found < Math.min(2, items.length)) continue
      const first = items.map((i) => s.toLowerCase().indexOf(i.toLowerCase())).filter((i) => i >= 0)
      const at = first.length ? Math.min(...first) : s.length
      if (LIST_QUALIFIER.test(s.slice(Math.max(0, at - 40), at)))
        out.push(
          `${fact.id}: the chapter lists these "such as"/"including"; the answer "${fact.answer}" reads as complete`,
        )
      break
    }
  }
  return out
}

const STOP = new Set(
  `the and for with from that this these those into onto about than such also which who whom
  whose what when where their there have has had been being were was are its it's over under
  other others among between including through japan japanese`.split(/\s+/),
)
const contentWords = (s: string) =>
  normalized(s)
    .trim()
    .split(' ')
    .filter((w) => w.length > 3 && !STOP.has(w))

/** A paragraph of the chapter's running text: where it is and how it starts. */
export interface Paragraph {
  line: number
  start: string
}

/**
 * The chapter's paragraphs (running text of 20 words or more, not headings or captions) that
 * no fact draws on: no fact citing a section around it states one of its numbers or most of
 * its answer's words appear in it.
 */
export function paragraphsWithoutFacts(
  outline: ChapterOutline,
  facts: readonly { fact: Fact; span: Span }[],
): Paragraph[] {
  const first = outline.sections().find((s) => s.level === 1)?.span.start ?? 0
  const out: Paragraph[] = []
  outline.lines.forEach((text, line) => {
    if (line < first || outline.isHeading(line) || text.trim().split(/\s+/).length < 20) return
    const para = normalized(text)
    const numbers = new Set(quantitiesIn(text).map((q) => q.value))
    const drawn = facts.some(({ fact, span }) => {
      if (line < span.start || line >= span.end) return false
      if (fact.figure && numbers.has(fact.figure.value)) return true
      const words = contentWords(`${fact.answer} ${fact.cloze ?? ''}`)
      const found = words.filter((w) => para.includes(` ${w} `)).length
      return words.length > 0 && found / words.length >= 0.5
    })
    if (!drawn) out.push({ line, start: text.trim().slice(0, 90) })
  })
  return out
}
