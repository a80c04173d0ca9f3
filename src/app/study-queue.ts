import { CardState, Scheduler } from '../core/scheduling/scheduler'
import { studyDayUnder, type DayRule, type StudyDay } from '../core/study/day-boundary'
import { nextStudyIn } from '../core/study/next-study'
import {
  reviewQueue,
  type QueueCard,
  type ReviewQueue,
  type StudyLimits,
} from '../core/study/review-queue'
import {
  Queue,
  isStudiable,
  noteIdOf,
  SECTION_END,
  sectionKeyOf,
  sectionPathOf,
  type CardRow,
  type DeckRow,
} from './collection'
import { deckAndChildren, deckTree, type DeckNode } from './deck-tree'
import type { Settings } from './settings'
import {
  limitsOf,
  listPresets,
  presetIn,
  presetOf,
  schedulerOptionsOf,
  type Preset,
} from './presets'
import { deckCards } from './card-digests'
import { keptDeckTotals } from './derived'
import type { Collection } from './collection-writes'

/** The study day `now` falls in, under the user's rollover hour and local time zone. */
export function studyDayAt(settings: Settings, now: Date): StudyDay {
  return studyDayUnder({ rolloverHour: settings.rolloverHour }, now)
}

/** Every UTC offset and daylight-saving change falls on a quarter hour, and so do day starts. */
const QUARTER_HOUR = 900_000

/**
 * The study-day number of an epoch-ms time, for counting many logs: remembered per quarter
 * hour, since no day boundary falls inside one (rollover hours are whole hours, and every time
 * zone's offset and daylight-saving change is a multiple of 15 minutes). A million logs then
 * cost a few thousand day computations instead of a million. The rule's time zone, when it
 * names one, else this machine's clock.
 */
export function dayIndexer(rule: DayRule): (ms: number) => number {
  const days = new Map<number, number>()
  return (ms) => {
    const quarter = Math.floor(ms / QUARTER_HOUR)
    let day = days.get(quarter)
    if (day === undefined) {
      const at = new Date(quarter * QUARTER_HOUR)
      day = studyDayUnder(rule, at).index
      days.set(quarter, day)
    }
    return day
  }
}

/** What the review log says was studied in a deck since the study day began. */
export interface TodaysLog {
  /** Cards seen for the first time today. */
  newCards: ReadonlySet<string>
  reviews: number
  /** Notes with a card answered today: their other new and review cards wait for tomorrow. */
  notes: ReadonlySet<string>
}

/**
 * Today's answers in each deck, from the log's time index. An answer counts toward the deck
 * its card was in when answered (as Anki's per-deck "studied today", and as `withAnswer`
 * keeps it during a session): our logs carry the card as it was.
 */
export async function todaysLogs(
  store: Collection,
  day: StudyDay,
): Promise<Map<string, TodaysLog>> {
  const logs = await store.logsSince(day.start.getTime())
  // Only a log without the card as it was (an import's) needs its card read, for its deck now.
  const unknown = [...new Set(logs.flatMap((l) => (l.before ? [] : [l.cardId])))]
  const cards = unknown.length ? await store.getCards(unknown) : []
  const deckOf = new Map(cards.flatMap((c) => (c ? [[c.id, c.deckId] as const] : [])))
  const byDeck = new Map<string, { newCards: Set<string>; reviews: number; notes: Set<string> }>()
  for (const l of logs) {
    const deckId = l.before?.deckId ?? deckOf.get(l.cardId)
    if (deckId === undefined) continue
    let d = byDeck.get(deckId)
    if (!d) byDeck.set(deckId, (d = { newCards: new Set(), reviews: 0, notes: new Set() }))
    d.notes.add(l.noteId)
    if (l.state === CardState.New) d.newCards.add(l.cardId)
    else if (l.state === CardState.Review) d.reviews++
  }
  return byDeck
}

/**
 * Today's log with one more answer in it, for a caller that keeps the log current between
 * answers (a study session) instead of reading it again: `before` is the card as it was.
 */
