import { keepDigests } from './card-digests'
import {
  FOLLOW_ROWS,
  compactedRow,
  cursorRow,
  derivedCursor,
  logMarks,
  stripBefore,
} from './change-log'
import type { CardRow, ReviewLogRow } from './collection'
import type { ChangeRow, StoreReads, StoreTable, StudyStore, TallyKey, TallyRow } from './store'
import { dayIndexer } from './study-queue'
import {
  RULE_KEY,
  TallyChanges,
  countTallies,
  countedIn,
  ruleForWriting,
  sameRule,
  type TallyRule,
} from './tallies'

/**
 * The derived tables — kept counts (`tallies.ts`) and card digests (`card-digests.ts`) — follow
 * the change log instead of being written with every card and log: an answer's transaction
 * writes the card, the log and one change row, and the derived tables are brought up to date
 * after it commits (`followChanges`), in a transaction of their own that also moves their
 * cursor. A crash between the two leaves the cursor behind, and the next follow (at start,
 * after the next write, before the statistics) does the work; nothing is counted twice,
 * because the counts and the cursor are written together.
 *
 * What a stretch of the log did to a card or a log is the row as it was before the stretch's
 * first change to it (the change row holds it) against the row as it is now: so following
 * many changes is one read of the rows they touched, whatever happened in between.
 */

/** Card and log keys past which following the log reads too much for one transaction. */
const FOLLOW_KEYS = 20_000

/** The tables following the log touches. */
export const FOLLOW_SCOPE: readonly StoreTable[] = [
  'decks',
  'cards',
  'revlog',
  'tallies',
  'digests',
  'changes',
]

/**
 * Brings the derived tables up to date with the change log. Returns whether there was anything
 * to follow, and whether the log's compaction is behind the cursor (`compactChanges` catches
 * it up).
 */
export async function followChanges(
  raw: StudyStore,
): Promise<{ followed: boolean; behind: boolean }> {
  let followed = false
  let behind = false
  // Each transaction follows up to FOLLOW_ROWS rows; a long log takes a few.
  for (;;) {
    const { more, compacted } = await raw.transaction(() => followIn(raw.bound()), FOLLOW_SCOPE)
    behind ||= !compacted
    if (more !== 'none') followed = true
    if (more !== 'more') return { followed, behind }
  }
}

/**
 * Follows up to FOLLOW_ROWS rows of the log. When the log is compacted up to the cursor (as it
 * is but after an upgrade), the rows followed are compacted in the same transaction; else
 * `compacted` is false and `compactChanges` catches up.
 */
async function followIn(
  store: StudyStore,
): Promise<{ more: 'none' | 'done' | 'more'; compacted: boolean }> {
  const marks = await logMarks(store)
  const { cursor } = marks
  const compacted = marks.compacted === cursor
  const rows = await store.changesAfter(cursor, FOLLOW_ROWS + 1)
  if (rows.length === 0) return { more: 'none', compacted }
  const page = rows.slice(0, FOLLOW_ROWS)
  const through = page[page.length - 1]?.seq ?? cursor
  const before = beforeOf(page)
  // A stretch read in two transactions would count a row changed in both twice: only a
  // stretch that fits in one is followed change by change.
  await Promise.all([
    rows.length > FOLLOW_ROWS || before.cards.size + before.logs.size > FOLLOW_KEYS
      ? letGo(store)
      : follow(store, before.cards, before.logs),
    compacted ? stripBefore(store, page) : null,
    store.putTallies([cursorRow(through), ...(compacted ? [compactedRow(through)] : [])]),
  ])
  return { more: rows.length > FOLLOW_ROWS ? 'more' : 'done', compacted }
}

/**
 * Compacts the change log up to where the derived tables follow it, FOLLOW_ROWS rows per
 * transaction, so answers go on between them. Following keeps it compacted as it goes; this
 * catches up after an upgrade (a log written before compaction) or a recount (which moves the
 * cursor past rows without following them). Nothing waits for it: the Collection runs it after
 * a follow that found it behind.
 */
export async function compactChanges(raw: StudyStore): Promise<void> {
  for (;;) {
    const more = await raw.transaction(async () => {
      const store = raw.bound()
      const { cursor, compacted } = await logMarks(store)
      if (compacted >= cursor) return false
      const rows = await store.changesAfter(compacted, FOLLOW_ROWS)
      const page = rows.filter((r) => (r.seq ?? 0) <= cursor)
      const full = rows.length === FOLLOW_ROWS && page.length === rows.length
      const through = full ? (page[page.length - 1]?.seq ?? cursor) : cursor
      await Promise.all([stripBefore(store, page), store.putTallies([compactedRow(through)])])
      return through < cursor
    }, ['tallies', 'changes'])
    if (!more) return
  }
}

