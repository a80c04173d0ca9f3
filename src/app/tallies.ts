import {
  addTally,
  cardTallyOf,
  dueDayOf,
  logTallyOf,
  tallyCards,
  tallyLogsByDay,
  type DayOf,
} from '../core/stats/review-stats'
import { groupBy } from '../core/group-by'
import { hostZone } from '../core/study/time-zone'
import { keepDigests } from './card-digests'
import { isInCollection, type CardRow, type ReviewLogRow } from './collection'
import type { StudyStore, TallyKey, TallyKind, TallyRow } from './store'
import { dayIndexer } from './study-queue'

/**
 * Kept counts for the statistics (issue 11: a year of a million logs drawn in a second).
 *
 * For every deck the store keeps, beside the rows, `log` tallies (its cards' review logs
 * counted per study day), `due` tallies (its cards due per study day) and one `cards` tally
 * (its cards by state, with the interval, stability and difficulty histograms); see
 * `core/stats/review-stats.ts` for what a tally holds. The statistics read those instead of
 * every log and card: a year is a few thousand small rows.
 *
 * Every card and log write goes through `keepCardWrites` / `tallyLogWrites` /
 * `tallyLogDelete` (the stores call them), which add the change to the tallies in the same
 * transaction: a card's history counts toward the deck the card is in now, and only while it
 * is in the collection (not retired, not in the trash) — as the statistics counted when they
 * read every row — so a card that changes deck or leaves the collection takes its logs' counts
 * along. A card's logs are written after the card (imports and restores do so); a log
 * whose card is not stored is counted nowhere.
 *
 * Study days depend on the rollover hour and the time zone. The `rule` row names the pair the
 * tallies were counted under; the statistics recount everything (`ensureTallies`) when there
 * is none (a new or upgraded database) or it differs from today's settings and zone, and a
 * write made in another zone drops the rule rather than count under the wrong one.
 */

/** The study-day rule tallies are counted under. */
export interface TallyRule {
  zone: string
  rolloverHour: number
}

const RULE_KEY: TallyKey = ['', 'rule', 0]
/** While there is no rule: how many card and log writes were made (for `ensureTallies`). */
const WRITES_KEY: TallyKey = ['', 'rule', 1]
const keyText = (k: TallyKey) => `${k[0]}\u0000${k[1]}\u0000${k[2]}`

/** The deck a card's logs count toward: its own while it is in the collection, else none. */
const countedIn = (card: CardRow | undefined) =>
  card && isInCollection(card) ? card.deckId : undefined

/** Changes to tallies, summed per row, then added to the stored rows at once. */
class TallyChanges {
  private readonly rows = new Map<string, { key: TallyKey; n: number[] }>()

  constructor(private readonly dayOf: DayOf) {}

  add(key: TallyKey, n: readonly number[], sign: number) {
    const text = keyText(key)
    const row = this.rows.get(text)
    if (row) addTally(row.n, n, sign)
    else this.rows.set(text, { key, n: addTally([], n, sign) })
  }

  card(card: CardRow | undefined, sign: number) {
    const t = card && cardTallyOf(card)
    if (!card || !t) return
    this.add([card.deckId, 'cards', 0], t, sign)
    const day = dueDayOf(card, this.dayOf)
    if (day !== null) this.add([card.deckId, 'due', day], [1], sign)
  }

  log(deckId: string | undefined, log: ReviewLogRow, sign: number) {
    if (deckId !== undefined) this.add([deckId, 'log', this.dayOf(log.id)], logTallyOf(log), sign)
  }

  /** Adds the changes to the stored tallies; a row that comes to all zeros is deleted. */
  async apply(store: StudyStore) {
    const changed = [...this.rows.values()].filter((r) => r.n.some((x) => x !== 0))
    if (changed.length === 0) return
    const stored = await store.getTallies(changed.map((r) => r.key))
    const put: TallyRow[] = []
    const gone: TallyKey[] = []
    changed.forEach(({ key, n }, i) => {
      const sum = addTally([...(stored[i]?.n ?? [])], n)
      if (sum.every((x) => x === 0)) gone.push(key)
      else put.push({ deckId: key[0], kind: key[1], day: key[2], n: sum })
    })
    await Promise.all([store.putTallies(put), gone.length ? store.deleteTallies(gone) : undefined])
  }
}

/**
 * The rule stored tallies follow, if they can be kept: none when there are no tallies yet,
 * and none — the rule dropped, so the next statistics recount — when this host is in another
 * time zone than the one they were counted in.
 */