export function withAnswer(
  logs: ReadonlyMap<string, TodaysLog>,
  before: { id: string; noteId: string; deckId: string; state: number },
): Map<string, TodaysLog> {
  const old = logs.get(before.deckId) ?? EMPTY_LOG
  const next = new Map(logs)
  next.set(before.deckId, {
    newCards: before.state === CardState.New ? new Set([...old.newCards, before.id]) : old.newCards,
    reviews: old.reviews + (before.state === CardState.Review ? 1 : 0),
    notes: new Set([...old.notes, before.noteId]),
  })
  return next
}

const EMPTY_LOG: TodaysLog = { newCards: new Set(), reviews: 0, notes: new Set() }

/** A deck, or one section of it. */
export interface StudyScope {
  deckId: string
  section: readonly string[] | null
}

/** What to study, and for a section, whether it goes past the deck's daily new-card limit. */
export interface StudyQueue extends ReviewQueue {
  /** New cards the deck's daily limit still allows today. */
  deckNewLeft: number
  /** A section session showing new cards after the deck's limit is used up (Anki's custom study). */
  pastDeckLimit: boolean
}

/** What the queue needs of a card row. */
const fromRow = (c: CardRow): QueueCard => ({
  id: c.id,
  noteId: c.noteId,
  position: c.position,
  state: c.state,
  due: c.due,
})

/**
 * Queue cards for ids read in index order, where only their order and class matter: dues
 * (or positions) are stand-ins that keep that order inside the class's range.
 */
const inOrder = (ids: readonly string[], state: CardState, value: (i: number) => number) =>
  ids.map((id, i): QueueCard => ({
    id,
    noteId: noteIdOf(id),
    position: state === CardState.New ? value(i) : 0,
    state,
    due: state === CardState.New ? 0 : value(i),
  }))

/**
 * Reads `page(limit)` with a growing limit until it holds `need` cards of notes not yet taken
 * (so the queue can fill its limit and see that more wait), or the range is exhausted.
 */
async function enoughOf(
  page: (limit: number) => Promise<string[]>,
  need: number,
  taken: ReadonlySet<string>,
): Promise<KeptIds> {
  let limit = need + taken.size + 1
  for (;;) {
    const ids = await page(limit)
    if (ids.length < limit) return { ids, whole: true }
    if (notesLeft(ids, taken) >= need) return { ids, whole: false }
    limit *= 2
  }
}

/** How many notes the cards `ids` are of, those `taken` aside. */
const notesLeft = (ids: readonly string[], taken: ReadonlySet<string>) =>
  new Set(ids.map(noteIdOf).filter((n) => !taken.has(n))).size

/**
 * The cards the queue can use today, read as index keys with the limits in the query (no row
 * is read but the two that say when to come back): learning cards due now and by the
 * learn-ahead limit, the earliest reviews due today and the first new cards, each with one
 * past what the limits allow (so the queue knows more wait), and the first learning step and
 * review after that.
 */
