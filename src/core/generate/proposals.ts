import nlp from 'compromise'
import { MONTH_NAMES } from '../answers/dates'
import { quantitiesIn, type QuantityUnit } from '../answers/quantity'
import type { SourceDocument } from './document'
import { nameSpans, startsWithLed, type NameKind } from './names'

/** What a blank hides. */
export type BlankKind = 'figure' | 'date' | 'range' | 'acronym' | 'expansion' | 'entity'
export type EntityKind = NameKind

/** One thing to recall in a sentence: where it is, what it is, and how much it is worth. */
export interface Blank {
  start: number
  end: number
  text: string
  kind: BlankKind
  /** 0–1: how likely a candidate must recall it (figures with units, acronyms high). */
  score: number
  figure?: { value: number; unit: QuantityUnit; ordinal?: true; qualifier?: string }
  /** ISO year, year-month or date. */
  date?: string
  acronym?: { short: string; long: string }
  /** What kind of name an entity is; absent when neither a naming word nor the NLP says. */
  entity?: EntityKind
}

/** A proposed cloze note: one sentence, its blanks as c1, c2, … and the paragraph it came from. */
export interface Proposal {
  id: string
  section: string[]
  /** The index of the paragraph (block) in the document. */
  block: number
  sentence: string
  blanks: Blank[]
  /** The sentence with each blank marked `{{cN::…}}`, in order. */
  cloze: string
  /** The best blank's score. */
  score: number
  /**
   * A question-and-answer card instead of a cloze, for a sentence that defines a name ("X is
   * a …", "X, the …,"): "What is X?" and what the sentence says it is.
   */
  definition?: { term: string; question: string; answer: string }
}

// "X is a …", "X was the …": a definition of the name that starts the sentence.
const DEFINES = /^\s*(is|was|are|were)\s+((?:a|an|the)\s+.+?)\s*[.;]?\s*$/u
// "X, a belt of …;" "X, the body that …,": an apposition that says what a name is.
const APPOSITION = /^,\s+((?:a|an|the)\s+[^,;()]+?)\s*[,;.]/u

/**
 * The definition a sentence gives of one of its names, if it gives one: the name followed by
 * "is a …" (the rest of the sentence) or set off by commas ("X, the …,"). At least three words
 * of meaning, at most forty.
 */
export function definitionIn(
  sentence: string,
  names: readonly Blank[],
): Proposal['definition'] | undefined {
  for (const b of names) {
    if (b.kind !== 'entity' && b.kind !== 'expansion') continue
    const rest = sentence.slice(b.end)
    const defined = b.start === 0 || /^(?:The|the)\s+$/.test(sentence.slice(0, b.start))
    const m = defined ? DEFINES.exec(rest) : null
    const a = APPOSITION.exec(rest)
    const meaning = m?.[2] ?? a?.[1]
    if (!meaning) continue
    // "X, the United Kingdom, and …" is a list of names, not a name and what it is.
    if (!m && /^(?:a|an|the)(?:\s+(?:\p{Lu}\S*|of|and|the))+$/u.test(meaning)) continue
    const words = meaning.split(/\s+/).length
    if (words < 3 || words > 40) continue
    const past = m?.[1] === 'was' || m?.[1] === 'were'
    const who = b.entity === 'person' ? 'Who' : 'What'
    const verb =
      m?.[1] === 'are' || m?.[1] === 'were' ? (past ? 'were' : 'are') : past ? 'was' : 'is'
    return { term: b.text, question: `${who} ${verb} ${b.text}?`, answer: meaning }
  }
  return undefined
}

export interface ProposeOptions {
  /** Blanks scoring below this are not proposed (0–1; default 0). */
  minScore?: number
  /** At most this many blanks per note (default 8); a sentence with more makes several notes. */
  maxBlanks?: number
  /**
   * Told how far the reading has come (0–1) as paragraphs are read, at most about fifty times
   * a document: the NLP pass is where a long text spends its seconds.
   */
  onProgress?: (fraction: number) => void
}

/** Blanks longer than this many words are half a sentence, not a thing to recall. */
export const MAX_BLANK_WORDS = 8
/**
 * A name may be longer: "United Nations Convention on the Law of the Sea" is nine words, and
 * cut short it is no name at all.
 */
