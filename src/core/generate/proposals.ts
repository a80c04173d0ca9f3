import nlp from 'compromise'
import { MONTH_NAMES } from '../answers/dates'
import { quantitiesIn, type QuantityUnit } from '../answers/quantity'
import type { SourceDocument } from './document'

/** What a blank hides. */
export type BlankKind = 'figure' | 'date' | 'range' | 'acronym' | 'expansion' | 'entity'
export type EntityKind = 'person' | 'place' | 'organization' | 'agreement'

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
}

export interface ProposeOptions {
  /** Blanks scoring below this are not proposed (0–1; default 0). */
  minScore?: number
  /** At most this many blanks per sentence, the best ones (default 8). */
  maxBlanks?: number
}

/** Blanks longer than this many words are half a sentence, not a thing to recall. */
export const MAX_BLANK_WORDS = 8

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
const RANGE = /\b((?:1[5-9]|20)\d\d)\s*[-–—]\s*((?:1[5-9]|20)?\d\d)\b/g

// "Full Name (ACRONYM)": a run of capitalised words (with small joining words), then an
// upper-case short form in brackets.
const JOINERS = 'of|the|and|for|on|in|to|&|de|du|des|la|le|against|between|at'
const ACRONYM_PAIR = new RegExp(
  String.raw`((?:[\p{Lu}][\p{L}\p{N}’'\-.]*)(?:\s+(?:[\p{Lu}][\p{L}\p{N}’'\-.]*|${JOINERS}))*)\s+\(([\p{Lu}][\p{L}\p{N}&\-]{1,14})\)`,
  'gu',
)

// Named agreements, programmes and the like: capitalised words ending with a word that says so.
const AGREEMENT = new RegExp(
  String.raw`\b(?:[\p{Lu}\d][\p{L}\p{N}’'\-]*\s+(?:(?:${JOINERS})\s+)?)+(?:Treaty|Convention|Agreement|Protocol|Resolution|Initiative|Programme|Program|Strategy|Act|Guidelines|Declaration|Charter|Partnership|Dialogue|Outlook|Statement|Framework|Mechanism|Conference|Summit|Forum|Code of Conduct|Plan)\b`,
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

function figureBlanks(sentence: string): Blank[] {
  const out: Blank[] = []
  for (const q of quantitiesIn(sentence)) {
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

type Offset = { text: string; offset: { start: number; length: number } }

function entityBlanks(sentence: string): Blank[] {
  const out: Blank[] = []
  const doc = nlp(sentence)
  const add = (list: Offset[], entity: EntityKind, score: number) => {
    for (const e of list) {
      const raw = sentence.slice(e.offset.start, e.offset.start + e.offset.length)
      const text = raw.replace(/^[\s"“‘'(]+|[\s"”’'),.;:!?]+$/g, '')
      if (!text) continue
      const start = e.offset.start + raw.indexOf(text)
      out.push({ start, end: start + text.length, text, kind: 'entity', score, entity })
    }
  }
  add(doc.people().out('offset') as Offset[], 'person', 0.65)
  add(doc.organizations().out('offset') as Offset[], 'organization', 0.65)
  add(doc.places().out('offset') as Offset[], 'place', 0.55)
  for (const m of sentence.matchAll(AGREEMENT)) {
    const text = m[0].replace(/^(?:The|the|This|A|An)\s+/, '')
    const start = m.index + m[0].length - text.length
    out.push({
      start,
      end: m.index + m[0].length,
      text,
      kind: 'entity',
      score: 0.75,
      entity: 'agreement',
    })
  }
  return out
}

/** Whether a blank is something to recall: not a stop word, not half the sentence. */
function worthABlank(b: Blank, sentence: string): boolean {
  const ws = words(b.text)
  if (ws.length === 0 || ws.length > MAX_BLANK_WORDS) return false
  if (ws.every((w) => STOP_WORDS.has(w.toLowerCase().replace(/[^\p{L}']/gu, '')))) return false
  return b.text.length <= sentence.length * 0.6
}

const overlaps = (a: Blank, b: Blank) => a.start < b.end && b.start < a.end

/** The best blanks that do not overlap, in sentence order (an acronym pair kept together). */
function chooseBlanks(candidates: Blank[], max: number): Blank[] {
  const ranked = [...candidates].sort(
    (a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start,
  )
  const chosen: Blank[] = []
  for (const b of ranked) {
    if (chosen.length >= max) break
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
  /(?:\b(?:U\.S|U\.K|U\.N|E\.U|e\.g|i\.e|etc|Mr|Mrs|Ms|Dr|Prof|No|Nos|St|vs|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Art|Arts|para)\.)\s*$/

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
  while (end < text.length && (alnum(text[end]) || (joiner(text[end]) && alnum(text[end + 1]))))
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
  const perBlock = doc.blocks.map((block) => {
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
  const proposals: Proposal[] = []
  perBlock.forEach((sentences, blockIndex) => {
    const block = doc.blocks[blockIndex]
    if (!block) return
    sentences.forEach(({ sentence, candidates }, sentenceIndex) => {
      const kept = candidates.filter(
        (b) => b.score >= minScore && !(b.kind === 'entity' && (spread.get(b.text) ?? 0) > common),
      )
      const blanks = chooseBlanks(kept, maxBlanks)
      if (blanks.length === 0) return
      proposals.push({
        id: `p${blockIndex}-${sentenceIndex}`,
        section: block.section,
        block: block.index,
        sentence,
        blanks,
        cloze: clozeOf(sentence, blanks),
        score: Math.max(...blanks.map((b) => b.score)),
      })
    })
  })
  return proposals
}