async function deckCandidates(
  store: Collection,
  deckId: string,
  limits: StudyLimits,
  log: TodaysLog,
  now: number,
  dayEnd: number,
  kept?: KeptQueue,
): Promise<{ cards: QueueCard[]; learning: number; kept: KeptQueue }> {
  const ahead = now + limits.learnAheadMs + 1
  const ids = (queue: Queue, from: number, to: number, limit?: number) =>
    store.queueIds({ deckId, queue, from, to, ...(limit ? { limit } : {}) }, 'due')
  // What the session kept, brought forward by the cards changed since it was read.
  const { seq, changed } = await changedSince(store, kept?.deckId === deckId ? kept : undefined)
  const inDeck = (card: CardRow | undefined, queue: Queue): card is CardRow =>
    card?.deckId === deckId && card.queue === queue
  const reviewsNeed = Math.max(0, limits.reviewsPerDay - log.reviews) + 1
  const keptReviews =
    kept?.reviews?.dayEnd === dayEnd
      ? keptList(
          kept.reviews,
          changed,
          (c) => inDeck(c, Queue.Review) && c.due < dayEnd,
          reviewsNeed,
          log.notes,
        )
      : null
  // Learning cards are never buried nor limited: only the first few are listed (the queue
  // shows one card at a time), and the index counts them only when a list is full.
  const [learningNow, learningSoon, laterLearning, laterReview, reviews] = await Promise.all([
    ids(Queue.Learning, -Infinity, now + 1, LEARNING_LISTED),
    ids(Queue.Learning, now + 1, ahead, LEARNING_LISTED),
    store.firstByDue({ deckId, queue: Queue.Learning, from: ahead, to: Infinity }),
    store.firstByDue({ deckId, queue: Queue.Review, from: dayEnd, to: Infinity }),
    keptReviews ??
      enoughOf((limit) => ids(Queue.Review, -Infinity, dayEnd, limit), reviewsNeed, log.notes),
  ])
  const takenByReviews = new Set([...log.notes, ...reviews.ids.map(noteIdOf)])
  const newNeed = Math.max(0, limits.newPerDay - log.newCards.size) + 1
  const keptLearning =
    kept?.learning && changed ? learningForward(deckId, kept.learning, changed) : null
  const listed = learningNow.length >= LEARNING_LISTED || learningSoon.length >= LEARNING_LISTED
  const [fresh, learning] = await Promise.all([
    (kept?.fresh &&
      keptList(kept.fresh, changed, (c) => inDeck(c, Queue.New), newNeed, takenByReviews)) ||
      enoughOf(
        (limit) =>
          store.queueIds(
            { deckId, queue: Queue.New, from: -Infinity, to: Infinity, limit },
            'position',
          ),
        newNeed,
        takenByReviews,
      ),
    listed
      ? learningCounted(store, deckId, ahead, keptLearning)
      : // Listed in full: counted as listed; a kept count stays for when they are not.
        { count: learningNow.length + learningSoon.length, kept: keptLearning },
  ])
  const cards = [
    ...inOrder(learningNow, CardState.Learning, (i) => now - learningNow.length + i),
    ...inOrder(learningSoon, CardState.Learning, (i) => now + 1 + i),
    ...inOrder(reviews.ids, CardState.Review, (i) => dayEnd - reviews.ids.length + i),
    ...inOrder(fresh.ids, CardState.New, (i) => i),
    ...[laterLearning, laterReview].flatMap((c) => (c ? [fromRow(c)] : [])),
  ]
  return {
    cards,
    learning: learning.count,
    kept: {
      deckId,
      seq,
      learning: learning.kept,
      reviews: { ...reviews, dayEnd },
      fresh,
    },
  }
}

/**
 * What a study session keeps of its deck's index reads from one next card to the next (Anki
 * keeps its queues the same way), with the change log's head when they were read: the learning
 * cards counted when there are more than the queue lists, and the review and new card ids read
 * in index order. The next call reads the cards changed since (keys from the change log, rows
 * by id) and brings each forward, or reads it again when a changed card now belongs in it (its
 * place in the order is not known) or too few are left. On disk the index walks cost about
 * 18–25 µs a card: 1,000 learning cards counted, 400 review and 400 new ids, read at every
 * card, were most of grade → next card.
 */
export interface KeptQueue {
  deckId: string
  seq: number
  /** Learning cards of the deck due before `through` (epoch ms). */
  learning: { ids: ReadonlySet<string>; through: number } | null
  /** Review card ids due before `dayEnd` in index order: all of them when `whole`. */
  reviews: KeptIds & { dayEnd: number }
  /** New card ids in position order: all of them when `whole`. */
  fresh: KeptIds
}

/** Ids read in index order from the start of a range; `whole`: the range held no more. */
export interface KeptIds {
  ids: readonly string[]
  whole: boolean
}

/** Change-log rows a kept queue is brought forward by; more, and it is read again. */
const KEPT_CHANGES = 50

/**
 * The change log's head, and the cards changed since `kept` was read as they are now (gone:
 * undefined). `changed` is null with nothing kept, or too much changed to bring it forward: a
 * long stretch of the log, or a change of every table (a restore).
 */
async function changedSince(
  store: Collection,
  kept: KeptQueue | undefined,
): Promise<{ seq: number; changed: ReadonlyMap<string, CardRow | undefined> | null }> {
  if (!kept) return { seq: await store.lastChangeSeq(), changed: null }
  const [seq, rows] = await Promise.all([
    store.lastChangeSeq(),
    store.changesAfter(kept.seq, KEPT_CHANGES + 1),
  ])
  const changes = rows.flatMap((r) => r.changes)
  if (rows.length > KEPT_CHANGES || changes.some((c) => c.table === '*' || c.op === 'clear'))
    return { seq, changed: null }
  const keys = [...new Set(changes.flatMap((c) => (c.table === 'cards' ? c.keys.map(String) : [])))]
  const cards = keys.length ? await store.getCards(keys) : []
  return { seq, changed: new Map(keys.map((id, i) => [id, cards[i]])) }
}

