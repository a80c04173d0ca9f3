/**
 * English numbers written in words, as a candidate may type them: "thirteen", "two hundred
 * and twelve", "fifty-two and a half million", "five point three million", "a billion".
 *
 * Written here rather than taken from a library: compromise and words-to-numbers were tried
 * (issue 6) and neither reads decimals spoken with "point" or "and a half".
 */

const SMALL: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
}
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
}
const SCALES: Record<string, number> = {
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
}

/** A number read from the start of a text, and the text after it ("dollars", "%"). */
export interface WordsNumber {
  value: number
  rest: string
}

/**
 * Reads a number written in words at the start of `text`; null when the text does not start
 * with one. Digits are left alone (the quantity reader handles them).
 */
export function numberFromWords(text: string): WordsNumber | null {
  const tokens = text.trim().split(/[\s-]+/)
  let total = 0
  let current = 0
  let used = 0
  let read = false
  for (let i = 0; i < tokens.length; i++) {
    const t = (tokens[i] ?? '').toLowerCase()
    const next = (tokens[i + 1] ?? '').toLowerCase()
    if (t in SMALL) current += SMALL[t] ?? 0
    else if (t in TENS) current += TENS[t] ?? 0
    else if (t === 'hundred' && read) current = (current || 1) * 100
    else if (t in SCALES) {
      total += (current || 1) * (SCALES[t] ?? 1)
      current = 0
    } else if (t === 'a' && (next in SCALES || next === 'hundred')) current += 0
    else if (t === 'and' && read && next === 'a' && tokens[i + 2]?.toLowerCase() === 'half') {
      current += 0.5
      i += 2
    } else if (t === 'and' && read && (next in SMALL || next in TENS)) continue
    else if (t === 'point' && read && (tokens[i + 1] ?? '').toLowerCase() in SMALL) {
      let digits = ''
      while ((SMALL[(tokens[i + 1] ?? '').toLowerCase()] ?? 10) < 10) {
        digits += String(SMALL[(tokens[++i] ?? '').toLowerCase()])
      }
      current += Number(`0.${digits}`)
    } else break
    read = true
    used = i + 1
  }
  if (!read) return null
  return {
    value: Number((total + current).toPrecision(12)),
    rest: tokens.slice(used).join(' '),
  }
}
