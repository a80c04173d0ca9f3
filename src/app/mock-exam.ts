import { z } from 'zod'
import { examItemsOfNote, type ExamItem } from '../core/exam/exam-items'
import type { ExamResult } from '../core/exam/mock-exam'
import { Queue } from './collection'
import { deckAndChildren } from './deck-tree'
import { noteTypes } from './note-types'
import type { Collection } from './collection-writes'

/**
 * What a mock exam can ask from a deck (and the decks inside it): every card of every note,
 * whatever its type (`core/exam/exam-items`), notes in the trash or retired left out. A
 * question's section is the note's, or else its deck's name.
 */
export async function examItems(store: Collection, deckId: string): Promise<ExamItem[]> {
  return store.read(async () => {
    const decks = deckAndChildren(await store.listDecks(), deckId)
    const types = new Map((await noteTypes(store)).map((t) => [t.id, t]))
    const notes = await Promise.all(decks.map((d) => store.notesOfDeck(d.id)))
    return decks.flatMap((deck, i) =>
      (notes[i] ?? []).flatMap((n) => {
        const type = types.get(n.typeId)
        if (!type || n.deletedAt !== undefined || n.retired !== 0) return []
        return examItemsOfNote(type, n, n.section.length > 0 ? n.section : [deck.name])
      }),
    )
  })
}

const tally = z.number().int().min(0)

/** One finished mock exam as its history keeps it; a backup's history is checked with it. */
export const examRecordSchema = z.object({
  at: z.number().finite(),
  deckId: z.string(),
  deckName: z.string(),
  score: tally,
  total: tally,
  bySection: z.array(z.object({ section: z.string(), right: tally, total: tally })),
})
export const examHistorySchema = z.array(examRecordSchema)

/** One finished mock exam, as its history keeps it. */
export type ExamRecord = z.infer<typeof examRecordSchema> & { bySection: ExamResult['bySection'] }

/** The settings row that keeps the mock exams' history. */
export const HISTORY_KEY = 'mockExams'
const HISTORY_LIMIT = 200

/** Past mock exams, oldest first. */
export async function examHistory(store: Collection): Promise<ExamRecord[]> {
  const row = (await store.listSettings()).find((s) => s.key === HISTORY_KEY)
  // Records that are not what the app writes (a restored backup of another making) are left out.
  if (!Array.isArray(row?.value)) return []
  return row.value.flatMap((r) => {
    const parsed = examRecordSchema.safeParse(r)
    return parsed.success ? [parsed.data] : []
  })
}

/**
 * Histories kept apart (two devices that each took exams offline) as one: every exam once (an
 * exam is its deck and the millisecond it ended), oldest first, the last 200. Each finished
 * exam is an event, like an answer: a sync merges them rather than keeping one device's list.
 * Values that are not a history add nothing.
 */
export function mergedHistories(histories: readonly unknown[]): ExamRecord[] {
  const byExam = new Map<string, ExamRecord>()
  for (const history of histories) {
    const parsed = examHistorySchema.safeParse(history)
    if (parsed.success) for (const r of parsed.data) byExam.set(`${r.at} ${r.deckId}`, r)
  }
  // Ordered by time then deck, so every device that merges the same histories lists them alike.
  return [...byExam.values()]
    .sort((a, b) => a.at - b.at || (a.deckId < b.deckId ? -1 : a.deckId > b.deckId ? 1 : 0))
    .slice(-HISTORY_LIMIT)
}

/** Adds a finished exam to the history (the last 200 are kept). */
export function recordExam(store: Collection, record: ExamRecord) {
  return store.transaction(async () => {
    const bound = store.bound()
    const history = [...(await examHistory(bound)), record].slice(-HISTORY_LIMIT)
    await store.putSetting({ key: HISTORY_KEY, value: history })
  }, ['settings'])
}

/**
 * Sends the notes an exam missed to review: their studied cards become due now (their memory
 * is left as it is); new cards stay new. A mock exam touches scheduling only through this.
 */
export function sendToReview(
  store: Collection,
  noteIds: readonly string[],
  now: Date,
): Promise<number> {
  return store.transaction(async () => {
    const cards = (await store.cardsOfNotes(noteIds)).filter(
      (c) => (c.queue === Queue.Review || c.queue === Queue.Learning) && c.due > now.getTime(),
    )
    await store.putCards(cards.map((c) => ({ ...c, due: now.getTime(), revision: c.revision + 1 })))
    return cards.length
  }, ['cards'])
}
