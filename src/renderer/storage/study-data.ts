import { cardFace, type CardFace } from '../../core/cards/card-templates'
import type { Fact } from '../../core/decks/deck-schema'
import { inSection } from '../../core/decks/sections'
import { CardState } from '../../core/scheduling/scheduler'
import { studyDay, type StudyDay } from '../../core/study/day-boundary'
import {
  DEFAULT_LIMITS,
  reviewQueue,
  type DoneToday,
  type ReviewQueue,
} from '../../core/study/review-queue'
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

/** New cards, reviews and facts already answered in this deck since `dayStart`. */
export async function doneSince(db: AttacheDb, deckId: string, dayStart: Date): Promise<DoneToday> {
  const logs = await db.reviewLogs
    .where('[deckId+review]')
    .between([deckId, dayStart], [deckId, new Date(8.64e15)], true, true)
    .toArray()
  const firstSeen = new Set<string>()
  const notes = new Set<string>()
  let reviews = 0
  for (const l of logs) {
    notes.add(l.noteId)
    if (l.state === CardState.New) firstSeen.add(l.cardId)
    else if (l.state === CardState.Review) reviews++
  }
  return { newCards: firstSeen.size, reviews, notes }
}

/** The study day `now` falls in, under the user's rollover hour and local time zone. */
export function studyDayAt(settings: Settings, now: Date): StudyDay {
  return studyDay(now, settings.rolloverHour, -now.getTimezoneOffset())
}

/** The queue over cards already in hand (a session keeps its deck's cards between answers). */
export function queueOf(
  cards: readonly CardRow[],
  done: DoneToday,
  settings: Settings,
  now: Date,
  day: StudyDay,
): ReviewQueue {
  const limits = {
    ...DEFAULT_LIMITS,
    newPerDay: settings.newPerDay,
    reviewsPerDay: settings.reviewsPerDay,
  }
  const entries = cards.map((c) => ({ id: c.id, noteId: c.noteId, position: c.position, state: c }))
  return reviewQueue(entries, now, day.end, limits, done)
}

/** What to study now in a deck (or one of its sections), read fresh from storage. */
export async function studyQueue(
  db: AttacheDb,
  deckId: string,
  section: readonly string[] | null,
  settings: Settings,
  now: Date,
): Promise<{ queue: ReviewQueue; cards: CardRow[]; day: StudyDay }> {
  const day = studyDayAt(settings, now)
  const [cards, done] = await Promise.all([
    studyableCards(db, deckId, section),
    doneSince(db, deckId, day.start),
  ])
  return { queue: queueOf(cards, done, settings, now, day), cards, day }
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