/**
 * A kept list of ids brought forward: the changed cards that left its range taken out. Null
 * (read it again) when a changed card is in its range now, or when it was cut and no longer
 * holds `need` cards of notes not `taken` (as `enoughOf` reads).
 */
function keptList(
  list: KeptIds,
  changed: ReadonlyMap<string, CardRow | undefined> | null,
  inRange: (card: CardRow | undefined) => boolean,
  need: number,
  taken: ReadonlySet<string>,
): KeptIds | null {
  if (!changed) return null
  const gone = new Set<string>()
  for (const [id, card] of changed) {
    if (inRange(card)) return null
    gone.add(id)
  }
  const ids = gone.size ? list.ids.filter((id) => !gone.has(id)) : list.ids
  if (!list.whole && notesLeft(ids, taken) < need) return null
  return { ids, whole: list.whole }
}

/** Kept learning cards brought forward: each changed card counted as it is now. */
function learningForward(
  deckId: string,
  kept: NonNullable<KeptQueue['learning']>,
  changed: ReadonlyMap<string, CardRow | undefined>,
): NonNullable<KeptQueue['learning']> {
  if (changed.size === 0) return kept
  const ids = new Set(kept.ids)
  for (const [id, card] of changed) {
    if (card?.deckId === deckId && card.queue === Queue.Learning && card.due < kept.through)
      ids.add(id)
    else ids.delete(id)
  }
  return { ids, through: kept.through }
}

/**
 * A deck's learning cards due before `ahead`, when there are more than the queue lists: those
 * kept (brought forward), and those that came due since by the index range from then to now.
 * Counted afresh, ids listed to be kept, without a kept count or when the clock went back.
 */
async function learningCounted(
  store: Collection,
  deckId: string,
  ahead: number,
  kept: KeptQueue['learning'],
): Promise<{ count: number; kept: NonNullable<KeptQueue['learning']> }> {
  if (kept && kept.through <= ahead) {
    const cameDue =
      kept.through < ahead
        ? await store.countByDue({ deckId, queue: Queue.Learning, from: kept.through, to: ahead })
        : 0
    return { count: kept.ids.size + cameDue, kept }
  }
  const ids = await store.queueIds(
    { deckId, queue: Queue.Learning, from: -Infinity, to: ahead },
    'due',
  )
  return { count: ids.length, kept: { ids: new Set(ids), through: ahead } }
}

/** How many learning cards of each kind (due now, due soon) a deck's queue lists in order. */
const LEARNING_LISTED = 50

/**
 * A deck's learning cards due by `ahead`: those its `lists` hold when none was cut at
 * LEARNING_LISTED (together they cover the whole range), else counted by the index — which
 * walks its range, a few µs a card on disk, so the usual handful is not counted again.
 */
function learningCount(
  store: Collection,
  deckId: string,
  ahead: number,
  lists: readonly (readonly unknown[])[],
): number | Promise<number> {
  return lists.some((l) => l.length >= LEARNING_LISTED)
    ? store.countByDue({ deckId, queue: Queue.Learning, from: -Infinity, to: ahead })
    : lists.reduce((n, l) => n + l.length, 0)
}

/**
 * The queue of a deck or section now. A chosen section is a deliberate act, as Anki's custom
 * study: it gets its own allowance of new cards (the daily limit, counting only its own cards
 * started today), even once the deck's is used up; the screen says so. `logs` (today's log,
 * by deck) and the deck's `preset` can be passed by a caller that keeps them, such as a study
 * session, so the next card needs only the queue's index reads; and `kept`, what the previous
 * call read of a deck studied whole (returned as `kept`), so it needs few of those.
 */
export async function studyQueue(
  store: Collection,
  scope: StudyScope,
  settings: Settings,
  now: Date,
  logs?: ReadonlyMap<string, TodaysLog>,
  preset?: Preset,
  kept?: KeptQueue,
): Promise<StudyQueue & { day: StudyDay; kept: KeptQueue | null }> {
  return store.read(() =>
    readStudyQueue(store, scope, settings, now, logs, undefined, preset, kept),
  )
}

