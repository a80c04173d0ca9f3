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
import { isInCollection, type CardRow, type ReviewLogRow } from './collection'
import type { StoreReads, StudyStore, TallyKey, TallyKind, TallyRow } from './store'
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
 * A card's history counts toward the deck the card is in now, and only while it is in the
 * collection (not retired, not in the trash), so a card that changes deck or leaves the
 * collection takes its logs' counts along; a log whose card is not stored counts nowhere. The
 * tallies follow the change log (`derived.ts`), which brings them up to date after each write
 * with what it changed (`TallyChanges`), or counts them afresh (`countTallies`).
 *
 * Study days depend on the rollover hour and the time zone. The `rule` row names the pair the
 * tallies were counted under; the statistics recount everything when there is none (a new or
 * upgraded database) or it differs from today's settings and zone, and catching up in another
 * zone drops the rule rather than count under the wrong one.
 */

/** The study-day rule tallies are counted under. */
export interface TallyRule {
  zone: string
  rolloverHour: number
}

export const RULE_KEY: TallyKey = ['', 'rule', 0]
const keyText = (k: TallyKey) => `${k[0]}\u0000${k[1]}\u0000${k[2]}`

/** The deck a card's logs count toward: its own while it is in the collection, else none. */
export const countedIn = (card: CardRow | undefined) =>
  card && isInCollection(card) ? card.deckId : undefined

/** Changes to tallies, summed per row, then added to the stored rows at once. */
export class TallyChanges {
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
 * time zone than the one they were counted in. Call inside a write transaction.
 */
export async function ruleForWriting(store: StudyStore): Promise<TallyRule | null> {
  const [row] = await store.getTallies([RULE_KEY])
  if (row?.zone === hostZone()) return { zone: row.zone, rolloverHour: row.n[0] ?? 0 }
  if (row) await store.deleteTallies([RULE_KEY])
  return null
}

/** Logs read per transaction while counting: short enough that a write waits little for one. */
const LOG_PAGE = 25_000

/**
 * Every tally of the collection counted afresh from its cards and logs, under `rule`. Reads in
 * short transactions — each deck's cards, then the log a page at a time — so writes are never
 * held off for long; `ensureTallies` notices a write made between them and counts again.
 */
export async function countTallies(store: StoreReads, rule: TallyRule): Promise<TallyRow[]> {
  const dayOf = dayIndexer(rule)
  const decks = await store.read(() => store.listDecks())
  const deckOf = new Map<string, string | undefined>()
  const rows: TallyRow[] = [
    { deckId: '', kind: 'rule', day: 0, n: [rule.rolloverHour], zone: rule.zone },
  ]
  // Each read is asked for before the one before it is counted, so the storage reads while
  // the counting runs (the log's first page beside the cards).
  const readCards = (deckId: string) => store.read(() => store.sectionCards(deckId, ''))
  const readLogs = (after: number) => store.read(() => store.logsAfter(after, LOG_PAGE))
  const ahead = <T>(read: Promise<T>) => {
    // Awaited in its turn; if counting fails first, nothing is left unheard.
    read.catch(() => undefined)
    return read
  }
  let nextLogs = ahead(readLogs(-Infinity))
  let nextCards = decks[0] ? ahead(readCards(decks[0].id)) : null
  for (const [i, deck] of decks.entries()) {
    const inDeck = (await nextCards) ?? []
    const following = decks[i + 1]
    nextCards = following ? ahead(readCards(following.id)) : null
    for (const c of inDeck) deckOf.set(c.id, countedIn(c))
    const { tally, due } = tallyCards(inDeck.filter(isInCollection), dayOf)
    if (tally[0]) rows.push({ deckId: deck.id, kind: 'cards', day: 0, n: tally })
    for (const [day, n] of due) rows.push({ deckId: deck.id, kind: 'due', day, n: [n] })
  }
  const logDays = new Map<string, Map<number, number[]>>()
  for (;;) {
    const page = await nextLogs
    const last = page.length === LOG_PAGE ? page[page.length - 1] : undefined
    if (last) nextLogs = ahead(readLogs(last.id))
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
    if (!last) break
  }
  for (const [deckId, days] of logDays)
    for (const [day, n] of days) rows.push({ deckId, kind: 'log', day, n })
  return rows
}

export const sameRule = (row: TallyRow | undefined, rule: TallyRule) =>
  row?.zone === rule.zone && row.n[0] === rule.rolloverHour

/** The tallies of a kind of some decks, from day `from` to `to`, summed per day. */
export async function talliesByDay(
  store: Pick<StoreReads, 'talliesOfDeck'>,
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
