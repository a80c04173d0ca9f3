import { groupBy } from '../group-by'
import type { DayOf } from './review-stats'

/** One review as the FSRS optimizer reads it: the button, and days since the card's previous review. */
export interface FsrsReview {
  rating: number
  deltaT: number
}

/** A review of a card, for the optimizer: which card, when, which button. */
export interface HistoryEntry {
  cardId: string
  at: number
  rating: number
}

/**
 * Review histories as the FSRS optimizer trains on them (fsrs-rs's items): for each card, one
 * item per review that came on a later day than the one before it, holding the card's reviews
 * up to and including it, each with the whole days since the previous one (0 for the first).
 * Manual entries (rating 0) are left out.
 */
export function fsrsItems(history: readonly HistoryEntry[], dayOf: DayOf): FsrsReview[][] {
  const byCard = groupBy(
    history.filter((h) => h.rating >= 1 && h.rating <= 4),
    (h) => h.cardId,
  )
  const items: FsrsReview[][] = []
  for (const reviews of byCard.values()) {
    reviews.sort((a, b) => a.at - b.at)
    const days = reviews.map((r) => dayOf(r.at))
    const seq = reviews.map((r, i) => ({
      rating: r.rating,
      deltaT: i === 0 ? 0 : (days[i] as number) - (days[i - 1] as number),
    }))
    for (let i = 1; i < seq.length; i++)
      if ((seq[i] as FsrsReview).deltaT > 0) items.push(seq.slice(0, i + 1))
  }
  return items
}
