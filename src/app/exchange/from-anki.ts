import { groupBy } from '../../core/group-by'
import { mediaReferences } from '../../core/notes/media-refs'
import { append, smallest } from '../../core/extent'
import { historyStep } from '../../core/formats/anki/history'
import type {
  AnkiCard,
  AnkiCollection,
  AnkiDeckConfig,
  AnkiNote,
  AnkiNoteType,
  AnkiReview,
} from '../../core/formats/anki/read-collection'
import type { NoteType } from '../../core/notes/note-types'
import { replayAnswers, type PastAnswer } from '../../core/scheduling/replay'
import {
  CardState,
  DEFAULT_SCHEDULER_OPTIONS,
  FSRS_PARAMETER_COUNT,
  Rating,
  Scheduler,
  type SchedulingState,
} from '../../core/scheduling/scheduler'
import { default_w, migrateParameters } from 'ts-fsrs'
import { schedulerOptionsOf, type Preset } from '../presets'
import { studyDayUnder, type DayRule } from '../../core/study/day-boundary'
import { toStoredReview, toStoredState } from '../../core/scheduling/stored-state'
import {
  DECK_SEPARATOR,
  Queue,
  cardIdOf,
  queueOf,
  type AnkiReviewOrigin,
  type CardRow,
  type DeckRow,
  type NoteRow,
  type ReviewLogRow,
} from '../collection'
import { MAX_ANSWER_MS } from '../answer'
import { emptyCollectionData, type CollectionData } from './collection-data'
import { storedMediaRow } from './media-files'
import type { PackageMedia } from '../../core/formats/anki/read-package'
import { ankiKeptMemory } from '../../core/formats/anki/write-package'
import { DAY_MS } from '../../core/units'

const ANKI_SUSPENDED = -1
/** The deck every Anki collection has, whether or not anything is in it. */
const ANKI_DEFAULT_DECK = 1
/** Anki's queues of cards buried with a sibling (-2) or by the user (-3). */
const ANKI_BURIED = new Set([-2, -3])

/** When the collection's next study day starts after `now`. */
function nextAnkiDay(rule: DayRule, now: Date): number {
  return studyDayUnder(rule, now).end.getTime()
}

/** How an Anki collection comes in. */
export interface AnkiImportOptions {
  /** The user's rollover hour, for a collection that does not say its own (Anki's default is 4). */
  rolloverHour?: number
  /**
   * Cards with history take the schedule their replayed history gives with their preset, as
   * Anki's "Reschedule cards on change" does when FSRS is switched on. Off (the default): the
   * due dates Anki set are kept, and the history gives FSRS its memory only.
   */
  reschedule?: boolean
}

/**
 * The day boundary an Anki collection counts its days by: its own rollover hour and UTC offset
 * where its config says them, else the user's rollover hour and this machine's clock.
 */
export function ankiDayRule(anki: AnkiCollection, options: AnkiImportOptions = {}): DayRule {
  return {
    rolloverHour: anki.rolloverHour ?? options.rolloverHour ?? 4,
    ...(anki.utcOffsetMinutes !== undefined ? { utcOffsetMinutes: anki.utcOffsetMinutes } : {}),
  }
}