async function ruleForWriting(store: StudyStore): Promise<TallyRule | null> {
  const [row] = await store.getTallies([RULE_KEY])
  if (row?.zone === hostZone()) return { zone: row.zone, rolloverHour: row.n[0] ?? 0 }
  // No rule to keep them by: a count under way must not store what it read before this write.
  const [writes] = await store.getTallies([WRITES_KEY])
  await Promise.all([
    store.putTallies([{ deckId: '', kind: 'rule', day: 1, n: [writesSeen(writes) + 1] }]),
    row ? store.deleteTallies([RULE_KEY]) : undefined,
  ])
  return null
}

/**
 * Runs a row write and the upkeep that goes with it side by side (the upkeep reads only rows
 * the write does not touch), and waits for both before passing on a failure, so nothing of
 * either is still under way when a transaction rolls back.
 */
async function alongside(write: () => Promise<void>, upkeep: Promise<unknown>) {
  const [written, kept] = await Promise.allSettled([write(), upkeep])
  if (written.status === 'rejected') throw written.reason
  if (kept.status === 'rejected') throw kept.reason
}

/**
 * Writes cards (`write`) and adds the change to the tallies and to the card digests
 * (`card-digests.ts`); call inside a transaction.
 */
export async function keepCardWrites(
  store: StudyStore,
  rows: readonly CardRow[],
  write: () => Promise<void>,
  replacing?: CardRow,
) {
  // The last write of a card is the one that stays.
  const latest = [...new Map(rows.map((r) => [r.id, r])).values()]
  const known = latest.length === 1 && replacing?.id === latest[0]?.id
  const [rule, before] = await Promise.all([
    ruleForWriting(store),
    known ? [replacing] : store.getCards(latest.map((r) => r.id)),
  ])
  await alongside(
    write,
    Promise.all([
      rule ? tallyCardChanges(store, rule, before, latest) : undefined,
      keepDigests(store, before, latest),
    ]),
  )
}

async function tallyCardChanges(
  store: StudyStore,
  rule: TallyRule,
  before: readonly (CardRow | undefined)[],
  latest: readonly CardRow[],
) {
  const changes = new TallyChanges(dayIndexer(rule))
  const moved: { id: string; from?: string; to?: string }[] = []
  latest.forEach((row, i) => {
    const old = before[i]
    changes.card(old, -1)
    changes.card(row, 1)
    if (old && countedIn(old) !== countedIn(row))
      moved.push({ id: row.id, from: countedIn(old), to: countedIn(row) })
  })
  const histories = await Promise.all(moved.map((m) => store.logsOfCard(m.id)))
  moved.forEach((m, i) => {
    for (const log of histories[i] ?? []) {
      changes.log(m.from, log, -1)
      changes.log(m.to, log, 1)
    }
  })
  await changes.apply(store)
}

/**
 * Writes logs (`write`) and adds them to the tallies, in place of the stored logs of the same
 * ids when `replacing` (a put rather than an add).
 */
export async function tallyLogWrites(
  store: StudyStore,
  logs: readonly ReviewLogRow[],
  write: () => Promise<void>,
  replacing: boolean,
  card?: CardRow,
) {
  const cardIds = [...new Set(logs.map((l) => l.cardId))]
  const known = cardIds.length === 1 && card?.id === cardIds[0]
  const [rule, stored, cards] = await Promise.all([
    ruleForWriting(store),
    replacing ? store.existingLogIds(logs.map((l) => l.id)) : new Set<number>(),
    known ? [card] : store.getCards(cardIds),
  ])
  if (!rule) return write()
  const old = (await Promise.all([...stored].map((id) => store.getLog(id)))).flatMap((l) =>
    l ? [l] : [],
  )
  const deckOf = new Map(cardIds.map((id, i) => [id, countedIn(cards[i])]))
  const others = [...new Set(old.map((l) => l.cardId))].filter((id) => !deckOf.has(id))
  const otherCards = await store.getCards(others)
  others.forEach((id, i) => deckOf.set(id, countedIn(otherCards[i])))
  const changes = new TallyChanges(dayIndexer(rule))
  for (const log of old) changes.log(deckOf.get(log.cardId), log, -1)
  for (const log of new Map(logs.map((l) => [l.id, l])).values())
    changes.log(deckOf.get(log.cardId), log, 1)
  await alongside(write, changes.apply(store))
}

/** Deletes a log (`write`) and takes it out of the tallies. */
export async function tallyLogDelete(store: StudyStore, id: number, write: () => Promise<void>) {
  const [rule, log] = await Promise.all([ruleForWriting(store), store.getLog(id)])
  if (!rule || !log) return write()
  const card = await store.getCard(log.cardId)
  const changes = new TallyChanges(dayIndexer(rule))
  changes.log(countedIn(card), log, -1)
  await alongside(write, changes.apply(store))
}