export const MAX_NAME_WORDS = 12

export const STOP_WORDS = new Set(
  `a an the and or but nor so yet of to in on at by for from with without into onto upon about
  as than that this these those it its it's is are was were be been being has have had do does
  did not no such also which who whom whose what when where why how all any both each few more
  most other some own same very can will just should now i we you he she they them their our
  his her there here then only over under again further once`.split(/\s+/),
)

const QUALIFIER =
  /(?:about|approximately|approx\.|around|nearly|almost|over|more than|less than|fewer than|at least|up to|some|roughly|close to|under)\s+$/i

const MONTHS = MONTH_NAMES.join('|')
const DATE = new RegExp(
  String.raw`\b(?:(\d{1,2})\s+)?(${MONTHS})(?:\s+(\d{1,2})(?:st|nd|rd|th)?,?)?\s+(\d{4})\b`,
  'g',
)
// A day of a month without its year ("on July 14", "14 July"): the year is the text's own.
const DAY_MONTH = new RegExp(
  String.raw`\b(?:(\d{1,2})\s+(${MONTHS})|(${MONTHS})\s+(\d{1,2})(?:st|nd|rd|th)?)\b(?!,?\s+\d)(?!\s*[-–]\s*\d)`,
  'g',
)
const RANGE = /\b((?:1[5-9]|20)\d\d)\s*[-–—]\s*((?:1[5-9]|20)?\d\d)\b/g

// "Full Name (ACRONYM)": a run of capitalised words (with small joining words), then an
// upper-case short form in brackets.
const JOINERS = 'of|the|and|for|on|in|to|&|de|du|des|la|le|against|between|at'
const ACRONYM_PAIR = new RegExp(
  String.raw`((?:[\p{Lu}][\p{L}\p{N}’'\-.]*)(?:\s+(?:[\p{Lu}][\p{L}\p{N}’'\-.]*|${JOINERS}))*)\s+\(([\p{Lu}][\p{L}\p{N}&\-]{1,14})\)`,
  'gu',
)

const words = (s: string) => s.trim().split(/\s+/).filter(Boolean)

/**
 * The end of `long` that `short` abbreviates (Schwartz and Hearst's algorithm: the short
 * form's letters found in order from the right, its first letter starting a word), e.g. "the
 * Association of Southeast Asian Nations" for ASEAN. Null when there is none, or when it is
 * too long to be this acronym's expansion.
 */
export function expansionOf(long: string, short: string): string | null {
  const alnum = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c)
  let s = short.length - 1
  let l = long.length - 1
  while (s >= 0) {
    const c = short[s]?.toLowerCase()
    if (!alnum(c)) {
      s--
      continue
    }
    while ((l >= 0 && long[l]?.toLowerCase() !== c) || (s === 0 && l > 0 && alnum(long[l - 1]))) l--
    if (l < 0) return null
    l--
    s--
  }
  const found = long.slice(long.lastIndexOf(' ', l) + 1).replace(/^(?:the|a|an)\s+/i, '')
  const n = words(found).length
  const letters = short.replace(/[^\p{L}\p{N}]/gu, '').length
  if (n < 2 || n > Math.min(letters + 5, letters * 2)) return null
  if (new RegExp(`^(?:${JOINERS})\\b`, 'i').test(found)) return null
  return found
}

// An era after a year: "2300 B.C.", "AD 794" is read as a year, not as 2,300 billion.
const ERA = /\b(\d{1,4})\s*(B\.\s?C\.(?:\s?E\.)?|BCE|A\.\s?D\.|C\.\s?E\.)/g
// An ordinal of a century ("19th century") is part of a period's name, not a figure.
const CENTURY = /^\s*(?:and\s+\d+(?:st|nd|rd|th)\s+)?(?:centur|millenni)/i
// A list's number at the start of a sentence: "1. …", "(2) …", "3) …".
const LIST_NUMBER = /^\(?\d{1,3}[.)]\s/

