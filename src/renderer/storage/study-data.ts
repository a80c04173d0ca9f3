import { cardFace, type CardFace } from '../../core/cards/card-templates'
import type { Fact } from '../../core/decks/deck-schema'
import { inSection } from '../../core/decks/sections'
import { CardState } from '../../core/scheduling/scheduler'
import { studyDay, type StudyDay } from '../../core/study/day-boundary'
import { DEFAULT_LIMITS, reviewQueue, type ReviewQueue } from '../../core/study/review-queue'
import type { AttacheDb, CardRow } from './db'
import type { Settings } from './settings'

/** The deck's cards that can be studied (not retired), optionally only those of one section. */
export async function studyableCards(
  db: AttacheDb,
  deckId: string,
  section: readonly string[] | null,
): Promise<CardRow[]> {
  const cards = (await db.cards.where('deckId').equals(deckId).toArray()).filter((c) => !c.retired)
  if (!section?.length) return cards
  const notes = await db.notes.where('deckId').equals(deckId).toArray()
  const inside = new Set(notes.filter((n) => inSection(n.fact.section, section)).map((n) => n.id))
  return cards.filter((c) => inside.has(c.noteId))
}

/** What the review log says was studied in a deck since the study day began. */
export interface TodaysLog {
  /** Cards seen for the first time today. */
  newCards: ReadonlySet<string>
  reviews: number
  /** Facts with a card answered today: their other new and review cards wait for tomorrow. */
  notes: ReadonlySet<string>
}

/** New cards, reviews and facts already answered in this deck since `dayStart`. */
export async function doneSince(db: AttacheDb, deckId: string, dayStart: Date): Promise<TodaysLog> {
  const logs = await db.reviewLogs
    .where('[deckId+review]')
    .between([deckId, dayStart.getTime()], [deckId, Number.MAX_SAFE_INTEGER], true, true)
    .toArray()
  const newCards = new Set<string>()
  const notes = new Set<string>()
  let reviews = 0
  for (const l of logs) {
    notes.add(l.noteId)
    if (l.state === CardState.New) newCards.add(l.cardId)
    else if (l.state === CardState.Review) reviews++
  }
  return { newCards, reviews, notes }
}

/** The study day `now` falls in, under the user's rollover hour and local time zone. */
export function studyDayAt(settings: Settings, now: Date): StudyDay {
  return studyDay(now, settings.rolloverHour, -now.getTimezoneOffset())
}

/** What to study, and for a section, whether it goes past the deck's daily new-card limit. */
export interface StudyQueue extends ReviewQueue {
  /** New cards the deck's daily limit still allows today. */
  deckNewLeft: number
  /** A section session showing new cards after the deck's limit is used up (Anki's custom study). */
  pastDeckLimit: boolean
}

/**
 * The queue over cards already in hand (a session keeps its cards between answers). A chosen
 * section is a deliberate act, as Anki's custom study: it gets its own allowance of new cards
 * (the daily limit, counting only its own cards started today), even once the deck's is used
 * up; the screen says so.
 */
export function queueOf(
  cards: readonly CardRow[],
  log: TodaysLog,
  settings: Settings,
  now: Date,
  day: StudyDay,
  scope: 'deck' | 'section' = 'deck',
): StudyQueue {
  const limits = {
    ...DEFAULT_LIMITS,
    newPerDay: settings.newPerDay,
    reviewsPerDay: settings.reviewsPerDay,
  }
  const newStarted =
    scope === 'deck' ? log.newCards.size : cards.filter((c) => log.newCards.has(c.id)).length
  const entries = cards.map((c) => ({
    id: c.id,
    noteId: c.noteId,
    position: c.position,
    state: c.state,
    due: c.due,
  }))
  const queue = reviewQueue(entries, now, day.end, limits, {
    newCards: newStarted,
    reviews: log.reviews,
    notes: log.notes,
  })
  const deckNewLeft = Math.max(0, settings.newPerDay - log.newCards.size)
  return { ...queue, deckNewLeft, pastDeckLimit: queue.counts.new > deckNewLeft }
}

/** A card's row together with its fact and what its screen shows. */
export async function cardWithFace(
  db: AttacheDb,
  id: string,
): Promise<{ card: CardRow; fact: Fact; face: CardFace } | null> {
  const card = await db.cards.get(id)
  if (!card) return null
  const note = await db.notes.get(card.noteId)
  if (!note) return null
  return { card, fact: note.fact, face: cardFace(note.fact, card.template) }
}
