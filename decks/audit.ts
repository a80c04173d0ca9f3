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
        // The section's own topic ("cyber" in "(5) Cyber") is shared by all its facts.
        for (const w of subjectWords(b.section.join(' '))) about.delete(w)
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
/**
 * Words that open a list the chapter does not close ("These include …", "…, including …",
 * "among them", "such as"), anywhere in the source sentence, and the words an answer may keep
 * that with.
 */
const OPEN_LIST_IN_CHAPTER =
  /\b(?:includes?|including|among|such as|such \w+ as|for example|e\.g\.|inter alia)\b/i
const OPEN_LIST_KEPT = /\b(?:includes?|including|among|such as|for example|e\.g\.|others?)\b/i
/** Words that make a figure approximate, in a card's own wording. */
const APPROXIMATE =
  /\b(?:about|approximately|around|some|roughly|nearly|almost|over|more than)\s*$/i

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
  // sentence that leaves the list open, wherever in the sentence it says so.
  const source = listSentence(fact, sentences)
  // The opener counts when it leads into the list: before its first item, in the same stretch.
  // (A list of months or dates is the dates of one thing, closed whatever the sentence says.)
  const items = listItems(fact) ?? []
  const dates = items.every((i) => new RegExp(`^(?:${MONTHS})(?: \\d{4})?$`, 'i').test(i))
  const lower = source?.toLowerCase() ?? ''
  const firstItem = dates
    ? -1
    : Math.min(
        ...items
          .flatMap(contentWords)
          .map((w) => lower.search(new RegExp(`\\b${w}`)))
          .filter((i) => i >= 0),
      )
  const opener = source
    ? [...source.matchAll(new RegExp(OPEN_LIST_IN_CHAPTER.source, 'gi'))].find(
        (m) => m.index < firstItem && firstItem - m.index <= 110,
      )
    : undefined
  if (source && opener && !OPEN_LIST_KEPT.test(shown))
    out.push(
      `${fact.id}: the chapter leaves this list open ("${OPEN_LIST_IN_CHAPTER.exec(source)?.[0]}"); the answer "${fact.answer}" reads as complete`,
    )
  return out
}

const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December'

/** A list answer's items (joined by commas, semicolons or "and"), or null for one item. */
function listItems(fact: Fact): string[] | null {
  if (fact.kind !== 'relation' && fact.kind !== 'event') return null
  // Asides in brackets are not items; "A, B" alone is an apposition ("Dinard, France"), not a
  // list: a list has "and" or three items or more.
  const answer = fact.answer
    .replace(/\([^)]*\)/g, ' ')
    .replace(/^(?:they include|including|among others,?)\s+/i, '')
  const items = answer
    .split(/,\s*|;\s*|\s+and\s+/)
    .map((i) => i.trim())
    .filter(Boolean)
  return items.length >= 3 || (items.length === 2 && /\band\b/.test(answer)) ? items : null
}

/**
 * The chapter sentence a list answer comes from: the one holding most of its items' words
 * (at least half of them, and two items' worth), or null.
 */
function listSentence(fact: Fact, sentences: readonly string[]): string | null {
  const items = listItems(fact)
  if (!items) return null
  const words = [...new Set(items.flatMap(contentWords))]
  if (words.length < 2) return null
  let best: { sentence: string; found: number } | null = null
  for (const sentence of sentences) {
    const text = normalized(sentence)
    const found = words.filter((w) => text.includes(` ${w}`)).length
    if (!best || found > best.found) best = { sentence, found }
  }
  return best && best.found >= Math.max(2, words.length / 2) ? best.sentence : null
}

/**
 * A qualifier a card adds that the chapter does not put on its figure: "about 250" on a card
 * where the chapter says 250 people were killed. Read in the prompt, the answer and the cloze.
 */
