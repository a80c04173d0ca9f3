import { visit } from 'jsonc-parser'

/** Limits on a deck file, so one hostile or broken file cannot stall or crash loading. */
export const DECK_LIMITS = {
  /** Characters of JSON text (the loader also checks bytes on disk before reading). */
  maxChars: 16 * 1024 * 1024,
  /** Nesting of objects and arrays; a real deck needs four. */
  maxDepth: 32,
  maxFacts: 50_000,
} as const

/** Where the text first nests deeper than `max`, found without recursion; null when it does not. */
export function tooDeepAt(text: string, max: number): number | null {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92 /* \ */) i++
      else if (c === 34 /* " */) inString = false
    } else if (c === 34) inString = true
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) return i
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--
  }
  return null
}

/**
 * The first key that appears twice in one object (JSON.parse would silently keep the last),
 * with where it is and its path; null when there is none. Call only on text within the depth
 * limit: the scan recurses per level.
 */
export function duplicateKey(
  text: string,
): { offset: number; path: (string | number)[]; key: string } | null {
  const stack: Set<string>[] = []
  let found: { offset: number; path: (string | number)[]; key: string } | null = null
  visit(text, {
    onObjectBegin: () => {
      stack.push(new Set())
    },
    onObjectEnd: () => {
      stack.pop()
    },
    onObjectProperty: (key, offset, _length, _line, _column, pathSupplier) => {
      const keys = stack.at(-1)
      if (!found && keys?.has(key)) found = { offset, path: [...pathSupplier(), key], key }
      keys?.add(key)
    },
  })
  return found
}