async function readStudyQueue(
  store: Collection,
  scope: StudyScope,
  settings: Settings,
  now: Date,
  logs?: ReadonlyMap<string, TodaysLog>,
  allDecks?: readonly DeckRow[],
  deckPreset?: Preset,
  keptReads?: KeptQueue,
): Promise<StudyQueue & { day: StudyDay; kept: KeptQueue | null }> {
  const day = studyDayAt(settings, now)
  const byDeck = logs ?? (await todaysLogs(store, day))
  const all = allDecks ?? (await store.listDecks())
  // A deck studies the decks nested in it too (Anki's parent decks).
  const decks = scope.section?.length ? [] : deckAndChildren(all, scope.deckId)
  const log = mergeLogs([scope.deckId, ...decks.map((d) => d.id)], byDeck)
  // The studied deck's preset sets the limits, for the decks inside it too (as Anki's parent).
  const preset =
    deckPreset ??
    (await presetOf(
      store,
      all.find((d) => d.id === scope.deckId),
      settings,
    ))
  const limits = limitsOf(preset)
  let cards: QueueCard[]
  let learningCount: number | null = null
  let kept: KeptQueue | null = null
  let newStarted = log.newCards.size
  if (scope.section?.length) {
    const rows = (await store.sectionCards(scope.deckId, sectionKeyOf(scope.section))).filter(
      isStudiable,
    )
    cards = rows.map(fromRow)
    newStarted = rows.filter((c) => log.newCards.has(c.id)).length
  } else if (decks.length > 1) {
    const read = await treeCandidates(store, decks, limits, log, now.getTime(), day.end.getTime())
    cards = read.cards
    learningCount = read.learning
  } else {
    const read = await deckCandidates(
      store,
      scope.deckId,
      limits,
      log,
      now.getTime(),
      day.end.getTime(),
      keptReads,
    )
    cards = read.cards
    learningCount = read.learning
    kept = read.kept
  }
  const built = reviewQueue(cards, now, day.end, limits, {
    newCards: newStarted,
    reviews: log.reviews,
    notes: log.notes,
  })
  const queue =
    learningCount === null
      ? built
      : { ...built, counts: { ...built.counts, learning: learningCount } }
  const deckNewLeft = Math.max(0, preset.newPerDay - log.newCards.size)
  return {
    ...queue,
    day,
    deckNewLeft,
    pastDeckLimit: queue.counts.new > deckNewLeft,
    kept,
  }
}

/** Today's log of several decks as one. */
function mergeLogs(deckIds: readonly string[], logs: ReadonlyMap<string, TodaysLog>): TodaysLog {
  const parts = [...new Set(deckIds)].flatMap((id) => {
    const log = logs.get(id)
    return log ? [log] : []
  })
  if (parts.length <= 1) return parts[0] ?? EMPTY_LOG
  return {
    newCards: new Set(parts.flatMap((l) => [...l.newCards])),
    reviews: parts.reduce((n, l) => n + l.reviews, 0),
    notes: new Set(parts.flatMap((l) => [...l.notes])),
  }
}

/**
 * The candidates of a deck and the decks inside it. Across decks the order needs real due
 * times, so learning and review cards are read as rows (each deck's earliest, with the limits
 * in the query); new cards come deck by deck in tree order, as Anki's "deck order".
 */