export function addedQualifiers(fact: Fact, sectionText: string): string[] {
  if (!fact.figure) return []
  const value = fact.figure.value
  const chapter = sentencesIn(sectionText)
    .flatMap((s) => quantitiesIn(s).map((q) => ({ q, s })))
    .filter(({ q }) => q.value === value)
  if (chapter.length === 0) return []
  // The chapter's own wording qualifies it somewhere: then the card may too.
  const qualified = chapter.some(({ q, s }) =>
    QUALIFIERS.some((f) => f.chapter.test(s.slice(Math.max(0, q.index - 24), q.index))),
  )
  if (qualified) return []
  const card = `${fact.prompt} ${fact.answer} ${fact.cloze ?? ''}`
  const before = [
    /^\s*(?:about|approximately|around|some|roughly|nearly|almost)\s+how\b/i.exec(fact.prompt)?.[0],
    ...quantitiesIn(card.replace(/\{\{|\}\}/g, ''))
      .filter((q) => q.value === value)
      .map((q) => APPROXIMATE.exec(card.replace(/\{\{|\}\}/g, '').slice(0, q.index))?.[0]),
  ].filter((x): x is string => Boolean(x))
  return before.length
    ? [
        `${fact.id}: the card says "${before[0]?.trim()}" where the chapter gives ${chapter[0]?.q.raw} exactly`,
      ]
    : []
}

/**
 * A list answer whose source sentence limits it to a year ("in 2019 held consultations with
 * …") that the card does not say: without the year, the items read as all there are.
 */
export function droppedScope(fact: Fact, sectionText: string): string[] {
  const source = listSentence(fact, sentencesIn(sectionText))
  if (!source) return []
  const items = listItems(fact) ?? []
  const first = Math.min(
    ...items.map((i) => source.toLowerCase().indexOf(i.toLowerCase())).filter((i) => i >= 0),
    source.length,
  )
  const scope = /\bin ((?:19|20)\d\d)\b(?![\s\S]*\bin (?:19|20)\d\d\b)/.exec(
    source.slice(Math.max(0, first - 90), first),
  )
  const year = scope?.[1]
  if (!year) return []
  const card = `${fact.prompt} ${fact.answer} ${fact.cloze ?? ''} ${fact.note ?? ''}`
  return card.includes(year)
    ? []
    : [
        `${fact.id}: the chapter limits this list to ${year} ("in ${year}"); the card does not say so`,
      ]
}

/**
 * An acronym's expansion as the chapter writes it beside the acronym — "Long-term
 * Sustainability (LTS)" or "LTS (Long-term Sustainability)" — letter for letter, case aside
 * (spaces and hyphens as written). Null when it matches, or when the fact's note says where its
 * expansion comes from; else what the chapter says, or that it never expands it.
 */