// A number in words before what it counts: "twenty years", "four main islands".
const UNITS_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']
const TEENS = [
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
]
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']
const NUMBER_WORD = String.raw`(?:(?:${TENS.join('|')})(?:-(?:${UNITS_WORDS.join('|')}))?|${TEENS.join('|')}|${UNITS_WORDS.join('|')}|a hundred|one hundred)`
const WORDED = new RegExp(
  String.raw`\b(${NUMBER_WORD})\s+(?:(?:main|major|more|smaller|permanent|non-permanent|member|other|new|consecutive|successive|separate)\s+)?(years?|months?|weeks?|days?|hours?|members?|countries|nations|states|parties|islands|times|meetings|provinces|prefectures|seats|terms|rounds|sessions|articles|principles|pillars|centuries|decades)\b`,
  'gi',
)

// A rank in words before what it ranks: "the seventh nation", "the fourth Middle Eastern nation".
const ORDINAL_WORDS = `second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
  thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth`.split(
  /\s+/,
)
const WORDED_ORDINAL = new RegExp(
  String.raw`\bthe\s+(${ORDINAL_WORDS.join('|')})\s+(?:[\p{L}-]+\s+){0,2}?(?:nations?|country|countries|states?|members?|signatory|signatories|party|parties|times?|meetings?|sessions?|rounds?|summits?|conferences?|anniversary|largest|highest|biggest|longest|most)\b`,
  'giu',
)

/** The value of a number in words (NUMBER_WORD), or null. */
function wordValue(words: string): number | null {
  const w = words.toLowerCase()
  if (w.endsWith('hundred')) return 100
  const [tens, unit] = w.split('-')
  const t = TENS.indexOf(tens ?? '')
  if (t >= 0) return (t + 2) * 10 + (unit ? UNITS_WORDS.indexOf(unit) + 1 : 0)
  const teen = TEENS.indexOf(w)
  if (teen >= 0) return teen + 10
  const u = UNITS_WORDS.indexOf(w)
  return u >= 0 ? u + 1 : null
}

function figureBlanks(sentence: string): Blank[] {
  const out: Blank[] = []
  for (const m of sentence.matchAll(WORDED)) {
    const value = wordValue(m[1] ?? '')
    // "one" is as often "one of" as a count: only with a unit of time does it count.
    if (value === null || (value === 1 && !/^(?:year|month|week|day|hour)/i.test(m[2] ?? '')))
      continue
    out.push({
      start: m.index,
      end: m.index + (m[1] ?? '').length,
      text: m[1] ?? '',
      kind: 'figure',
      score: 0.6,
      figure: { value, unit: null },
    })
  }
  for (const m of sentence.matchAll(WORDED_ORDINAL)) {
    const word = m[1] ?? ''
    const start = m.index + m[0].indexOf(word, 3)
    out.push({
      start,
      end: start + word.length,
      text: word,
      kind: 'figure',
      score: 0.6,
      figure: { value: ORDINAL_WORDS.indexOf(word.toLowerCase()) + 2, unit: null, ordinal: true },
    })
  }
  const eras = [...sentence.matchAll(ERA)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    text: m[0],
  }))
  for (const e of eras) out.push({ ...e, kind: 'date', score: 0.8 })
  for (const q of quantitiesIn(sentence)) {
    if (eras.some((e) => q.index < e.end && e.start < q.index + q.raw.length)) continue
    if (q.ordinal && CENTURY.test(sentence.slice(q.index + q.raw.length))) continue
    if (q.index === 0 && LIST_NUMBER.test(sentence)) continue
    const isYear =
      q.unit === null && !q.ordinal && /^\d{4}$/.test(q.raw) && q.value >= 1500 && q.value <= 2100
    const start = q.index
    const end = q.index + q.raw.length
    if (isYear) {
      out.push({ start, end, text: q.raw, kind: 'date', score: 0.7, date: q.raw })
      continue
    }
    const qualifier = QUALIFIER.exec(sentence.slice(Math.max(0, start - 16), start))?.[0]?.trim()
    const scaled = /thousand|million|billion|trillion|[kmb]n?$/i.test(q.raw)
    const score = q.ordinal ? 0.6 : q.unit || scaled || qualifier ? 0.9 : q.value >= 10 ? 0.75 : 0.5
    out.push({
      start,
      end,
      text: q.raw,
      kind: 'figure',
      score,
      figure: {
        value: q.value,
        unit: q.unit,
        ...(q.ordinal ? { ordinal: true as const } : {}),
        ...(qualifier ? { qualifier } : {}),
      },
    })
  }
  return out
}

