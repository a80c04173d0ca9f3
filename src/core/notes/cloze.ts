/**
 * Anki's cloze deletions: `{{c1::answer}}` or `{{c1::answer::hint}}`. A cloze note makes one
 * card per number; on that card the deletions with its number are hidden and the others
 * shown (https://docs.ankiweb.net/editing.html#cloze-deletion).
 */

const CLOZE = /\{\{c(\d+)::([\s\S]*?)(?:::([\s\S]*?))?\}\}/g

/** Which deletions a rendering hides: one card's number, or every one (a standard type's cloze filter). */
export type ClozeActive = number | 'all'

const isActive = (n: number, active: ClozeActive) => active === 'all' || n === active

/** The distinct cloze numbers in a text, ascending. */
export function clozeNumbers(text: string): number[] {
  const found = new Set<number>()
  for (const m of text.matchAll(CLOZE)) {
    const n = Number(m[1])
    if (n > 0) found.add(n)
  }
  return [...found].sort((a, b) => a - b)
}

/**
 * The number a new deletion gets across a note's fields, as Anki's editor numbers it: one
 * past the highest in use (Ctrl+Shift+C), or the highest itself (Ctrl+Alt+Shift+C, another
 * blank on the same card); 1 when there is none yet.
 */
export function nextClozeNumber(fields: readonly string[], same: boolean): number {
  const highest = Math.max(0, ...fields.flatMap(clozeNumbers))
  return same ? Math.max(1, highest) : highest + 1
}

/**
 * The text as a card shows it: on the front, active deletions become `[…]` (or `[hint]`);
 * on the back they are revealed. Inactive deletions show their text on both sides.
 */
export function renderCloze(text: string, active: ClozeActive, side: 'front' | 'back'): string {
  return text.replace(CLOZE, (_, n: string, answer: string, hint?: string) =>
    side === 'front' && isActive(Number(n), active) ? `[${hint ?? '…'}]` : answer,
  )
}

/** The text of the active deletions only, in order (Anki's `cloze-only` filter). */
export function clozeOnly(text: string, active: ClozeActive): string {
  return [...text.matchAll(CLOZE)]
    .filter((m) => isActive(Number(m[1]), active))
    .map((m) => m[2] ?? '')
    .join(', ')
}
