import type { Query } from './query'
import { DAY_MS } from '../units'

/** What a search looks at for one card: its state, its note's text and tags, its deck. */
export interface SearchItem {
  cardId: string
  deckName: string
  /** The note type's name. */
  noteType: string
  tags: readonly string[]
  /** Every field of the note as plain text, lower-cased, joined by a space. */
  text: string
  /** The card's queue (0 new, 1 learning, 2 review, −2 suspended, −3 buried). */
  queue: number
  /** ts-fsrs state (0 new, 1 learning, 2 review, 3 relearning). */
  state: number
  flag: number
  due: number
  scheduledDays: number
  reps: number
  lapses: number
  stability: number
  difficulty: number
  /** When its note was added (epoch ms), if known. */
  addedAt: number | null
}

export interface SearchContext {
  now: number
  /** The current study day's start and end (epoch ms). */
  dayStart: number
  dayEnd: number
  /** Cards answered in the last `days` study days (with `grade`, if given). */
  ratedSince: (days: number, grade: number | null) => ReadonlySet<string>
}

/** A name pattern where `*` stands for anything, matched whole and without case. */
function pattern(text: string): RegExp {
  const escaped = text.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')
  return new RegExp(`^${escaped}$`, 'i')
}

/** Whether `name` is `wanted` or nested inside it (`Parent::Child`), `*` a wildcard. */
export const withinName = (name: string, wanted: string) => {
  const p = pattern(wanted)
  const parts = name.split('::')
  return parts.some((_, i) => p.test(parts.slice(0, i + 1).join('::')))
}

function compare(a: number, op: string, b: number): boolean {
  switch (op) {
    case '=':
      return a === b
    case '!=':
      return a !== b
    case '<':
      return a < b
    case '<=':
      return a <= b
    case '>':
      return a > b
    default:
      return a >= b
  }
}

/** Whether a card matches a parsed search. */
export function matchesQuery(q: Query, item: SearchItem, ctx: SearchContext): boolean {
  switch (q.kind) {
    case 'and':
      return q.items.every((x) => matchesQuery(x, item, ctx))
    case 'or':
      return q.items.some((x) => matchesQuery(x, item, ctx))
    case 'not':
      return !matchesQuery(q.item, item, ctx)
    case 'text':
      return item.text.includes(q.text.toLowerCase())
    case 'deck':
      return withinName(item.deckName, q.name)
    case 'note':
      return item.noteType.toLowerCase() === q.name.toLowerCase()
    case 'tag':
      return item.tags.some((t) => withinName(t, q.tag))
    case 'flag':
      return item.flag === q.flag
    case 'added':
      return item.addedAt !== null && item.addedAt >= ctx.dayEnd - q.days * DAY_MS
    case 'rated':
      return ctx.ratedSince(q.days, q.grade).has(item.cardId)
    case 'is':
      switch (q.what) {
        case 'new':
          return item.queue === 0
        case 'learn':
          return item.queue === 1
        case 'review':
          return item.state === 2 || item.state === 3
        case 'due':
          return (
            (item.queue === 2 && item.due < ctx.dayEnd) || (item.queue === 1 && item.due <= ctx.now)
          )
        case 'suspended':
          return item.queue === -2
        case 'buried':
          return item.queue === -3
        case 'leech':
          return item.tags.some((t) => t.toLowerCase() === 'leech')
      }
      return false
    case 'prop': {
      if (item.state === 0) return false
      const value =
        q.prop === 'ivl'
          ? item.scheduledDays
          : q.prop === 'due'
            ? Math.floor((item.due - ctx.dayStart) / DAY_MS)
            : q.prop === 'reps'
              ? item.reps
              : q.prop === 'lapses'
                ? item.lapses
                : q.prop === 's'
                  ? item.stability
                  : item.difficulty
      return compare(value, q.op, q.value)
    }
  }
}