function dateBlanks(sentence: string): Blank[] {
  const out: Blank[] = []
  for (const m of sentence.matchAll(DATE)) {
    const month = MONTH_NAMES.indexOf(m[2] as (typeof MONTH_NAMES)[number]) + 1
    const day = m[1] ?? m[3]
    const iso = `${m[4]}-${String(month).padStart(2, '0')}${day ? `-${day.padStart(2, '0')}` : ''}`
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      kind: 'date',
      score: 0.85,
      date: iso,
    })
  }
  for (const m of sentence.matchAll(DAY_MONTH)) {
    const start = m.index
    const end = m.index + m[0].length
    if (out.some((d) => d.start < end && start < d.end)) continue
    out.push({ start, end, text: m[0], kind: 'date', score: 0.75 })
  }
  for (const m of sentence.matchAll(RANGE)) {
    const from = Number(m[1])
    const toRaw = m[2] ?? ''
    const to = toRaw.length === 2 ? Math.floor(from / 100) * 100 + Number(toRaw) : Number(toRaw)
    if (to <= from || to - from > 100) continue
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      kind: 'range',
      score: 0.8,
      date: String(from),
    })
  }
  return out
}

function acronymBlanks(sentence: string): Blank[] {
  const out: Blank[] = []
  for (const m of sentence.matchAll(ACRONYM_PAIR)) {
    const short = m[2] ?? ''
    const long = expansionOf(m[1] ?? '', short)
    if (!long) continue
    const longStart = m.index + (m[1] ?? '').length - long.length
    const shortStart = m.index + m[0].length - short.length - 1
    const acronym = { short, long }
    out.push(
      {
        start: longStart,
        end: longStart + long.length,
        text: long,
        kind: 'expansion',
        score: 0.9,
        acronym,
      },
      {
        start: shortStart,
        end: shortStart + short.length,
        text: short,
        kind: 'acronym',
        score: 0.85,
        acronym,
      },
    )
  }
  return out
}

const SCORE_OF_KIND: Record<EntityKind, number> = {
  agreement: 0.75,
  provision: 0.75,
  event: 0.7,
  person: 0.7,
  organization: 0.65,
  programme: 0.65,
  place: 0.55,
}
/** A name whose kind nothing says: worth less than a named kind, more than nothing. */
const UNNAMED_SCORE = 0.5

/**
 * What the NLP library knows of a name on its own: a person, place or organisation, "word"
 * for an English word ("Visit", "Background"), or null for a proper noun it does not know
 * ("Hokkaido"). Asked once per name and remembered: tagging every sentence was nine tenths
 * of the time a text took.
 */
const known = new Map<string, EntityKind | 'word' | null>()

/** Forgets what the NLP library was asked (a benchmark measures a text as if it came first). */
export function forgetKnownNames() {
  known.clear()
}
function nlpKnows(name: string): EntityKind | 'word' | null {
  const remembered = known.get(name)
  if (remembered !== undefined) return remembered
  const doc = nlp(name)
  let said: EntityKind | 'word' | null = doc.people().found
    ? 'person'
    : doc.places().found
      ? 'place'
      : doc.organizations().found
        ? 'organization'
        : null
  if (!said && !/\s/.test(name)) {
    // The library takes "Paektu-san" apart: its first part says.
    // Asked inside a sentence, as it stood: alone, any word is a sentence's first.
    const word = name.split('-')[0] ?? name
    const terms = (nlp(`They saw ${word} there.`).json() as { terms: { tags: string[] }[] }[])[0]
      ?.terms
    const tags = terms?.[2]?.tags ?? []
    if (tags.some((t) => t !== 'ProperNoun' && t !== 'Noun' && t !== 'Hyphenated')) said = 'word'
  }
  if (known.size > 50_000) known.clear()
  known.set(name, said)
  return said
}