async function treeCandidates(
  store: Collection,
  decks: readonly DeckRow[],
  limits: StudyLimits,
  log: TodaysLog,
  now: number,
  dayEnd: number,
): Promise<{ cards: QueueCard[]; learning: number }> {
  const ahead = now + limits.learnAheadMs + 1
  const reviewsNeed = Math.max(0, limits.reviewsPerDay - log.reviews) + 1
  const newNeed = Math.max(0, limits.newPerDay - log.newCards.size) + 1
  const perDeck = await Promise.all(
    decks.map(async (d, index) => {
      const range = (queue: Queue, from: number, to: number, limit?: number) => ({
        deckId: d.id,
        queue,
        from,
        to,
        ...(limit ? { limit } : {}),
      })
      const [learning, laterLearning, laterReview, reviews] = await Promise.all([
        store.cardsByDue(range(Queue.Learning, -Infinity, ahead, LEARNING_LISTED)),
        store.firstByDue(range(Queue.Learning, ahead, Infinity)),
        store.firstByDue(range(Queue.Review, dayEnd, Infinity)),
        store.cardsByDue(range(Queue.Review, -Infinity, dayEnd, reviewsNeed + log.notes.size)),
      ])
      const [fresh, learningCounted] = await Promise.all([
        store.queueIds(
          range(Queue.New, -Infinity, Infinity, newNeed * 2 + log.notes.size),
          'position',
        ),
        learningCount(store, d.id, ahead, [learning]),
      ])
      // New cards of later decks come after every new card of earlier ones.
      const offset = index * 2 ** 32
      return {
        learningCount: learningCounted,
        cards: [
          ...[...learning, ...reviews, laterLearning, laterReview].flatMap((c) =>
            c ? [fromRow(c)] : [],
          ),
          ...inOrder(fresh, CardState.New, (i) => offset + i),
        ],
      }
    }),
  )
  return {
    cards: perDeck.flatMap((d) => d.cards),
    learning: perDeck.reduce((n, d) => n + d.learningCount, 0),
  }
}

export interface DeckOverview {
  id: string
  name: string
  /** The last part of the name, and how deep the deck sits in the tree (0 at the top). */
  label: string
  depth: number
  /** Whether other decks are nested in it. */
  hasChildren: boolean
  description: string
  /** Cards of the deck that can be studied (not retired). */
  total: number
  /** The session's own counts (core's one definition of new, learning and due). */
  new: number
  learning: number
  due: number
  /** When the deck next has something to study, in words ("in 3h", "tomorrow"); null if never. */
  nextIn: string | null
}

/** Every deck with what a session of it would show now. */
export async function deckOverviews(
  store: Collection,
  settings: Settings,
  now: Date,
): Promise<DeckOverview[]> {
  const day = studyDayAt(settings, now)
  return store.read(async () => {
    const [decks, logs, presets] = await Promise.all([
      store.listDecks(),
      todaysLogs(store, day),
      listPresets(store, settings),
    ])
    // Each deck's cards from the kept counts where there are some, else counted per deck.
    const kept = await keptDeckTotals(
      store,
      decks.map((d) => d.id),
    )
    const totalOf = (deckId: string) => (kept ? (kept.get(deckId) ?? 0) : store.countCards(deckId))
    // Each deck's preset from the one list, not a read per deck.
    // Tree order: each deck followed by the decks nested in it.
    const flat = (nodes: DeckNode[]): DeckNode[] => nodes.flatMap((n) => [n, ...flat(n.children)])
    return Promise.all(
      flat(deckTree(decks)).map(async (node) => ({
        ...(await deckOverview(
          store,
          node.deck,
          settings,
          now,
          day,
          logs,
          decks,
          presetIn(presets, node.deck),
          totalOf,
        )),
        label: node.label,
        depth: node.depth,
        hasChildren: node.children.length > 0,
      })),
    )
  })
}

async function deckOverview(
  store: Collection,
  d: { id: string; name: string; description: string },
  settings: Settings,
  now: Date,
  day: StudyDay,
  logs: ReadonlyMap<string, TodaysLog>,
  allDecks: readonly DeckRow[],
  preset: Preset,
  totalOf: (deckId: string) => number | Promise<number>,
): Promise<Omit<DeckOverview, 'label' | 'depth' | 'hasChildren'>> {
  const [q, totals] = await Promise.all([
    readStudyQueue(store, { deckId: d.id, section: null }, settings, now, logs, allDecks, preset),
    Promise.all(deckAndChildren(allDecks, d.id).map((c) => totalOf(c.id))),
  ])
  const total = totals.reduce((a, b) => a + b, 0)
  return {
    id: d.id,
    name: d.name,
    description: d.description,
    total,
    new: q.counts.new,
    learning: q.counts.learning,
    due: q.counts.review,
    nextIn: nextStudyIn(now.getTime(), day.end.getTime(), q.nextAt),
  }
}

export interface SectionRow {
  path: string[]
  total: number
  /** What a session of this section would show now (the session's own counts). */
  new: number
  learning: number
  due: number
  /** Cards answered at least once. */
  seen: number
  /**
   * Cards whose chance of recall now (FSRS retrievability) is at least the desired retention:
   * what the section's mastery counts (issue 11). New cards are not mastered.
   */
  mastered: number
}

