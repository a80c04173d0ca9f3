import { formatInterval } from '../scheduling/format-interval'
import { DAY_MS } from '../units'

/**
 * When a deck with nothing left today has more, in words: "in 3h" for a learning step later
 * today, "tomorrow" for the next study day, "in 4 days" after that; null when it has nothing
 * more at all. Times in epoch ms; `dayEnd` is when the current study day ends.
 */
export function nextStudyIn(now: number, dayEnd: number, nextAt: number | null): string | null {
  if (nextAt === null) return null
  if (nextAt < dayEnd) return `in ${formatInterval(new Date(now), new Date(nextAt))}`
  const days = Math.floor((nextAt - dayEnd) / DAY_MS) + 1
  return days === 1 ? 'tomorrow' : `in ${days} days`
}
