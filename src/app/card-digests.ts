import { noteIdOf, type CardRow } from './collection'
import { pendingKeys } from './change-log'
import type { CardDigestKey, CardDigestRow, StoreReads, StudyStore } from './store'

/**
 * Card digests (issue 11: the Sections screen and its mastery of a 10,000-card deck within
 * 100 ms). Reading every row of such a deck takes IndexedDB about that long by itself, most of
 * it cloning 18-field objects; the screen needs seven numbers of each card. So a deck whose
 * Sections screen was opened keeps, beside its cards, their digest: per block of 64
 * positions, one row holding those numbers column by column (157 rows for such a deck).
 * Blocks follow positions, not sections, so a row stays small however the deck is divided
 * (and an answer rewrites one small row: blocks of 256 cost it a quarter millisecond more).
 *
 * A deck's digest is made from its cards when first needed (`makeDigest`), with a row that
 * says it is complete; from then the change log keeps it (`keepDigests`, called by
 * `derived.ts` with each changed card before and after). A card written since the log was last
 * followed is read from its row (`deckCards`), so a digest is never read stale. A restore
 * clears it with everything else, and it is made again when next needed.
 */

/** What the Sections screen reads of a card. */
export interface DigestCard {
  id: string
  noteId: string
  sectionKey: string
  position: number
  queue: number
  state: number
  due: number
  stability: number
  /** Epoch ms, absent for a card never reviewed. */
  lastReview?: number
}

/** Positions per digest row. */
const BLOCK = 64

const keyOf = (c: Pick<CardRow, 'deckId' | 'position'>): CardDigestKey => [
  c.deckId,
  Math.floor(c.position / BLOCK),
]
const completeKey = (deckId: string): CardDigestKey => [deckId, -1]
const keyText = (k: CardDigestKey) => k.join('\u0000')

const emptyRow = ([deckId, block]: CardDigestKey): CardDigestRow => ({
  deckId,
  block,
  ids: [],
  sectionKey: [],
  position: [],
  queue: [],
  state: [],
  due: [],
  stability: [],
  lastReview: [],
})

function append(row: CardDigestRow, c: CardRow) {
  row.ids.push(c.id)
  row.sectionKey.push(c.sectionKey)
  row.position.push(c.position)
  row.queue.push(c.queue)
  row.state.push(c.state)
  row.due.push(c.due)
  row.stability.push(c.stability)
  row.lastReview.push(c.last_review ?? -1)
}

/** A copy of the row without the cards of `ids`. */
function without(row: CardDigestRow, ids: ReadonlySet<string>): CardDigestRow {
  const keep = row.ids.flatMap((id, i) => (ids.has(id) ? [] : [i]))
  const pick = <T>(column: T[]) => keep.map((i) => column[i] as T)
  return {
    ...row,
    ids: pick(row.ids),
    sectionKey: pick(row.sectionKey),
    position: pick(row.position),
    queue: pick(row.queue),
    state: pick(row.state),
    due: pick(row.due),
    stability: pick(row.stability),
    lastReview: pick(row.lastReview),
  }
}

/** The digest rows of some cards of one deck, with the row that says the digest is complete. */
function digestRows(deckId: string, cards: readonly CardRow[]): CardDigestRow[] {
  const rows = new Map<string, CardDigestRow>()
  for (const c of cards) {
    const key = keyOf(c)
    let row = rows.get(keyText(key))
    if (!row) rows.set(keyText(key), (row = emptyRow(key)))
    append(row, c)
  }
  return [emptyRow(completeKey(deckId)), ...rows.values()]
}

/** The cards of a digest's rows (its completeness row holds none). */
function cardsOf(rows: readonly CardDigestRow[]): DigestCard[] {
  const out: DigestCard[] = []
  for (const r of rows)
    r.ids.forEach((id, i) => {
      const lastReview = r.lastReview[i] ?? -1
      out.push({
        id,
        noteId: noteIdOf(id),
        sectionKey: r.sectionKey[i] ?? '',
        position: r.position[i] ?? 0,
        queue: r.queue[i] ?? 0,
        state: r.state[i] ?? 0,
        due: r.due[i] ?? 0,
        stability: r.stability[i] ?? 0,
        ...(lastReview >= 0 ? { lastReview } : {}),
      })
    })
  return out
}

/** What a digest keeps of a card row. */
export const digestCardOf = (c: CardRow): DigestCard => ({
  id: c.id,
  noteId: c.noteId,
  sectionKey: c.sectionKey,
  position: c.position,
  queue: c.queue,
  state: c.state,
  due: c.due,
  stability: c.stability,
  ...(c.last_review !== undefined ? { lastReview: c.last_review } : {}),
})

