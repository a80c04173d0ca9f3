import {
  Queue,
  cardIdOf,
  sectionKeyOf,
  type CardRow,
  type DeckRow,
  type NoteRow,
  type ReviewLogRow,
} from '../src/app/collection'
import { BUILT_IN_NOTE_TYPES, BASIC, type NoteType } from '../src/core/notes/note-types'

/** The benchmark collection: how many decks, cards and review logs. */
export interface BenchSize {
  decks: number
  /** Cards of the first deck (the Sections screen is measured on it). */
  firstDeckCards: number
  cards: number
  logs: number
}

export const FULL: BenchSize = {
  decks: 20,
  firstDeckCards: 10_000,
  cards: 100_000,
  logs: 1_000_000,
}
export const TINY: BenchSize = { decks: 4, firstDeckCards: 500, cards: 2_000, logs: 10_000 }

const DAY = 86_400_000

/** A small deterministic generator (the bench is repeatable run to run). */
function mulberry32(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Where a benchmark collection is written: Dexie's tables, or the same calls over another store. */
export interface SeedTarget {
  noteTypes: { bulkPut(rows: NoteType[]): Promise<unknown> }
  decks: { put(row: DeckRow): Promise<unknown> }
  notes: { bulkAdd(rows: NoteRow[]): Promise<unknown> }
  cards: { bulkAdd(rows: CardRow[]): Promise<unknown> }
  revlog: { bulkAdd(rows: ReviewLogRow[]): Promise<unknown> }
}

/**
 * Writes a collection of `size` into `db`: Basic notes with one card each, in mixed states
 * (40 % new, 10 % learning, 50 % review due from a month ago to a year ahead), sections three
 * levels deep, and `size.logs` review-log rows over the past two years.
 */
export async function seedCollection(db: SeedTarget, size: BenchSize, now: number) {
  const random = mulberry32(7)
  await db.noteTypes.bulkPut([...BUILT_IN_NOTE_TYPES])
  const perDeck = (size.cards - size.firstDeckCards) / Math.max(1, size.decks - 1)
  const cardIds: string[] = []
  for (let d = 0; d < size.decks; d++) {
    const deckId = `deck-${String(d).padStart(2, '0')}`
    const count = d === 0 ? size.firstDeckCards : Math.round(perDeck)
    await db.decks.put({
      id: deckId,
      name: `Bench deck ${d}`,
      description: '',
      sourceTitle: null,
      origin: 'user',
      updatedAt: now,
    })
    const notes: NoteRow[] = []
    const cards: CardRow[] = []
    for (let i = 0; i < count; i++) {
      const id = `${deckId}/n${i}`
      const section = [`Part ${i % 5}`, `Heading ${i % 23}`, `Sub ${i % 7}`]
      notes.push({
        id,
        typeId: BASIC.id,
        deckId,
        fields: { Front: `Question ${i} of ${deckId}?`, Back: `Answer ${i}` },
        tags: [`t${i % 10}`],
        section,
        position: i,
        retired: 0,
        modifiedAt: now,
      })
      const r = random()
      const state = r < 0.4 ? 0 : r < 0.5 ? 1 : 2
      const due =
        state === 0
          ? now
          : state === 1
            ? now + (random() - 0.5) * 3_600_000
            : now + (random() * 395 - 30) * DAY
      const cardId = cardIdOf(id, 0)
      cardIds.push(cardId)
      cards.push({
        id: cardId,
        noteId: id,
        ord: 0,
        deckId,
        position: i,
        sectionKey: sectionKeyOf(section),
        queue: state === 0 ? Queue.New : state === 1 ? Queue.Learning : Queue.Review,
        revision: 0,
        due: Math.round(due),
        stability: state === 0 ? 0 : 1 + random() * 100,
        difficulty: state === 0 ? 0 : 1 + random() * 9,
        elapsed_days: 0,
        scheduled_days: state === 2 ? Math.round(1 + random() * 100) : 0,
        learning_steps: 0,
        reps: state === 0 ? 0 : 1 + Math.floor(random() * 10),
        lapses: 0,
        state,
        ...(state === 0 ? {} : { last_review: now - Math.round(random() * 30 * DAY) }),
      })
    }
    await db.notes.bulkAdd(notes)
    await db.cards.bulkAdd(cards)
  }
  const chunk = 50_000
  const start = now - 2 * 365 * DAY
  const step = Math.floor((now - DAY - start) / size.logs)
  for (let from = 0; from < size.logs; from += chunk) {
    const rows: ReviewLogRow[] = []
    for (let i = from; i < Math.min(size.logs, from + chunk); i++) {
      const cardId = cardIds[Math.floor(random() * cardIds.length)] ?? ''
      rows.push({
        id: start + i * step,
        cardId,
        noteId: cardId.slice(0, cardId.lastIndexOf('#')),
        rating: (1 + Math.floor(random() * 4)) as 1,
        state: 2,
        due: start + i * step,
        stability: 10,
        difficulty: 5,
        elapsed_days: 3,
        last_elapsed_days: 3,
        scheduled_days: 5,
        learning_steps: 0,
        review: start + i * step,
        durationMs: 5000,
      })
    }
    await db.revlog.bulkAdd(rows)
  }
}
