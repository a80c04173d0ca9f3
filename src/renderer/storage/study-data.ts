import { cardFace, type CardFace } from '../../core/cards/card-templates'
import { CardState } from '../../core/scheduling/scheduler'
import type { DoneToday } from '../../core/study/review-queue'
import type { AttacheDb, CardRow } from './db'

/** The deck's cards that can be studied (not retired). */
export async function studyableCards(db: AttacheDb, deckId: string): Promise<CardRow[]> {
  const cards = await db.cards.where('deckId').equals(deckId).toArray()
  return cards.filter((c) => !c.retired)
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

/** A card's row together with what its screen shows. */
export async function cardWithFace(
  db: AttacheDb,
  id: string,
): Promise<{ card: CardRow; face: CardFace } | null> {
  const card = await db.cards.get(id)
  if (!card) return null
  const note = await db.notes.get(card.noteId)
  if (!note) return null
  return { card, face: cardFace(note.fact, card.template) }
}
