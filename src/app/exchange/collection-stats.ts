import { Queue } from '../collection'
import type { CollectionData } from './collection-data'

export interface CollectionStats {
  decks: { name: string; notes: number; cards: number }[]
  notes: number
  cards: Record<'new' | 'learning' | 'review' | 'suspended' | 'buried' | 'other', number>
  /** Cards whose next review is due by `now`. */
  due: number
  reviewLogs: number
  firstReview: number | null
  lastReview: number | null
  media: { files: number; bytes: number }
}

const QUEUE_NAMES: Record<number, keyof CollectionStats['cards']> = {
  [Queue.New]: 'new',
  [Queue.Learning]: 'learning',
  [Queue.Review]: 'review',
  [Queue.Suspended]: 'suspended',
  [Queue.Buried]: 'buried',
}

/** What a collection holds, counted. */
export function collectionStats(data: CollectionData, now: Date): CollectionStats {
  const cards = { new: 0, learning: 0, review: 0, suspended: 0, buried: 0, other: 0 }
  let due = 0
  for (const c of data.cards) {
    cards[QUEUE_NAMES[c.queue] ?? 'other']++
    if ((c.queue === Queue.Learning || c.queue === Queue.Review) && c.due <= now.getTime()) due++
  }
  const perDeck = new Map(data.decks.map((d) => [d.id, { name: d.name, notes: 0, cards: 0 }]))
  for (const n of data.notes) {
    const d = perDeck.get(n.deckId)
    if (d) d.notes++
  }
  for (const c of data.cards) {
    const d = perDeck.get(c.deckId)
    if (d) d.cards++
  }
  const ids = data.reviewLogs.map((l) => l.id)
  return {
    decks: [...perDeck.values()].sort((a, b) => a.name.localeCompare(b.name)),
    notes: data.notes.length,
    cards,
    due,
    reviewLogs: data.reviewLogs.length,
    firstReview: ids.length ? Math.min(...ids) : null,
    lastReview: ids.length ? Math.max(...ids) : null,
    media: { files: data.media.length, bytes: data.media.reduce((s, m) => s + m.size, 0) },
  }
}

const day = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString().slice(0, 10))

/** The stats as plain text (one fact per line, decks indented). */
export function formatStats(s: CollectionStats): string {
  const total = Object.values(s.cards).reduce((a, b) => a + b, 0)
  const lines = [
    `notes: ${s.notes}`,
    `cards: ${total} (new ${s.cards.new}, learning ${s.cards.learning}, review ${s.cards.review}, suspended ${s.cards.suspended}, buried ${s.cards.buried})`,
    `due now: ${s.due}`,
    `review logs: ${s.reviewLogs} (${day(s.firstReview)} to ${day(s.lastReview)})`,
    `media: ${s.media.files} files, ${s.media.bytes} bytes`,
    `decks: ${s.decks.length}`,
    ...s.decks.map((d) => `  ${d.name}: ${d.notes} notes, ${d.cards} cards`),
  ]
  return lines.join('\n')
}
