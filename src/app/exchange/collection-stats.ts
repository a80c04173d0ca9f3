import { largest, smallest } from '../../core/extent'
import {
  cardStates,
  cardTallyOf,
  CARD_TALLY_LENGTH,
  sumTallies,
} from '../../core/stats/review-stats'
import { Queue } from '../collection'
import type { CollectionData } from './collection-data'

export interface CollectionStats {
  decks: { name: string; notes: number; cards: number }[]
  notes: number
  cards: ReturnType<typeof cardStates>
  reviewLogs: number
  firstReview: number | null
  lastReview: number | null
  media: { files: number; bytes: number }
}

/** The cards of `data` by state (new, learning, review, suspended, buried…). */
export function cardStatesOf(data: CollectionData) {
  return cardStates(
    sumTallies(
      data.cards.flatMap((c) => {
        const t = cardTallyOf(c)
        return t ? [t] : []
      }),
      CARD_TALLY_LENGTH,
    ),
  )
}

/** Cards that would be shown at `now`: learning and review cards due by then, not held back. */
export function cardsDueBy(data: CollectionData, now: Date): number {
  return data.cards.filter(
    (c) => (c.queue === Queue.Learning || c.queue === Queue.Review) && c.due <= now.getTime(),
  ).length
}

/** What a collection holds, counted. */
export function collectionStats(data: CollectionData): CollectionStats {
  const cards = cardStatesOf(data)
  const perDeck = new Map(data.decks.map((d) => [d.id, { name: d.name, notes: 0, cards: 0 }]))
  for (const n of data.notes) {
    const d = perDeck.get(n.deckId)
    if (d) d.notes++
  }
  for (const c of data.cards) {
    const d = perDeck.get(c.deckId)
    if (d) d.cards++
  }
  return {
    decks: [...perDeck.values()].sort((a, b) => a.name.localeCompare(b.name)),
    notes: data.notes.length,
    cards,
    reviewLogs: data.reviewLogs.length,
    firstReview: data.reviewLogs.length ? smallest(data.reviewLogs, (l) => l.id) : null,
    lastReview: data.reviewLogs.length ? largest(data.reviewLogs, (l) => l.id) : null,
    media: { files: data.media.length, bytes: data.media.reduce((s, m) => s + m.size, 0) },
  }
}

const day = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString().slice(0, 10))

/** The stats as plain text (one fact per line, decks indented). */
export function formatStats(s: CollectionStats): string {
  const total = Object.values(s.cards).reduce((a, b) => a + b, 0)
  const lines = [
    `notes: ${s.notes}`,
    `cards: ${total} (new ${s.cards.new}, learning ${s.cards.learning + s.cards.relearning}, review ${s.cards.review}, suspended ${s.cards.suspended}, buried ${s.cards.buried})`,
    `review logs: ${s.reviewLogs} (${day(s.firstReview)} to ${day(s.lastReview)})`,
    `media: ${s.media.files} files, ${s.media.bytes} bytes`,
    `decks: ${s.decks.length}`,
    ...s.decks.map((d) => `  ${d.name}: ${d.notes} notes, ${d.cards} cards`),
  ]
  return lines.join('\n')
}