/**
 * Every card of a deck (retired and trashed ones too) as the Sections screen reads it: from
 * the deck's digest, with the cards written since the change log was last followed read from
 * their rows, or from every card row while it has none (or while the log is far behind). Only
 * reads; call inside a read transaction.
 */
export async function deckCards(store: StoreReads, deckId: string): Promise<DigestCard[]> {
  const [rows, pending] = await Promise.all([
    store.digestsOfDeck(deckId),
    pendingKeys(store, 'cards'),
  ])
  if (rows[0]?.block !== -1 || pending === null)
    return (await store.sectionCards(deckId, '')).map(digestCardOf)
  if (pending.size === 0) return cardsOf(rows)
  const ids = [...pending] as string[]
  const current = await store.getCards(ids)
  const cards = cardsOf(rows).filter((c) => !pending.has(c.id))
  for (const c of current) if (c?.deckId === deckId) cards.push(digestCardOf(c))
  return cards.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1))
}

/**
 * Makes a deck's digest from its cards if it has none (the Sections screen asks on opening),
 * so `deckCards` reads the digest from then on. Returns whether it made one.
 */
export async function makeDigest(store: StudyStore, deckId: string): Promise<boolean> {
  // Made from the cards as they are: the change log's later upkeep of the same cards removes
  // and adds their entries again, which leaves them as they are.
  // Most openings find it made: one row read, and no write transaction to hold up the screen's.
  const [complete] = await store.read(() => store.getDigests([completeKey(deckId)]))
  if (complete) return false
  return store.transaction(async () => {
    const [rows, cards] = await Promise.all([
      store.digestsOfDeck(deckId),
      store.sectionCards(deckId, ''),
    ])
    if (rows[0]?.block === -1) return false
    await store.deleteDigests(rows.map((r) => [r.deckId, r.block] as const))
    await store.putDigests(digestRows(deckId, cards))
    return true
  }, ['cards', 'digests'])
}

/** Whether two writes of a card leave its digest entry as it was. */
const sameEntry = (a: CardRow, b: CardRow | undefined) =>
  b !== undefined &&
  a.deckId === b.deckId &&
  a.sectionKey === b.sectionKey &&
  a.position === b.position &&
  a.queue === b.queue &&
  a.state === b.state &&
  a.due === b.due &&
  a.stability === b.stability &&
  a.last_review === b.last_review

/**
 * Brings the digests of the decks that have one up to date with card writes: `before[i]` is
 * the row as it was (undefined for a new card), `after[i]` as it is now (undefined when gone).
 * Call inside a write transaction.
 */
export async function keepDigests(
  store: StudyStore,
  before: readonly (CardRow | undefined)[],
  after: readonly (CardRow | undefined)[],
) {
  const changed = after.flatMap((row, i) => {
    const old = before[i]
    if (old ? sameEntry(old, row) : !row) return []
    return [{ old, row }]
  })
  if (changed.length === 0) return
  const both = ({ old, row }: { old?: CardRow; row?: CardRow }) =>
    [old, row].flatMap((c) => (c ? [c] : []))
  const decks = [...new Set(changed.flatMap(both).map((c) => c.deckId))]
  // The rows a change may touch and each deck's completeness row, in one read: only decks
  // with a complete digest keep one.
  const touched = [
    ...new Map(
      changed
        .flatMap(both)
        .map(keyOf)
        .map((k) => [keyText(k), k]),
    ).values(),
  ]
  const read = await store.getDigests([...decks.map(completeKey), ...touched])
  const kept = new Set(decks.filter((_, i) => read[i]))
  if (kept.size === 0) return
  const stored = new Map(touched.map((k, i) => [keyText(k), read[decks.length + i]]))
  const edits = new Map<
    string,
    { key: CardDigestKey; remove: Set<string>; add: Map<string, CardRow> }
  >()
  const edit = (key: CardDigestKey) => {
    let e = edits.get(keyText(key))
    if (!e) edits.set(keyText(key), (e = { key, remove: new Set(), add: new Map() }))
    return e
  }
  for (const { old, row } of changed) {
    if (old && kept.has(old.deckId)) edit(keyOf(old)).remove.add(old.id)
    if (row && kept.has(row.deckId)) {
      const e = edit(keyOf(row))
      e.remove.add(row.id)
      e.add.set(row.id, row)
    }
  }
  const put: CardDigestRow[] = []
  const gone: CardDigestKey[] = []
  for (const { key, remove, add } of edits.values()) {
    const next = without(stored.get(keyText(key)) ?? emptyRow(key), remove)
    for (const c of add.values()) append(next, c)
    if (next.ids.length === 0) gone.push(key)
    else put.push(next)
  }
  await Promise.all([
    put.length ? store.putDigests(put) : undefined,
    gone.length ? store.deleteDigests(gone) : undefined,
  ])
}
