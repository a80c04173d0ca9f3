import { plainText } from '../core/notes/render-template'
import { matchesQuery, withinName, type SearchContext, type SearchItem } from '../core/search/match'
import { parseQuery, type Query } from '../core/search/query'
import { Queue, type CardRow, type NoteRow } from './collection'
import { deckTree, type DeckNode } from './deck-tree'
import type { Settings } from './settings'
import type { StudyStore } from './store'
import { studyDayAt } from './study-queue'

/** One card found: what the browser shows of it. */
export interface FoundCard {
  card: CardRow
  note: NoteRow
  deckName: string
  /** The note's first field as plain text (the browser's "sort field"). */
  sortField: string
}

export type SearchResult =
  | { ok: true; total: number; cards: FoundCard[] }
  | { ok: false; error: { message: string; at: number } }

const DAY = 86_400_000

/** The `deck:` names a query requires at its top level (so only those decks are read). */
function requiredDecks(q: Query): string[] | null {
  if (q.kind === 'deck') return [q.name]
  if (q.kind === 'and') {
    for (const item of q.items) {
      const names = requiredDecks(item)
      if (names) return names
    }
  }
  return null
}

/** Every `rated:` term, so their answer logs are read once. */
function ratedTerms(q: Query): { days: number; grade: number | null }[] {
  if (q.kind === 'rated') return [{ days: q.days, grade: q.grade }]
  if (q.kind === 'and' || q.kind === 'or') return q.items.flatMap(ratedTerms)
  if (q.kind === 'not') return ratedTerms(q.item)
  return []
}

/**
 * The cards a search finds, in deck then note order, the first `limit` of them with the total.
 * Decks in the trash and notes in the trash are left out; retired cards too. A malformed
 * search is an error with its place.
 */
export async function searchCards(
  store: StudyStore,
  input: string,
  settings: Settings,
  now: Date,
  limit = 200,
): Promise<SearchResult> {
  const parsed = parseQuery(input)
  if (!parsed.ok) return parsed
  const { query } = parsed
  const day = studyDayAt(settings, now)
  return store.read(async () => {
    const flat = (nodes: DeckNode[]): DeckNode[] => nodes.flatMap((n) => [n, ...flat(n.children)])
    let decks = flat(deckTree(await store.listDecks())).map((n) => n.deck)
    const only = requiredDecks(query)
    if (only) decks = decks.filter((d) => only.every((name) => withinName(d.name, name)))
    const rated = new Map<string, Set<string>>()
    for (const { days, grade } of ratedTerms(query)) {
      const since = day.end.getTime() - days * DAY
      const ids = new Set(
        (await store.logsSince(since))
          .filter((l) => grade === null || l.rating === grade)
          .map((l) => l.cardId),
      )
      rated.set(`${days}:${grade}`, ids)
    }
    const ctx: SearchContext = {
      now: now.getTime(),
      dayStart: day.start.getTime(),
      dayEnd: day.end.getTime(),
      ratedSince: (days, grade) => rated.get(`${days}:${grade}`) ?? new Set(),
    }
    const found: FoundCard[] = []
    let total = 0
    for (const deck of decks) {
      const [cards, notes] = await Promise.all([
        store.sectionCards(deck.id, ''),
        store.notesOfDeck(deck.id),
      ])
      const noteOf = new Map(notes.map((n) => [n.id, n]))
      // Cards moved here from another deck's note: their notes are read one by one.
      for (const c of cards)
        if (!noteOf.has(c.noteId)) {
          const n = await store.getNote(c.noteId)
          if (n) noteOf.set(n.id, n)
        }
      cards.sort((a, b) => a.position - b.position || a.ord - b.ord)
      for (const card of cards) {
        const note = noteOf.get(card.noteId)
        if (!note || note.deletedAt !== undefined || card.queue === Queue.Retired) continue
        const values = Object.values(note.fields).map(plainText)
        const item: SearchItem = {
          cardId: card.id,
          deckName: deck.name,
          tags: note.tags,
          text: values.join(' ').toLowerCase(),
          queue: card.queue,
          state: card.state,
          flag: card.flag ?? 0,
          due: card.due,
          scheduledDays: card.scheduled_days,
          reps: card.reps,
          lapses: card.lapses,
          stability: card.stability,
          difficulty: card.difficulty,
          addedAt: note.createdAt ?? null,
        }
        if (!matchesQuery(query, item, ctx)) continue
        total++
        if (found.length < limit)
          found.push({ card, note, deckName: deck.name, sortField: values[0] ?? '' })
      }
    }
    return { ok: true, total, cards: found }
  })
}
