import { cardFace, type CardFace } from '../../core/cards/card-templates'
import type { Fact } from '../../core/decks/deck-schema'
import { inSection } from '../../core/decks/sections'
import { CardState } from '../../core/scheduling/scheduler'
import type { DoneToday } from '../../core/study/review-queue'
import type { AttacheDb, CardRow } from './db'

/** The deck's cards that can be studied (not retired), optionally only those of one section. */
export async function studyableCards(
  db: AttacheDb,
  deckId: string,
  section?: readonly string[],
): Promise<CardRow[]> {
  const cards = (await db.cards.where('deckId').equals(deckId).toArray()).filter((c) => !c.retired)
  if (!section?.length) return cards
  const notes = await db.notes.where('deckId').equals(deckId).toArray()
  const inside = new Set(notes.filter((n) => inSection(n.fact.section, section)).map((n) => n.id))
  return cards.filter((c) => inside.has(c.noteId))
}

/** New cards and reviews already answered in this deck since `dayStart`. */
export async function doneSince(db: AttacheDb, deckId: string, dayStart: Date): Promise<DoneToday> {
  const logs = await db.reviewLogs
    .where('[deckId+review]')
    .between([deckId, dayStart], [deckId, new Date(8.64e15)], true, true)
    .toArray()
  const firstSeen = new Set<string>()
  let reviews = 0
  for (const l of logs) {
    if (l.state === CardState.New) firstSeen.add(l.cardId)
    else if (l.state === CardState.Review) reviews++
  }
  return { newCards: firstSeen.size, reviews }
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
