import { checkTypedAnswer, checkTypedText, type Verdict } from '../core/answers/check-answer'
import type { Fact } from '../core/decks/deck-schema'
import { factOfNote } from '../core/notes/fact-fields'
import { cardFace, type CardFace } from '../core/notes/note-cards'
import { FACT_TYPE } from '../core/notes/note-types'
import { plainText } from '../core/notes/render-template'
import type { Scheduler } from '../core/scheduling/scheduler'
import { fromStoredState } from '../core/scheduling/stored-state'
import type { CardRow, NoteRow, ReviewLogRow } from './collection'
import { findNoteType } from './note-types'
import type { Collection } from './collection-writes'

/** A card with its note and what the study screen shows. */
export interface CardView {
  card: CardRow
  note: NoteRow
  face: CardFace
  /** For the fact type: the fact the note states (typed figures and dates are checked against it). */
  fact: Fact | null
}

/** A card's row, note and faces; null when the card or its note or type is gone. */
export async function cardView(store: Collection, id: string): Promise<CardView | null> {
  const card = await store.getCard(id)
  if (!card) return null
  const note = await store.getNote(card.noteId)
  if (!note) return null
  const type = await findNoteType(store, note.typeId)
  if (!type) return null
  const face = cardFace(type, note.fields, card.ord, note.section)
  const fact = type.id === FACT_TYPE.id ? factOfNote(note.id, note.section, note.fields) : null
  return { card, note, face, fact }
}

/** Checks a typed answer: against the fact (figures, dates, acronyms) or the typed field's text. */
export function checkTyped(view: CardView, typed: string): Verdict {
  if (view.fact) return checkTypedAnswer(view.fact, typed)
  return checkTypedText(plainText(view.note.fields[view.face.typeField ?? ''] ?? ''), typed)
}

/** Everything about one card, for Anki's "card info": its state, its note, its whole history. */
export interface CardInfo {
  view: CardView
  deckName: string
  /** The chance of recalling it now (FSRS retrievability); null for a card never studied. */
  retrievability: number | null
  logs: ReviewLogRow[]
}

/** The card info of a card; null when it is gone. */
export async function cardInfo(
  store: Collection,
  scheduler: Scheduler,
  cardId: string,
  now: Date,
): Promise<CardInfo | null> {
  const view = await cardView(store, cardId)
  if (!view) return null
  const [deck, logs] = await Promise.all([
    store.getDeck(view.card.deckId),
    store.logsOfCard(cardId),
  ])
  const retrievability =
    view.card.state === 0 ? null : scheduler.retrievability(fromStoredState(view.card), now)
  return { view, deckName: deck?.name ?? view.card.deckId, retrievability, logs }
}