export function expansionMismatch(fact: Fact, chapterText: string): string | null {
  if (!fact.acronym) return null
  if (/\bexpansion\b.*\bfrom\b|\bnot (?:spelled out|expanded)\b/i.test(fact.note ?? '')) return null
  const { short, long } = fact.acronym
  const flat = chapterText.replace(/\s+/g, ' ')
  const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  // "Open-ended Working Group (OEWG*2)": a footnote mark may follow the acronym. What is
  // written beside it is the run of up to 160 characters before the bracket, back to the
  // nearest bracket or sentence mark. (Found from each bracket backwards: a pattern that
  // scans forwards for that run tries 160 lengths at every character of the chapter.)
  const written = [
    ...flat.matchAll(new RegExp(`\\(\\s*${esc(short)}\\s*\\*?\\d*\\s*\\)`, 'g')),
  ].flatMap((m) => {
    const run = flat
      .slice(Math.max(0, m.index - 161), m.index)
      .trimEnd()
      .slice(-160)
    const cut = Math.max(...[...'().;:'].map((mark) => run.lastIndexOf(mark)))
    const beside = run
      .slice(cut + 1)
      .replace(/[“”"]/g, '')
      .trim()
    return beside ? [beside] : []
  })
  const lower = long.toLowerCase()
  if (written.some((w) => w.toLowerCase().endsWith(lower))) return null
  if (flat.toLowerCase().includes(`${short.toLowerCase()} (${lower})`)) return null
  const near = written.map((w) => w.trim().split(' ').slice(-long.split(' ').length).join(' '))
  return `${fact.id}: "${long}" for ${short}; the chapter writes ${
    near.length ? near.map((n) => `"${n} (${short})"`).join(' or ') : `no "… (${short})"`
  }`
}

/** Each paragraph's words, and in how many paragraphs each word is: once per chapter. */
const wordsOfParagraphs = new WeakMap<
  readonly string[],
  { bags: Set<string>[]; frequency: Map<string, number> }
>()
function paragraphWords(paragraphs: readonly string[]) {
  const known = wordsOfParagraphs.get(paragraphs)
  if (known) return known
  const bags = paragraphs.map((p) => new Set(normalized(p).trim().split(' ')))
  const frequency = new Map<string, number>()
  for (const bag of bags) for (const w of bag) frequency.set(w, (frequency.get(w) ?? 0) + 1)
  wordsOfParagraphs.set(paragraphs, { bags, frequency })
  return { bags, frequency }
}

/**
 * Another paragraph of the chapter that answers the same prompt differently: it holds the
 * prompt's rare words (words in at most three of the chapter's paragraphs; the prompt has two
 * or more) and an answer of the same make (some of the answer's words, not all) — "In which ARF meetings has Japan been co-chair?" is
 * answered by the cyber meetings and, in another paragraph, by the maritime-security ones.
 * `paragraphs`: the chapter's lines; the cited span's own paragraphs are not counted.
 */
export function secondAnswers(
  fact: Fact,
  paragraphs: readonly string[],
  own: { start: number; end: number },
): string[] {
  if (fact.figure || fact.date || fact.acronym) return []
  const { bags, frequency } = paragraphWords(paragraphs)
  const answerWords = [...subjectWords(fact.answer)].filter((w) => (frequency.get(w) ?? 0) > 0)
  const rare = [...subjectWords(fact.prompt)].filter(
    (w) => !answerWords.includes(w) && (frequency.get(w) ?? 0) > 0 && (frequency.get(w) ?? 0) <= 3,
  )
  if (rare.length < 2 || answerWords.length === 0) return []
  // A phrase the prompt quotes ("Constitution for the Seas") must be there too.
  const quoted = [...fact.prompt.matchAll(/["“]([^"”]+)["”]/g)].map((m) => normalized(m[1] ?? ''))
  return paragraphs.flatMap((p, line) => {
    const bag = bags[line] ?? new Set<string>()
    if (line >= own.start && line < own.end) return []
    // Every rare word of the prompt, and an answer of the same make: some of the answer's
    // words, not all of them.
    const shared = answerWords.filter((w) => bag.has(w)).length
    if (!rare.every((w) => bag.has(w)) || shared === 0 || shared === answerWords.length) return []
    if (!quoted.every((q) => normalized(p).includes(q))) return []
    return [
      `${fact.id}: line ${line + 1} ("${p.trim().slice(0, 90)}…") also answers "${fact.prompt}"`,
    ]
  })
}

/**
 * The sentence of the cited section a fact most likely comes from: the one sharing most of the
 * content words of its prompt and answer (its figure's value counting as one), for a reviewer
 * to read beside the card.
 */
export function sourceSentence(fact: Fact, sectionText: string): string | null {
  const words = [...new Set(contentWords(`${fact.prompt} ${fact.answer} ${fact.cloze ?? ''}`))]
  let best: { s: string; score: number } | null = null
  for (const s of sentencesIn(sectionText)) {
    const text = normalized(s)
    let score = words.filter((w) => text.includes(` ${w}`)).length
    if (fact.figure && quantitiesIn(s).some((q) => q.value === fact.figure?.value)) score += 3
    if (!best || score > best.score) best = { s, score }
  }
  return best && best.score > 0 ? best.s : null
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