function entityBlanks(sentence: string): Blank[] {
  const out: Blank[] = []
  // Whole names by rule; the NLP library's kind where no naming word gives one.
  for (const n of nameSpans(sentence)) {
    const library = n.kind ? null : nlpKnows(n.text)
    const kind = n.kind ?? (library === 'word' ? undefined : (library ?? undefined))
    // A sentence's first word is a name only if the library knows it as one; one capitalised
    // word of no known kind elsewhere ("Visit, Board, Search") only if it is no English word.
    if (n.unsure && !kind) continue
    if (!kind && !/\s/.test(n.text) && library === 'word') continue
    out.push({
      start: n.start,
      end: n.end,
      text: n.text,
      kind: 'entity',
      score: kind ? SCORE_OF_KIND[kind] : UNNAMED_SCORE,
      ...(kind ? { entity: kind } : {}),
    })
  }
  return out
}

/**
 * Whether a title is a headline, a sentence with its verb ("… Signs the Artemis Accords",
 * "Japan Launched Hayabusa2"), rather than a name ("Japan", "North Korea: weapons and
 * diplomacy"). Title case hides the verb from the NLP library, so it reads the title in lower
 * case; a word after an article is a noun or an adjective ("the annotated corpus").
 */
export function isHeadline(title: string): boolean {
  const lower = title.toLowerCase()
  const verbs = nlp(lower).match('(#PresentTense|#PastTense)').out('array') as string[]
  return verbs.some((v) => {
    const at = lower.indexOf(v)
    return /(?:s|ed)$/.test(v) && !/\b(?:the|a|an)\s+$/.test(lower.slice(0, at))
  })
}