/** The share of a section's cards that are mastered, 0–1. */
export const masteryOf = (row: Pick<SectionRow, 'mastered' | 'total'>) =>
  row.total === 0 ? 0 : row.mastered / row.total

/**
 * The section to study when asked for the weakest: of the innermost sections (no sections in
 * them), the one with the lowest mastery; the larger one on a tie.
 */
export function weakestSection(rows: readonly SectionRow[]): SectionRow | null {
  // A section with a section inside it is some row's path without its last heading.
  const parents = new Set(rows.map((r) => r.path.slice(0, -1).join(SECTION_END)))
  const leaves = rows.filter((r) => r.total > 0 && !parents.has(r.path.join(SECTION_END)))
  let weakest: SectionRow | null = null
  for (const r of leaves)
    if (
      !weakest ||
      masteryOf(r) < masteryOf(weakest) ||
      (masteryOf(r) === masteryOf(weakest) && r.total > weakest.total)
    )
      weakest = r
  return weakest
}

export interface SectionOverview {
  rows: SectionRow[]
  /** New cards the deck's daily limit still allows today. */
  deckNewLeft: number
  /** Cards of the deck (not retired). */
  total: number
}

/**
 * Per-section counts of a deck, every heading level, parents before children, in deck order.
 * Reads the deck's card digest (`card-digests.ts`; the card rows while it has none).
 */
export async function sectionOverview(
  store: Collection,
  deckId: string,
  settings: Settings,
  now: Date,
): Promise<SectionOverview> {
  const day = studyDayAt(settings, now)
  const [all, logs, deck] = await store.read(() =>
    Promise.all([deckCards(store, deckId), todaysLogs(store, day), store.getDeck(deckId)]),
  )
  const log = logs.get(deckId) ?? EMPTY_LOG
  const preset = await presetOf(store, deck, settings)
  const limits = limitsOf(preset)
  const memory = new Scheduler(schedulerOptionsOf(preset))
  // What each card adds to a section, worked out once (a card is in every level of its path).
  const cards = all
    .filter(isStudiable)
    .sort((a, b) => a.position - b.position)
    .map((c) => ({
      queued: { id: c.id, noteId: c.noteId, position: c.position, state: c.state, due: c.due },
      sectionKey: c.sectionKey,
      newToday: log.newCards.has(c.id),
      seen: c.queue !== Queue.New,
      mastered:
        memory.recall(c.state, c.stability, c.lastReview, now.getTime()) >= preset.desiredRetention,
    }))
  // Each section path (every prefix of a card's path) with its cards, in the order the deck
  // first uses it: every card joins each of its path's prefixes once.
  const sections = new Map<string, { path: string[]; cards: typeof cards }>()
  // The sections a section key puts a card in (one per level), worked out once per key.
  const sectionsOf = new Map<string, { cards: typeof cards }[]>()
  for (const c of cards) {
    let into = sectionsOf.get(c.sectionKey)
    if (!into) {
      const path = sectionPathOf(c.sectionKey)
      let key = ''
      into = path.map((heading, depth) => {
        key += `${heading}${SECTION_END}`
        let row = sections.get(key)
        if (!row) sections.set(key, (row = { path: path.slice(0, depth + 1), cards: [] }))
        return row
      })
      sectionsOf.set(c.sectionKey, into)
    }
    for (const row of into) row.cards.push(c)
  }
  const count = (inside: typeof cards, what: 'newToday' | 'seen' | 'mastered') => {
    let n = 0
    for (const c of inside) if (c[what]) n++
    return n
  }
  const rows = [...sections.values()].map(({ path, cards: inside }) => {
    const q = reviewQueue(
      inside.map((c) => c.queued),
      now,
      day.end,
      limits,
      { newCards: count(inside, 'newToday'), reviews: log.reviews, notes: log.notes },
    )
    return {
      path,
      total: inside.length,
      new: q.counts.new,
      learning: q.counts.learning,
      due: q.counts.review,
      seen: count(inside, 'seen'),
      mastered: count(inside, 'mastered'),
    }
  })
  return {
    rows,
    deckNewLeft: Math.max(0, preset.newPerDay - log.newCards.size),
    total: cards.length,
  }
}