/**
 * Each deck's cards (what `countCards` counts) from the kept `cards` tallies, brought up to
 * the change log's head with the changes not followed yet (an answer's, in the moment before
 * its follow), so no card is counted: at 100,000 cards on disk, counting took 0.5 s for the
 * deck list. Null when there are no tallies to read (none counted yet, or given up), or more
 * is waiting than one follow takes: the caller counts. Reads only, for a live query.
 */
export async function keptDeckTotals(
  store: StoreReads,
  deckIds: readonly string[],
): Promise<Map<string, number> | null> {
  const [{ cursor }, [rule], head] = await Promise.all([
    logMarks(store),
    store.getTallies([RULE_KEY]),
    store.lastChangeSeq(),
  ])
  if (!rule) return null
  const waiting = head > cursor ? await store.changesAfter(cursor, FOLLOW_ROWS + 1) : []
  if (waiting.length > FOLLOW_ROWS) return null
  if (waiting.some((row) => row.changes.some((c) => c.op === 'clear' || c.table === '*')))
    return null
  const { cards } = beforeOf(waiting)
  const ids = [...cards.keys()]
  const [tallies, now] = await Promise.all([
    store.getTallies(deckIds.map((id): TallyKey => [id, 'cards', 0])),
    store.getCards(ids),
  ])
  const totals = new Map(deckIds.map((id, i) => [id, tallies[i]?.n[0] ?? 0]))
  // A card counts toward its deck while it is in the collection, as the tallies count it.
  const add = (card: CardRow | undefined, n: number) => {
    const deckId = countedIn(card)
    const total = deckId === undefined ? undefined : totals.get(deckId)
    if (deckId !== undefined && total !== undefined) totals.set(deckId, total + n)
  }
  ids.forEach((id, i) => {
    add(cards.get(id), -1)
    add(now[i], 1)
  })
  return totals
}

/** Each card and log changed in `rows`, as it was before the first of those changes. */
function beforeOf(rows: readonly ChangeRow[]) {
  const cards = new Map<string, CardRow | undefined>()
  const logs = new Map<number, ReviewLogRow | undefined>()
  for (const row of rows)
    for (const change of row.changes) {
      if (change.op === 'clear') {
        // Everything before it is gone, derived tables included.
        cards.clear()
        logs.clear()
        continue
      }
      if (change.table !== 'cards' && change.table !== 'revlog') continue
      const was = new Map((change.before ?? []).map((r) => [r.id, r]))
      if (change.table === 'cards') {
        for (const k of change.keys)
          if (!cards.has(k as string)) cards.set(k as string, was.get(k) as CardRow | undefined)
      } else
        for (const k of change.keys)
          if (!logs.has(k as number)) logs.set(k as number, was.get(k) as ReviewLogRow | undefined)
    }
  return { cards, logs }
}

/**
 * Too much changed to follow change by change: the counts give up their rule (the next
 * statistics count afresh, without holding writes off) and every digest is dropped (each is
 * made again when its deck's Sections screen next opens).
 */
async function letGo(store: StudyStore) {
  const decks = await store.listDecks()
  const digests = (await Promise.all(decks.map((d) => store.digestsOfDeck(d.id)))).flat()
  await Promise.all([
    store.deleteTallies([RULE_KEY]),
    digests.length ? store.deleteDigests(digests.map((r) => [r.deckId, r.block] as const)) : null,
  ])
}

async function follow(
  store: StudyStore,
  cardsBefore: Map<string, CardRow | undefined>,
  logsBefore: Map<number, ReviewLogRow | undefined>,
) {
  const cardIds = [...cardsBefore.keys()]
  const logIds = [...logsBefore.keys()]
  const [rule, cardsNow, logsNow] = await Promise.all([
    ruleForWriting(store),
    store.getCards(cardIds),
    store.getLogs(logIds),
  ])
  const before = cardIds.map((id) => cardsBefore.get(id))
  await Promise.all([
    keepDigests(store, before, cardsNow),
    rule
      ? followTallies(store, rule, { ids: cardIds, before, now: cardsNow }, logsBefore, logsNow)
      : null,
  ])
}

