import { numberFromWords } from './number-words'

/** Currencies and the percent sign are checked; other units (people, missions…) are labels. */
export type QuantityUnit = 'USD' | 'JPY' | 'percent' | null

/** A number found in text, with its scale applied ("52.5 million" → 52 500 000). */
export interface Quantity {
  value: number
  unit: QuantityUnit
  /** True for "13th", "62nd": the number names a position, not an amount. */
  ordinal: boolean
  raw: string
  index: number
}

const SCALE: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  mn: 1e6,
  m: 1e6,
  mil: 1e6,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  trillion: 1e12,
  tn: 1e12,
}

// prefix currency · number · ordinal suffix · scale · suffix unit
const QUANTITY = new RegExp(
  String.raw`(?<pre>US\s?\$|U\.S\.\s?\$|\$|¥|USD\s?|JPY\s?)?` +
    String.raw`(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)` +
    String.raw`(?<ord>st|nd|rd|th)?` +
    String.raw`(?:\s*(?<scale>thousand|million|billion|trillion|mil|mn|bn|tn|[kmb])(?![a-z]))?` +
    String.raw`(?:\s*(?<post>US\s?dollars?|U\.S\.\s?dollars?|dollars?|USD|Japanese\s+yen|yen|JPY|%|percent|per\s?cent))?`,
  'gi',
)

function unitOf(pre: string | undefined, post: string | undefined): QuantityUnit {
  const u = `${pre ?? ''} ${post ?? ''}`.toLowerCase()
  if (/\$|usd|dollar/.test(u)) return 'USD'
  if (/¥|jpy|yen/.test(u)) return 'JPY'
  if (/%|percent|per ?cent/.test(u)) return 'percent'
  return null
}

function toQuantity(m: RegExpExecArray): Quantity | null {
  const g = m.groups ?? {}
  const num = g['num']
  if (num === undefined) return null
  const scale = g['scale'] ? (SCALE[g['scale'].toLowerCase()] ?? 1) : 1
  // Round away binary noise: 52.5 × 1e6 must equal 52 500 000 exactly.
  const value = Number((Number(num.replace(/,/g, '')) * scale).toPrecision(12))
  return {
    value,
    unit: unitOf(g['pre'], g['post']),
    ordinal: Boolean(g['ord']),
    raw: m[0].trim(),
    index: m.index,
  }
}

/** Every quantity written in running text, with its position. */
export function quantitiesIn(text: string): Quantity[] {
  const found: Quantity[] = []
  for (const m of text.matchAll(QUANTITY)) {
    const before = text[m.index - 1] ?? ' '
    const after = text[m.index + m[0].length] ?? ' '
    // Not a figure: part of a name or code (G20, 5G, P-3C, RWASAT-1, A/RES/70/262), a footnote
    // marker (award3, (CSIRT)5), an enumerator "(1)" or a "2+2".
    if (/[\p{L}\d.\-/+*)]/u.test(before) && !m.groups?.['pre']) continue
    if (/[\p{L}\d+(]/u.test(after) || (before === '(' && after === ')')) continue
    const q = toQuantity(m as RegExpExecArray)
    if (q) found.push(q)
  }
  return found
}

/** Small numbers in words, indexed by their value. */
export const CARDINAL_WORDS =
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'.split(
    ' ',
  )
export const ORDINAL_WORDS =
  '- first second third fourth fifth sixth seventh eighth ninth tenth'.split(' ')

/**
 * A typed number in the form the quantity reader expects: a decimal comma ("5,3M", "52,5
 * million": a comma followed by one or two digits) becomes a point, and dots grouping
 * thousands European-style ("52.500.000", two groups or more) are dropped. "5,300" stays five
 * thousand three hundred, as English writes it.
 */
function normalizeTypedNumber(text: string): string {
  return text
    .replace(/\b(\d{1,3}(?:\.\d{3}){2,})(?:,(\d+))?\b/g, (_, int: string, dec?: string) =>
      dec ? `${int.replace(/\./g, '')}.${dec}` : int.replace(/\./g, ''),
    )
    .replace(/(\d),(\d{1,2})(?!\d)/g, '$1.$2')
}

/**
 * The one quantity a typed answer states, or null when it states none or several
 * ("52.5 million", "$52.5M", "$52,5M", "52,500,000 US dollars", "US$52.5 million",
 * "thirteen", "five point three million dollars").
 */
export function parseQuantity(input: string): Quantity | null {
  let text = input
    .trim()
    .replace(
      /^(?:about|approx(?:imately|\.)?|around|roughly|some|over|more than|nearly|almost|~)\s*/i,
      '',
    )
  if (!/\d/.test(text)) {
    const word = /^(?:the\s+)?([a-z]+)\b/i.exec(text)?.[1]?.toLowerCase()
    const ordinal = word ? ORDINAL_WORDS.indexOf(word) : -1
    if (word && ordinal > 0)
      return { value: ordinal, unit: null, ordinal: true, raw: word, index: 0 }
    const spelled = numberFromWords(text)
    if (spelled) text = `${spelled.value} ${spelled.rest}`.trim()
  }
  const all = [...normalizeTypedNumber(text).matchAll(QUANTITY)]
    .map((m) => toQuantity(m as RegExpExecArray))
    .filter((q) => q !== null)
  return all.length === 1 ? (all[0] ?? null) : null
}