/** A card template's back without Anki's `{{FrontSide}}<hr id=answer>`: the study screen shows the front above it. */
const FRONT_SIDE = /^\s*\{\{FrontSide\}\}\s*(?:<hr\s+id\s*=\s*["']?answer["']?\s*\/?>)?\s*/i

/** The back of an Anki template as this app keeps it (what the study screen adds below the front). */
export const backWithoutFront = (afmt: string) => afmt.replace(FRONT_SIDE, '')

export const ankiPresetId = (id: number) => `anki-${id}`
export const ankiNoteTypeId = (id: number) => `anki-${id}`
export const ankiDeckId = (id: number) => `anki-${id}`

function noteTypeOf(t: AnkiNoteType): NoteType {
  return {
    id: ankiNoteTypeId(t.id),
    name: t.name,
    kind: t.kind,
    fields: t.fields,
    templates: t.templates.map((tm) => ({
      name: tm.name,
      front: tm.front,
      back: backWithoutFront(tm.back),
    })),
    sortField: t.sortField < t.fields.length ? t.sortField : 0,
    css: t.css,
    ankiTemplates: t.templates.map((tm) => ({ front: tm.front, back: tm.back })),
  }
}

/** What an Anki collection becomes here, with what could not come along. */
export interface AnkiConversion {
  data: CollectionData
  warnings: string[]
}

/**
 * An Anki collection as this app's rows. Note types, notes (guid kept), cards (deck, flag,
 * suspension) and decks come as they are. Every card keeps the schedule Anki set — due date,
 * interval, state, repetitions, lapses — and its FSRS memory comes from replaying its review
 * history with ts-fsrs, for the answers to come; the review logs keep Anki's ids (the answer
 * times) and ratings. Cards with no history keep what Anki knew: a review card its due day
 * and interval.
 */
export function collectionFromAnki(
  anki: AnkiCollection,
  media: ReadonlyMap<string, PackageMedia>,
  now: Date,
  options: AnkiImportOptions = {},
): AnkiConversion {
  const warnings: string[] = []
  for (const [what, n] of anki.repairs ?? [])
    warnings.push(`${n} × ${what}, as Anki's Check Database does`)
  const data = emptyCollectionData()
  const types = new Map(anki.noteTypes.map((t) => [t.id, t]))
  const notes = notesWithOwnGuids(anki.notes, warnings)
  const notesById = new Map(notes.map((n) => [n.id, n]))
  const cards = cardsWithTemplates(anki.cards, notesById, types, warnings)
  const cardsOfNote = groupBy(cards, (c) => c.noteId)
  const reviewsOfCard = groupBy(reviewsWithOwnIds(anki.reviews, warnings), (r) => r.cardId)

  // A card in a filtered deck belongs to the deck it came from; filtered decks are Anki's views.
  const homeDeck = (c: AnkiCard) => c.originalDeckId || c.deckId
  const deckNames = new Map(anki.decks.map((d) => [d.id, deckNameOf(d.id, d.name, warnings)]))
  const usedTypes = new Set<number>()
  const usedDecks = new Set<number>()

  // New cards keep Anki's order: notes sorted by their first new card's position.
  const order = notes
    .filter((n) => {
      if (!types.has(n.typeId))
        warnings.push(`note ${n.guid} has an unknown note type and was left out`)
      else if (!cardsOfNote.has(n.id)) warnings.push(`note ${n.guid} has no cards and was left out`)
      else return true
      return false
    })
    .map((n) => {
      const cards = cardsOfNote.get(n.id) as AnkiCard[]
      const firstNew = cards.filter((c) => c.type === 0).map(homeDue)
      return { note: n, cards, key: firstNew.length ? smallest(firstNew, (d) => d) : -1 }
    })
    .sort((a, b) => a.key - b.key || a.note.id - b.note.id)

  // Each deck studies with its Anki preset of options, which comes along as a preset here.
  const configs = new Map((anki.deckConfigs ?? []).map((c) => [c.id, c]))
  const presetOfDeck = new Map(
    anki.decks.flatMap((d) =>
      d.configId !== undefined && configs.has(d.configId)
        ? [[ankiDeckId(d.id), ankiPresetId(d.configId)] as const]
        : [],
    ),
  )
  const presets = new Map([...configs.values()].map((c) => [ankiPresetId(c.id), presetOfConfig(c)]))
  // History replays on the collection's own study days, with the FSRS parameters, steps and
  // desired retention of each deck's preset (FSRS's defaults where it has none).
  const rule = ankiDayRule(anki, options)
  const replays = new Map<string, Replay>()
  const replayOf = (deckId: string): Replay => {
    const presetId = presetOfDeck.get(deckId) ?? ''
    let replay = replays.get(presetId)
    if (!replay) {
      const preset = presets.get(presetId)
      replay = {
        scheduler: new Scheduler({
          ...(preset ? schedulerOptionsOf(preset) : {}),
          dayRule: rule,
        }),
        learning: preset?.learningSteps ?? DEFAULT_SCHEDULER_OPTIONS.learningSteps,
        relearning: preset?.relearningSteps ?? DEFAULT_SCHEDULER_OPTIONS.relearningSteps,
        goodFirst: (preset?.weights ?? default_w)[2] as number,
      }
      replays.set(presetId, replay)
    }
    return replay
  }
  const positions = new Map<string, number>()
  for (const { note, cards } of order) {
    const type = types.get(note.typeId) as AnkiNoteType
    usedTypes.add(type.id)
    const sorted = [...cards].sort((a, b) => a.ord - b.ord)
    const deckId = ankiDeckId(homeDeck(sorted[0] as AnkiCard))
    const position = positions.get(deckId) ?? 0
    positions.set(deckId, position + 1)
    if (note.fields.length > type.fields.length)
      warnings.push(`note ${note.guid} has more fields than its type; the extra ones were left out`)
    const row: NoteRow = {
      id: note.guid,
      typeId: ankiNoteTypeId(type.id),
      deckId,
      fields: Object.fromEntries(type.fields.map((name, i) => [name, note.fields[i] ?? ''])),
      tags: note.tags,
      section: [],
      position,
      retired: 0,
      modifiedAt: note.modified * 1000,
      createdAt: note.id,
    }
    data.notes.push(row)
    for (const card of sorted) {
      usedDecks.add(homeDeck(card))
      const { state, logs } = cardMemory(
        card,
        row,
        reviewsOfCard.get(card.id) ?? [],
        anki,
        now,
        replayOf(ankiDeckId(homeDeck(card))),
        options.reschedule === true,
      )
      const cardRow: CardRow = {
        ...toStoredState(state),
        id: cardIdOf(note.guid, card.ord),
        noteId: note.guid,
        ord: card.ord,
        deckId: ankiDeckId(homeDeck(card)),
        position,
        sectionKey: '',
        queue:
          card.queue === ANKI_SUSPENDED
            ? Queue.Suspended
            : ANKI_BURIED.has(card.queue)
              ? Queue.Buried
              : queueOf(state.state),
        revision: 0,
      }
      // Buried by the user or with a sibling: back on the collection's next day, as in Anki.
      if (cardRow.queue === Queue.Buried) cardRow.buriedUntil = nextAnkiDay(rule, now)
      if (card.flag) cardRow.flag = card.flag
      cardRow.anki = { id: card.id, factor: card.factor, left: card.left, data: card.otherData }
      data.cards.push(cardRow)
      append(data.reviewLogs, logs)
    }
  }
  const cardIds = new Set(cards.map((c) => c.id))
  const orphans = anki.reviews.filter((r) => !cardIds.has(r.cardId)).length
  if (orphans) warnings.push(`${orphans} review log rows belong to no card and were left out`)

  data.noteTypes = anki.noteTypes.filter((t) => usedTypes.has(t.id)).map(noteTypeOf)
  // Decks with no cards come too (Anki's Default only when it has some); filtered decks are
  // Anki's views of other decks' cards, not decks of their own.
  for (const d of anki.decks) if (!d.filtered && d.id !== ANKI_DEFAULT_DECK) usedDecks.add(d.id)
  const descriptions = new Map(anki.decks.map((d) => [ankiDeckId(d.id), d.description ?? '']))
  data.decks = decksWithParents(usedDecks, deckNames, positions, now).map((d) => {
    const presetId = presetOfDeck.get(d.id)
    return {
      ...d,
      description: descriptions.get(d.id) ?? '',
      ankiCreated: anki.createdAt,
      ...(presetId ? { presetId } : {}),
    }
  })
  const usedPresets = new Set(data.decks.flatMap((d) => (d.presetId ? [d.presetId] : [])))
  data.presets = [...presets.values()].filter((p) => usedPresets.has(p.id))
  data.media = [...media].map(([name, file]) =>
    storedMediaRow(name, file.hash, file.size, now.getTime()),
  )
  const missing = missingMedia(data.notes, media)
  if (missing.notes)
    warnings.push(
      `${missing.notes} note${missing.notes === 1 ? ' refers' : 's refer'} to media the package does not hold (${missing.names.length} file${missing.names.length === 1 ? '' : 's'}: ${missing.names
        .slice(0, 5)
        .map((n) => `"${n}"`)
        .join(', ')}${missing.names.length > 5 ? ', …' : ''}); they show as missing until added`,
    )
  return { data, warnings }
}

/** The media notes refer to that the package lacks, and how many notes refer to them. */
function missingMedia(notes: readonly NoteRow[], media: ReadonlyMap<string, unknown>) {
  const names = new Set<string>()
  let count = 0
  for (const n of notes) {
    const lacking = Object.values(n.fields)
      .flatMap(mediaReferences)
      .filter((name) => !media.has(name))
    if (lacking.length) count++
    for (const name of lacking) names.add(name)
  }
  return { notes: count, names: [...names].sort() }
}

/**
 * Notes whose guid another note already has are kept apart under a guid derived from it (the
 * same on every import of the file), never merged into one note with both histories.
 */
function notesWithOwnGuids(notes: readonly AnkiNote[], warnings: string[]): AnkiNote[] {
  const taken = new Set(notes.map((n) => n.guid))
  const used = new Set<string>()
  return notes.map((n) => {
    if (!used.has(n.guid)) {
      used.add(n.guid)
      return n
    }
    let k = 2
    while (taken.has(`${n.guid}~${k}`)) k++
    const guid = `${n.guid}~${k}`
    taken.add(guid)
    used.add(guid)
    warnings.push(`note ${n.id} has the guid "${n.guid}" of another note; kept apart as "${guid}"`)
    return { ...n, guid }
  })
}

/**
 * The cards that belong to a note and a template of its type: a card of no note, of an
 * ordinal its standard type has no template for, or a second card of one note and ordinal is
 * left out and said (Anki's Check Database deletes such cards).
 */
function cardsWithTemplates(
  cards: readonly AnkiCard[],
  notes: ReadonlyMap<number, AnkiNote>,
  types: ReadonlyMap<number, AnkiNoteType>,
  warnings: string[],
): AnkiCard[] {
  const seen = new Set<string>()
  return cards.filter((c) => {
    const note = notes.get(c.noteId)
    if (!note) {
      warnings.push(`card ${c.id} belongs to no note and was left out`)
      return false
    }
    const type = types.get(note.typeId)
    if (type?.kind === 'standard' && c.ord >= type.templates.length) {
      warnings.push(
        `card ${c.id} uses template ${c.ord + 1} of "${type.name}", which has ${type.templates.length}; left out`,
      )
      return false
    }
    const key = `${c.noteId}#${c.ord}`
    if (seen.has(key)) {
      warnings.push(
        `card ${c.id} repeats another card of note ${c.noteId}, template ${c.ord + 1}; left out`,
      )
      return false
    }
    seen.add(key)
    return true
  })
}

/**
 * Review rows with an id of their own: Anki's revlog id is the answer time in ms and unique;
 * rows of a damaged file that share one are moved to the next free millisecond, so every
 * answer is kept (before, two of three such rows were silently dropped).
 */
function reviewsWithOwnIds(reviews: readonly AnkiReview[], warnings: string[]): AnkiReview[] {
  const taken = new Set(reviews.map((r) => r.id))
  const used = new Set<number>()
  let moved = 0
  const out = reviews.map((r) => {
    if (!used.has(r.id)) {
      used.add(r.id)
      return r
    }
    let id = r.id + 1
    while (taken.has(id)) id++
    taken.add(id)
    used.add(id)
    moved++
    return { ...r, id }
  })
  if (moved)
    warnings.push(
      `${moved} review row${moved === 1 ? '' : 's'} shared an id with another; moved to the next free millisecond`,
    )
  return out
}

/** The state this app gives a revlog row that is not an answer, from Anki's row type. */
const STATE_OF_REVLOG_TYPE: Readonly<Record<number, CardState>> = {
  0: CardState.Learning,
  1: CardState.Review,
  2: CardState.Relearning,
}

/**
 * An Anki revlog row's own columns, kept on the log row for export. An export is scheduler v2,
 * so a v1 collection's learning rows take the buttons Anki's own upgrade to v2 gives them
 * (rslib/src/storage/revlog/v2_upgrade.sql: 2 and 3 become 3 and 4).
 */
const reviewOrigin = (r: AnkiReview, schedulerVersion: number): AnkiReviewOrigin => ({
  type: r.type,
  ease:
    schedulerVersion < 2 && (r.type === 0 || r.type === 2) && (r.ease === 2 || r.ease === 3)
      ? r.ease + 1
      : r.ease,
  ivl: r.interval,
  lastIvl: r.lastInterval,
  factor: r.factor,
  time: r.timeMs,
})

/**
 * The state of an imported card and its whole history as review logs. Answers replay through
 * FSRS (from the last reset on) for the card's memory; rows that are not answers — resets, set
 * due dates, rescheduling, filtered-deck previews — are kept as rating-0 rows (ts-fsrs's
 * Manual), which statistics show and the scheduler and optimizer skip. Every row keeps Anki's
 * columns for export.
 */
function cardMemory(
  card: AnkiCard,
  note: NoteRow,
  reviews: readonly AnkiReview[],
  anki: AnkiCollection,
  now: Date,
  replay: Replay,
  reschedule: boolean,
): { state: SchedulingState; logs: ReviewLogRow[] } {
  const { scheduler } = replay
  const cardId = cardIdOf(note.id, card.ord)
  const logs: ReviewLogRow[] = []
  const logOf = (source: AnkiReview) => ({
    id: source.id,
    cardId,
    noteId: note.id,
    durationMs: Math.max(0, Math.min(source.timeMs, MAX_ANSWER_MS)),
    anki: reviewOrigin(source, anki.schedulerVersion),
  })
  let state: SchedulingState | null = null
  let segment: { start: Date; answers: PastAnswer[]; rows: AnkiReview[] } | null = null
  const flush = () => {
    if (!segment || segment.answers.length === 0) return
    const replay = replayAnswers(scheduler, cardId, segment.start, segment.answers)
    state = replay.state
    replay.records.forEach((record, i) => {
      logs.push({ ...toStoredReview(record), ...logOf(segment?.rows[i] as AnkiReview) })
    })
  }
  for (const review of [...reviews].sort((a, b) => a.id - b.id)) {
    const step = historyStep(review, anki.schedulerVersion)
    if (step.kind === 'answer') {
      segment ??= { start: new Date(review.id), answers: [], rows: [] }
      segment.answers.push({ at: new Date(review.id), grade: step.grade })
      segment.rows.push(review)
      continue
    }
    const at = new Date(review.id)
    if (step.kind === 'reset') {
      flush()
      state = scheduler.newState(at)
      segment = null
    }
    const before: SchedulingState = state ?? scheduler.newState(at)
    logs.push({
      rating: Rating.Manual,
      state: STATE_OF_REVLOG_TYPE[review.type] ?? before.state,
      due: at.getTime(),
      stability: before.stability,
      difficulty: before.difficulty,
      elapsed_days: 0,
      last_elapsed_days: 0,
      scheduled_days: Math.max(0, review.interval),
      learning_steps: 0,
      review: at.getTime(),
      ...logOf(review),
    })
  }
  flush()
  logs.sort((a, b) => a.id - b.id)
  const kept = state
    ? reschedule
      ? state
      : withAnkisSchedule(state, card, anki, replay)
    : stateWithoutHistory(card, anki, now, replay)
  // At the precision Anki keeps memory in cards.data, so an export and re-import changes nothing.
  const { s, d } = ankiKeptMemory(kept)
  return { state: { ...kept, stability: s, difficulty: d }, logs }
}

/** When Anki's learning step of `card` is due: epoch seconds in the intraday queue, else a day number. */
function learningDue(card: AnkiCard, anki: AnkiCollection): Date {
  const due = homeDue(card)
  const intraday = card.queue === 1 || (card.queue < 0 && due > 1_000_000_000)
  return new Date(intraday ? due * 1000 : anki.createdAt * 1000 + due * DAY_MS)
}

/** A card's due in its own deck: in a filtered deck Anki keeps it in `odue`. */
const homeDue = (card: AnkiCard) =>
  card.originalDeckId && card.originalDue ? card.originalDue : card.due

/**
 * A card's replayed memory with the schedule Anki set kept: its due date, interval, state,
 * repetitions and lapses. The history gives FSRS its stability and difficulty for the answers
 * to come; it does not move a due date the user built in Anki (as Anki itself keeps due dates
 * when FSRS is switched on, issue 20).
 */
function withAnkisSchedule(
  state: SchedulingState,
  card: AnkiCard,
  anki: AnkiCollection,
  steps: Replay,
): SchedulingState {
  // FSRS's memory as Anki kept it in cards.data wins over the replay's (Anki's own parameters).
  const kept = { reps: card.reps, lapses: card.lapses, ...card.memory }
  if (card.type === 2 && card.interval > 0)
    return {
      ...state,
      ...kept,
      state: CardState.Review,
      // A review card's due is a day number counted from the collection's creation day.
      due: new Date(anki.createdAt * 1000 + homeDue(card) * DAY_MS),
      scheduled_days: card.interval,
    }
  if (card.type === 1 || card.type === 3)
    return {
      ...state,
      ...kept,
      state: card.type === 1 ? CardState.Learning : CardState.Relearning,
      due: learningDue(card, anki),
      // Anki's `left` counts the steps still to go (below 1000; v2 adds today's × 1000).
      learning_steps: stepsDone(
        card.type === 1 ? steps.learning : steps.relearning,
        card.left % 1000,
      ),
    }
  return state
}

/**
 * How a card's history replays: the scheduler of its deck's preset on the collection's study
 * days, the preset's learning and relearning steps, and FSRS's stability after a first Good.
 */
interface Replay {
  scheduler: Scheduler
  learning: readonly string[]
  relearning: readonly string[]
  goodFirst: number
}

/** The steps taken of `steps` when `remaining` are still to go, as ts-fsrs counts them. */
const stepsDone = (steps: readonly string[], remaining: number) =>
  Math.max(0, Math.min(steps.length, steps.length - remaining))

/** What Anki knew of a card whose history did not come with it. */
function stateWithoutHistory(
  card: AnkiCard,
  anki: AnkiCollection,
  now: Date,
  steps: Replay,
): SchedulingState {
  const fresh = steps.scheduler.newState(now)
  if (card.type === 1 || card.type === 3)
    // Still in its steps: due when Anki said, at the step its `left` says; memory as Anki kept
    // it, else a relearning card's interval or FSRS's first Good (what it has shown so far).
    return {
      ...fresh,
      state: card.type === 1 ? CardState.Learning : CardState.Relearning,
      due: learningDue(card, anki),
      stability:
        card.memory?.stability ??
        (card.type === 3 && card.interval > 0 ? card.interval : steps.goodFirst),
      difficulty: card.memory?.difficulty ?? 5,
      learning_steps: stepsDone(
        card.type === 1 ? steps.learning : steps.relearning,
        card.left % 1000,
      ),
      reps: card.reps,
      lapses: card.lapses,
    }
  if (card.type !== 2 || card.interval <= 0) return fresh
  // A review card's due is a day number counted from the collection's creation day.
  const due = new Date(anki.createdAt * 1000 + homeDue(card) * DAY_MS)
  return {
    ...fresh,
    state: CardState.Review,
    due,
    last_review: new Date(due.getTime() - card.interval * DAY_MS),
    // FSRS's memory as Anki kept it, else the interval as stability (what it last proved).
    stability: card.memory?.stability ?? card.interval,
    difficulty: card.memory?.difficulty ?? 5,
    scheduled_days: card.interval,
    reps: card.reps,
    lapses: card.lapses,
  }
}

/**
 * A deck's name with blank levels left out (`A:: ::B` is `A::B`), as Anki normalizes them; a
 * name with no words at all becomes "Deck <id>" and is said.
 */
function deckNameOf(id: number, name: string, warnings: string[]): string {
  const parts = name.split(DECK_SEPARATOR).map((p) => p.trim())
  const kept = parts.filter(Boolean)
  if (kept.length === parts.length) return name
  const normal = kept.length ? kept.join(DECK_SEPARATOR) : `Deck ${id}`
  warnings.push(`deck ${id}'s name ${JSON.stringify(name)} has blank levels; named "${normal}"`)
  return normal
}

/** Deck rows for the decks cards use and the decks they nest in. */
function decksWithParents(
  used: ReadonlySet<number>,
  names: ReadonlyMap<number, string>,
  positions: ReadonlyMap<string, number>,
  now: Date,
): DeckRow[] {
  const byName = new Map<string, number>()
  for (const [id, name] of names) byName.set(name, id)
  const wanted = new Map<string, string>()
  for (const id of used) {
    const name = names.get(id) ?? `Imported ${id}`
    wanted.set(name, ankiDeckId(id))
    const parts = name.split(DECK_SEPARATOR)
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join(DECK_SEPARATOR)
      const parentId = byName.get(parent)
      if (!wanted.has(parent))
        wanted.set(parent, parentId ? ankiDeckId(parentId) : `anki-${parent}`)
    }
  }
  return [...wanted].map(([name, id]) => ({
    id,
    name,
    description: '',
    sourceTitle: null,
    origin: 'user' as const,
    updatedAt: now.getTime(),
    nextPosition: positions.get(id) ?? 0,
  }))
}

/** A learning step of Anki's (minutes) as a step here: whole days, hours or minutes, else seconds. */
function stepOf(minutes: number): string {
  if (minutes > 0 && minutes % 1440 === 0) return `${minutes / 1440}d`
  if (minutes > 0 && minutes % 60 === 0) return `${minutes / 60}h`
  if (Number.isInteger(minutes)) return `${minutes}m`
  return `${Math.max(1, Math.round(minutes * 60))}s`
}

const within = (x: number, low: number, high: number) =>
  Math.min(high, Math.max(low, Math.round(x)))

/**
 * An Anki preset of deck options as a preset here: limits, steps, maximum interval, leech rule,
 * sibling burying, and — when the collection set them — desired retention and FSRS parameters
 * (FSRS-4.5 and -5 parameters brought to FSRS-6's as ts-fsrs migrates them). Values outside
 * what the options screen allows are brought to its nearest.
 */
function presetOfConfig(c: AnkiDeckConfig): Preset {
  const steps = (list: number[]) =>
    list
      .filter((m) => m > 0)
      .slice(0, 20)
      .map(stepOf)
  const weights =
    c.fsrsParameters.length === FSRS_PARAMETER_COUNT
      ? c.fsrsParameters
      : c.fsrsParameters.length === 17 || c.fsrsParameters.length === 19
        ? migrateParameters(c.fsrsParameters)
        : undefined
  return {
    id: ankiPresetId(c.id),
    name: c.name.trim() || `Anki preset ${c.id}`,
    newPerDay: within(c.newPerDay, 0, 9999),
    reviewsPerDay: within(c.reviewsPerDay, 0, 99999),
    desiredRetention:
      c.desiredRetention >= 0.7 && c.desiredRetention <= 0.99
        ? Math.round(c.desiredRetention * 100) / 100
        : DEFAULT_SCHEDULER_OPTIONS.requestRetention,
    learningSteps: steps(c.learningSteps),
    relearningSteps: steps(c.relearningSteps),
    maximumIntervalDays: within(c.maximumInterval || 36500, 1, 36500),
    leechThreshold: within(c.leechThreshold || 8, 1, 99),
    leechAction: c.leechAction === 0 ? 'suspend' : 'tag',
    burySiblings: c.burySiblings,
    ...(weights ? { weights: weights.map((w) => Math.round(w * 10_000) / 10_000) } : {}),
  }
}