/** Logs read per transaction while counting: short enough that a write waits little for one. */
const LOG_PAGE = 25_000

/**
 * Every tally of the collection counted afresh from its cards and logs, under `rule`. Reads in
 * short transactions — each deck's cards, then the log a page at a time — so writes are never
 * held off for long; `ensureTallies` notices a write made between them and counts again.
 */
export async function countTallies(store: StudyStore, rule: TallyRule): Promise<TallyRow[]> {
  const dayOf = dayIndexer(rule)
  const decks = await store.read(() => store.listDecks())
  const deckOf = new Map<string, string | undefined>()
  const rows: TallyRow[] = [
    { deckId: '', kind: 'rule', day: 0, n: [rule.rolloverHour], zone: rule.zone },
  ]
  for (const deck of decks) {
    const inDeck = await store.read(() => store.sectionCards(deck.id, ''))
    for (const c of inDeck) deckOf.set(c.id, countedIn(c))
    const { tally, due } = tallyCards(inDeck.filter(isInCollection), dayOf)
    if (tally[0]) rows.push({ deckId: deck.id, kind: 'cards', day: 0, n: tally })
    for (const [day, n] of due) rows.push({ deckId: deck.id, kind: 'due', day, n: [n] })
  }
  const logDays = new Map<string, Map<number, number[]>>()
  for (let after = -Infinity; ;) {
    const page = await store.read(() => store.logsAfter(after, LOG_PAGE))
    const counted = page.filter((l) => deckOf.get(l.cardId) !== undefined)
    for (const [deckId, inDeck] of groupBy(counted, (l) => deckOf.get(l.cardId) as string)) {
      let days = logDays.get(deckId)
      if (!days) logDays.set(deckId, (days = new Map()))
      for (const [day, n] of tallyLogsByDay(inDeck, dayOf)) {
        const sum = days.get(day)
        if (sum) addTally(sum, n)
        else days.set(day, n)
      }
    }
    if (page.length < LOG_PAGE) break
    after = page[page.length - 1]?.id ?? Infinity
  }
  for (const [deckId, days] of logDays)
    for (const [day, n] of days) rows.push({ deckId, kind: 'log', day, n })
  return rows
}

const sameRule = (row: TallyRow | undefined, rule: TallyRule) =>
  row?.zone === rule.zone && row.n[0] === rule.rolloverHour

const writesSeen = (row: TallyRow | undefined) => row?.n[0] ?? 0

/**
 * Makes the stored tallies follow `rule`, counting them afresh from every card and log when
 * they do not (a database from before tallies, a new rollover hour or time zone). Returns
 * whether it recounted.
 *
 * The count reads in short transactions and writes the tallies in one of its own that touches
 * nothing else, so studying goes on meanwhile (a million logs take seconds to count). That is
 * safe because the tallies have no rule while counting (an old one is dropped first): every card
 * or log write then bumps the `writes` row instead, and a count whose `writes` changed before it
 * could store its result is thrown away and made again. After a few tries it counts inside one
 * transaction, holding writes off for that long.
 */
export async function ensureTallies(store: StudyStore, rule: TallyRule): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const [row, writes] = await store.read(() => store.getTallies([RULE_KEY, WRITES_KEY]))
    if (sameRule(row, rule)) return false
    if (row) {
      await store.transaction(() => store.deleteTallies([RULE_KEY]), ['tallies'])
      continue
    }
    const rows = await countTallies(store, rule)
    const stored = await store.transaction(async () => {
      const [now, writesNow] = await store.getTallies([RULE_KEY, WRITES_KEY])
      if (now || writesSeen(writesNow) !== writesSeen(writes)) return false
      await replaceTallies(store, rows)
      return true
    }, ['tallies'])
    if (stored) return true
  }
  return store.transaction(async () => {
    const [now] = await store.getTallies([RULE_KEY])
    if (sameRule(now, rule)) return false
    await replaceTallies(store, await countTallies(store, rule))
    return true
  })
}

async function replaceTallies(store: StudyStore, rows: readonly TallyRow[]) {
  await store.clearTallies()
  await store.putTallies(rows)
}

/** The tallies of a kind of some decks, from day `from` to `to`, summed per day. */
export async function talliesByDay(
  store: StudyStore,
  deckIds: readonly string[],
  kind: Exclude<TallyKind, 'rule'>,
  from: number,
  to: number,
) {
  const rows = (
    await Promise.all(deckIds.map((id) => store.talliesOfDeck(id, kind, from, to)))
  ).flat()
  const days = new Map<number, number[]>()
  for (const r of rows) {
    const sum = days.get(r.day)
    if (sum) addTally(sum, r.n)
    else days.set(r.day, [...r.n])
  }
  return days
}