/** Whether a blank is something to recall: not a stop word, not half the sentence. */
function worthABlank(b: Blank, sentence: string): boolean {
  const ws = words(b.text)
  const named = b.kind === 'entity' || b.kind === 'expansion'
  if (ws.length === 0 || ws.length > (named ? MAX_NAME_WORDS : MAX_BLANK_WORDS)) return false
  if (ws.every((w) => STOP_WORDS.has(w.toLowerCase().replace(/[^\p{L}']/gu, '')))) return false
  return b.text.length <= sentence.length * 0.6
}

const overlaps = (a: Blank, b: Blank) => a.start < b.end && b.start < a.end

/** The best blanks that do not overlap, in sentence order (an acronym pair kept together). */
function chooseBlanks(candidates: Blank[]): Blank[] {
  const ranked = [...candidates].sort(
    (a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start,
  )
  const chosen: Blank[] = []
  for (const b of ranked) {
    if (chosen.some((c) => overlaps(c, b))) continue
    chosen.push(b)
  }
  return chosen.sort((a, b) => a.start - b.start)
}

/** The sentence with each blank marked `{{cN::…}}`. */
export function clozeOf(sentence: string, blanks: readonly Blank[]): string {
  let out = ''
  let at = 0
  blanks.forEach((b, i) => {
    out += `${sentence.slice(at, b.start)}{{c${i + 1}::${b.text}}}`
    at = b.end
  })
  return out + sentence.slice(at)
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' })

// Abbreviations ICU's sentence rules end a sentence at: "the Japan-U.S. Alliance".
const ABBREVIATION =
  /(?:\b(?:U\.S|U\.K|U\.N|E\.U|e\.g|i\.e|etc|Mr|Mrs|Ms|Dr|Prof|No|Nos|St|vs|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Art|Arts|para)\.|(?:^|\s)[A-Z]\.)\s*$/

// Words that start a new sentence after an abbreviation ("… to the U.S. In relation to …");
// anything else continues it ("the Japan-U.S. Alliance").
const SENTENCE_START =
  /^(?:The|This|These|That|Those|In|It|Its|Japan|However|Furthermore|Moreover|Also|At|On|As|With|For|From|To|A|An|Since|While|After|Before|When|Through|Under|Based|Additionally|Meanwhile|Therefore|Such|There|They|We|He|She|Both|Each|Following|Regarding|Recently|Currently|Today)$/

/** A paragraph's sentences with where each starts (Intl.Segmenter, abbreviations rejoined). */
export function sentencesOf(text: string): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = []
  let pending: { start: number; end: number } | null = null
  for (const seg of segmenter.segment(text)) {
    const start: number = pending?.start ?? seg.index
    const end = seg.index + seg.segment.length
    const next = /^\s*([\p{L}\p{N}]+)/u.exec(text.slice(end))?.[1] ?? ''
    if (ABBREVIATION.test(seg.segment) && end < text.length && !SENTENCE_START.test(next)) {
      pending = { start, end }
      continue
    }
    pending = null
    const raw = text.slice(start, end)
    const lead = raw.length - raw.trimStart().length
    const trimmed = raw.trim()
    if (trimmed) out.push({ start: start + lead, text: trimmed })
  }
  if (pending) {
    const raw = text.slice(pending.start)
    if (raw.trim())
      out.push({ start: pending.start + raw.length - raw.trimStart().length, text: raw.trim() })
  }
  return out
}

/**
 * A blank grown to whole words (a hyphenated or dotted name whole: "Japan-U.S") and cut of
 * surrounding punctuation and a possessive "’s".
 */
function snapped(b: Blank, text: string): Blank {
  const alnum = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c)
  const joiner = (c: string | undefined) => c !== undefined && /[-.’']/u.test(c)
  let start = b.start
  let end = b.end
  while (
    start > 0 &&
    (alnum(text[start - 1]) || (joiner(text[start - 1]) && alnum(text[start - 2])))
  )
    start--
  while (
    end < text.length &&
    (alnum(text[end]) ||
      (joiner(text[end]) && alnum(text[end + 1]) && !startsWithLed(text.slice(end, end + 16))))
  )
    end++
  const t = text.slice(start, end)
  // A final dot stays on an abbreviation with dots inside ("U.S."), goes otherwise.
  const dotted = /\p{L}\.\p{L}/u.test(t)
  const trimmed = t
    .replace(/['’]s$/u, '')
    .replace(dotted ? /[\s"”’'),;:!?-]+$/u : /[\s"”’'),.;:!?-]+$/u, '')
    .replace(/^[\s"“‘'(-]+/u, '')
  const at = start + t.indexOf(trimmed)
  return { ...b, start: at, end: at + trimmed.length, text: trimmed }
}

/** A sentence's words, lower case, for telling near-duplicates apart. */
const wordSet = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])

/**
 * Proposals without near-duplicates: a sentence that asks the same blanks as one kept before
 * it, in words three quarters the same (a summary repeating its report, a caption its paragraph),
 * is left out; the better-ranked one stays.
 */
export function withoutNearDuplicates(ranked: readonly Proposal[]): Proposal[] {
  const kept: { p: Proposal; words: Set<string>; answers: string }[] = []
  for (const p of ranked) {
    const words = wordSet(p.sentence)
    const answers = p.blanks
      .map((b) => b.text.toLowerCase())
      .sort()
      .join('\n')
    const twin = kept.some((k) => {
      if (k.answers !== answers) return false
      let shared = 0
      for (const w of words) if (k.words.has(w)) shared++
      return shared / Math.max(1, new Set([...words, ...k.words]).size) >= 0.75
    })
    if (!twin) kept.push({ p, words, answers })
  }
  return kept.map((k) => k.p)
}

/**
 * Cloze proposals for a document: for each sentence, the figures (with units and qualifiers),
 * dates and year ranges, "Full Name (ACRONYM)" pairs both ways, and named people,
 * organisations, places and agreements it states, as blanks c1, c2, … of one note; a sentence
 * with nothing worth recalling makes none. An entity named in more than a fifth of the
 * paragraphs ("Japan" in a report on Japan's policy) is too common to ask.
 */
export function proposeCards(doc: SourceDocument, options: ProposeOptions = {}): Proposal[] {
  const minScore = options.minScore ?? 0
  const maxBlanks = options.maxBlanks ?? 8
  let told = 0
  const perBlock = doc.blocks.map((block, at) => {
    const fraction = at / doc.blocks.length
    if (options.onProgress && fraction - told >= 0.02) {
      told = fraction
      options.onProgress(fraction)
    }
    // Found once per paragraph (the NLP pass is the costly part), then shared out by sentence.
    const text = block.text
    const found = [...figureBlanks(text), ...dateBlanks(text), ...acronymBlanks(text)]
    return sentencesOf(text).map(({ start, text: sentence }) => {
      const end = start + sentence.length
      return {
        sentence,
        candidates: [
          ...found
            .filter((b) => b.start >= start && b.end <= end && b.text)
            .map((b) => ({ ...b, start: b.start - start, end: b.end - start })),
          // The NLP pass per sentence: on a whole paragraph it is slower and its offsets drift.
          ...entityBlanks(sentence).map((b) => snapped(b, sentence)),
        ].filter((b) => worthABlank(b, sentence)),
      }
    })
  })
  // How many paragraphs name each entity.
  const spread = new Map<string, number>()
  for (const sentences of perBlock) {
    const named = new Set(
      sentences.flatMap((s) => s.candidates.filter((b) => b.kind === 'entity').map((b) => b.text)),
    )
    for (const name of named) spread.set(name, (spread.get(name) ?? 0) + 1)
  }
  const common = Math.max(3, doc.blocks.length / 5)
  // The text's own subject ("Japan" in a profile of Japan) is in every other sentence: no card.
  // A headline ("Kingdom of Saudi Arabia Signs the Artemis Accords") names the news, not a
  // subject: its names are what the text is there to teach.
  const title = ` ${doc.title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `
  const headline = isHeadline(doc.title)
  const isSubject = (b: Blank) =>
    !headline &&
    b.kind === 'entity' &&
    title.includes(` ${b.text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `)
  const proposals: Proposal[] = []
  perBlock.forEach((sentences, blockIndex) => {
    const block = doc.blocks[blockIndex]
    if (!block) return
    sentences.forEach(({ sentence, candidates }, sentenceIndex) => {
      const kept = candidates.filter(
        (b) =>
          b.score >= minScore &&
          !isSubject(b) &&
          !(b.kind === 'entity' && (spread.get(b.text) ?? 0) > common),
      )
      const chosen = chooseBlanks(kept)
      if (chosen.length === 0) return
      // A sentence naming more than a note should hold is split into notes of even size, in
      // the sentence's order: ten people and their offices make two notes of five.
      const notes = Math.ceil(chosen.length / maxBlanks)
      const size = Math.ceil(chosen.length / notes)
      for (let n = 0; n < notes; n++) {
        const part = chosen.slice(n * size, (n + 1) * size)
        proposals.push({
          id: `p${blockIndex}-${sentenceIndex}${n ? `-${n + 1}` : ''}`,
          section: block.section,
          block: block.index,
          sentence,
          blanks: part,
          cloze: clozeOf(sentence, part),
          score: worth(part),
        })
      }
      const blanks = chosen
      // Beside the cloze, a question and its answer when the sentence defines a name.
      const definition = definitionIn(sentence, blanks)
      if (definition) {
        const term = blanks.find((b) => b.text === definition.term)
        proposals.push({
          id: `d${blockIndex}-${sentenceIndex}`,
          section: block.section,
          block: block.index,
          sentence,
          blanks: term ? [term] : [],
          cloze: definition.answer,
          score: Math.min(1, worth(blanks) + 0.05),
          definition,
        })
      }
    })
  })
  // Ranked within each section (sections stay in the document's order): what a reader must
  // know first, sentence order among equals.
  const order = new Map<string, number>()
  for (const p of proposals)
    if (!order.has(p.section.join('\n'))) order.set(p.section.join('\n'), order.size)
  return withoutNearDuplicates(
    proposals
      .map((p, i) => ({ p, i }))
      .sort(
        (a, b) =>
          (order.get(a.p.section.join('\n')) ?? 0) - (order.get(b.p.section.join('\n')) ?? 0) ||
          b.p.score - a.p.score ||
          a.i - b.i,
      )
      .map(({ p }) => p),
  )

  /**
   * How much a reader must know a sentence's facts: its best blank, a little more for each other
   * one, more for a name that recurs in the text (in 2 or more paragraphs, short of too common).
   */
  function worth(blanks: readonly Blank[]): number {
    const best = Math.max(...blanks.map((b) => b.score))
    const recurs = blanks.some((b) => b.kind === 'entity' && (spread.get(b.text) ?? 0) >= 2)
    return Math.min(1, best + 0.02 * (blanks.length - 1) + (recurs ? 0.1 : 0))
  }
}
