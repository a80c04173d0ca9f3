import { groupBy } from '../core/group-by'
import type { NoteType } from '../core/notes/note-types'
import { plainText } from '../core/notes/render-template'
import { matchesQuery, withinName, type SearchContext, type SearchItem } from '../core/search/match'
import { parseQuery, type Query } from '../core/search/query'
import { Queue, type CardRow, type NoteRow } from './collection'
import { deckTree, type DeckNode } from './deck-tree'
import { noteTypes } from './note-types'
import type { Settings } from './settings'
import { studyDayAt } from './study-queue'
import type { Collection } from './collection-writes'
import { DAY_MS } from '../core/units'

/** One card found: what the browser shows of it. */
export interface FoundCard {
  card: CardRow
  note: NoteRow
  deckName: string
  /** The note's first field as plain text (the browser's "sort field"). */
  sortField: string
  noteType: string
  /** Which of the note's cards: its template's name, or "Cloze 2". */
  cardName: string
}

/** A card's name as Anki's browser shows it in its Card column. */
function cardNameOf(type: NoteType | undefined, ord: number): string {
  if (type?.kind === 'cloze') return `Cloze ${ord + 1}`
  return type?.templates[ord]?.name ?? `Card ${ord + 1}`
}

export type SearchResult =
  | {
      ok: true
      /** How many cards match; when the search stopped at `limit`, at least this many. */
      total: number
      /** False when the search stopped once it had `limit` cards (`total` is then a floor). */
      complete: boolean
      cards: FoundCard[]
    }
  | { ok: false; error: { message: string; at: number } }

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
  store: Collection,
  input: string,
  settings: Settings,
  now: Date,
  limit = 200,
  /** Stop at `limit` cards instead of counting every match (the first rows, fast). */
  stopAtLimit = false,
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
      const since = day.end.getTime() - days * DAY_MS
      const ids = new Set(
        (await store.logsSince(since))
          // Rows that are not answers (rating 0: rescheduled, previews) are not ratings, as in Anki.
          .filter((l) => (grade === null ? l.rating >= 1 : l.rating === grade))
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
    // Each note type's sort field by name (Anki's `sortf`; the first field unless it says).
    const types = new Map((await noteTypes(store)).map((t) => [t.id, t]))
    const sortFieldName = new Map(
      [...types.values()].map((t) => [t.id, t.fields[t.sortField ?? 0] ?? t.fields[0]]),
    )
    const sortTextOf = (note: NoteRow, plainValues: readonly string[]) => {
      const name = sortFieldName.get(note.typeId)
      const value = name === undefined ? undefined : note.fields[name]
      return value === undefined ? (plainValues[0] ?? '') : plainText(value)
    }
    const found: FoundCard[] = []
    let total = 0
    // Notes are read a page at a time in deck order, with their cards: the first rows come
    // after a page or two, whatever the size of the collection.
    const PAGE = 400
    scan: for (const deck of decks) {
      for (let from = -Infinity; ;) {
        const notes = await store.notesPage(deck.id, from, PAGE)
        if (notes.length === 0) break
        const first = notes[0]?.position ?? 0
        const cards = await store.cardsByPositionRange(
          deck.id,
          first,
          notes.at(-1)?.position ?? first,
        )
        const byNote = groupBy(cards, (c) => c.noteId)
        for (const note of notes) {
          if (note.deletedAt !== undefined) continue
          const values = Object.values(note.fields).map(plainText)
          const text = values.join(' ').toLowerCase()
          const own = (byNote.get(note.id) ?? []).sort((a, b) => a.ord - b.ord)
          const type = types.get(note.typeId)
          for (const card of own) {
            if (card.queue === Queue.Retired) continue
            const item: SearchItem = {
              cardId: card.id,
              deckName: deck.name,
              noteType: type?.name ?? note.typeId,
              tags: note.tags,
              text,
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
              found.push({
                card,
                note,
                deckName: deck.name,
                sortField: sortTextOf(note, values),
                noteType: item.noteType,
                cardName: cardNameOf(type, card.ord),
              })
            else if (stopAtLimit) break scan
          }
        }
        const last = notes.at(-1)
        if (notes.length < PAGE || !last) break
        from = last.position + 1
      }
    }
    if (stopAtLimit && total > found.length)
      return { ok: true, total: found.length, complete: false, cards: found }
    return { ok: true, total, complete: true, cards: found }
  })
}