async function followTallies(
  store: StudyStore,
  rule: TallyRule,
  cards: {
    ids: readonly string[]
    before: readonly (CardRow | undefined)[]
    now: readonly (CardRow | undefined)[]
  },
  logsBefore: ReadonlyMap<number, ReviewLogRow | undefined>,
  logsNow: readonly (ReviewLogRow | undefined)[],
) {
  const changes = new TallyChanges(dayIndexer(rule))
  // The deck each card's logs counted toward before, and count toward now.
  const deckBefore = new Map<string, string | undefined>()
  const deckNow = new Map<string, string | undefined>()
  cards.ids.forEach((id, i) => {
    changes.card(cards.before[i], -1)
    changes.card(cards.now[i], 1)
    deckBefore.set(id, countedIn(cards.before[i]))
    deckNow.set(id, countedIn(cards.now[i]))
  })
  const logIds = [...logsBefore.keys()]
  const logPairs = logIds.map((id, i) => ({ was: logsBefore.get(id), now: logsNow[i] }))
  // The cards of changed logs that did not change themselves count where they did.
  const others = [
    ...new Set(
      logPairs.flatMap(({ was, now }) => [was, now].flatMap((l) => (l ? [l.cardId] : []))),
    ),
  ].filter((id) => !deckNow.has(id))
  const otherCards = await store.getCards(others)
  others.forEach((id, i) => {
    deckBefore.set(id, countedIn(otherCards[i]))
    deckNow.set(id, countedIn(otherCards[i]))
  })
  // A card that changed where it counts takes its whole history along: the history as it was
  // (the logs changed since as they were) out of the old deck, as it is into the new.
  const moved = cards.ids.filter((id) => deckBefore.get(id) !== deckNow.get(id))
  const movedSet = new Set(moved)
  const wasByCard = new Map<string, ReviewLogRow[]>()
  for (const { was } of logPairs)
    if (was && movedSet.has(was.cardId))
      wasByCard.set(was.cardId, [...(wasByCard.get(was.cardId) ?? []), was])
  const histories = await Promise.all(moved.map((id) => store.logsOfCard(id)))
  moved.forEach((id, k) => {
    const now = histories[k] ?? []
    const was = [...now.filter((l) => !logsBefore.has(l.id)), ...(wasByCard.get(id) ?? [])]
    for (const l of was) changes.log(deckBefore.get(id), l, -1)
    for (const l of now) changes.log(deckNow.get(id), l, 1)
  })
  for (const { was, now } of logPairs) {
    if (was && !movedSet.has(was.cardId)) changes.log(deckBefore.get(was.cardId), was, -1)
    if (now && !movedSet.has(now.cardId)) changes.log(deckNow.get(now.cardId), now, 1)
  }
  await changes.apply(store)
}

/**
 * Makes the stored tallies follow `rule`, counting them afresh from every card and log when
 * they do not (a database from before tallies, a new rollover hour or time zone, a change log
 * too long to follow). Returns whether it recounted.
 *
 * The count reads in short transactions and writes the tallies in one of its own, so studying
 * goes on meanwhile (a million logs take seconds to count). That is safe because the tallies
 * have no rule while counting (an old one is dropped first), so following the log leaves them
 * alone, and a count is stored only if the change log did not grow while it was made (else it
 * is thrown away and made again). After a few tries it counts inside one transaction, holding
 * writes off for that long.
 */
export async function ensureTallies(raw: StudyStore, rule: TallyRule): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    await followChanges(raw)
    const [[row], seq] = await raw.read(() =>
      Promise.all([raw.getTallies([RULE_KEY]), raw.lastChangeSeq()]),
    )
    if (sameRule(row, rule)) return false
    if (row) {
      await raw.transaction(() => raw.deleteTallies([RULE_KEY]), ['tallies'])
      continue
    }
    const rows = await countTallies(raw, rule)
    await followChanges(raw)
    const stored = await raw.transaction(async () => {
      const store = raw.bound()
      const [[now], seqNow, cursor] = await Promise.all([
        store.getTallies([RULE_KEY]),
        store.lastChangeSeq(),
        derivedCursor(store),
      ])
      if (now || seqNow !== seq || cursor !== seq) return false
      await replaceTallies(store, [...rows, cursorRow(seq)])
      return true
    }, ['tallies', 'changes'])
    if (stored) return true
  }
  return raw.transaction(async () => {
    const store = raw.bound()
    const [now] = await store.getTallies([RULE_KEY])
    if (sameRule(now, rule)) return false
    while ((await followIn(store)).more === 'more');
    const seq = await store.lastChangeSeq()
    await replaceTallies(store, [...(await countTallies(store, rule)), cursorRow(seq)])
    return true
  })
}

/** Puts `rows` in place of every tally row; the change log stays as compacted as it was. */
async function replaceTallies(raw: StudyStore, rows: readonly TallyRow[]) {
  // Bound before the first await: in Dexie, a chain of native awaits can leave the transaction,
  // and a write outside it on these tables would wait for the transaction that waits for it.
  const store = raw.bound()
  const { compacted } = await logMarks(store)
  await store.clearTallies()
  await store.putTallies([...rows, compactedRow(compacted)])
}
