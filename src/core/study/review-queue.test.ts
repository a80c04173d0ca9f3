import { describe, expect, it } from 'vitest'
import { at, newCardAt, noFuzz, queueCard } from '../testing/factories'
import { DEFAULT_LIMITS, reviewQueue, type QueueCard } from './review-queue'

const now = at('2024-06-01T10:00:00Z')
const dayEnd = at('2024-06-01T19:00:00Z')
const MIN = 60_000
const DAY = 86_400_000

function learningDueIn(id: string, ms: number): QueueCard {
  const s = noFuzz.review(
    newCardAt(at('2024-06-01T09:00:00Z')),
    3,
    at('2024-06-01T09:00:00Z'),
    'x',
  ).state
  return queueCard(id, 100, { ...s, due: new Date(now.getTime() + ms) })
}

function reviewDueIn(id: string, ms: number): QueueCard {
  let s = newCardAt(at('2024-05-01T09:00:00Z'))
  s = noFuzz.review(s, 4, at('2024-05-01T09:00:00Z'), 'x').state
  return queueCard(id, 100, { ...s, due: new Date(now.getTime() + ms) })
}

const fresh = (id: string, position: number) => queueCard(id, position, newCardAt(now))
const none = { newCards: 0, reviews: 0, notes: new Set<string>() }

describe('reviewQueue', () => {
  it('orders learning, then reviews, then new cards', () => {
    const q = reviewQueue(
      [
        fresh('n2', 2),
        reviewDueIn('r1', -DAY),
        fresh('n1', 1),
        learningDueIn('l1', -MIN),
        reviewDueIn('r0', -2 * DAY),
      ],
      now,
      dayEnd,
      DEFAULT_LIMITS,
      none,
    )
    expect(q.order).toEqual(['l1', 'r0', 'r1', 'n1', 'n2'])
    expect(q.counts).toEqual({ learning: 1, review: 2, new: 2 })
  })

  it('includes reviews due later today but not tomorrow', () => {
    const q = reviewQueue(
      [reviewDueIn('today', 3 * 3_600_000), reviewDueIn('tomorrow', DAY)],
      now,
      dayEnd,
      DEFAULT_LIMITS,
      none,
    )
    expect(q.order).toEqual(['today'])
  })

  it('caps new cards by what is left of the daily limit', () => {
    const cards = Array.from({ length: 30 }, (_, i) => fresh(`n${i}`, i))
    expect(
      reviewQueue(cards, now, dayEnd, { ...DEFAULT_LIMITS, newPerDay: 20 }, none).counts.new,
    ).toBe(20)
    expect(
      reviewQueue(
        cards,
        now,
        dayEnd,
        { ...DEFAULT_LIMITS, newPerDay: 20 },
        { ...none, newCards: 15 },
      ).order,
    ).toEqual(['n0', 'n1', 'n2', 'n3', 'n4'])
    expect(
      reviewQueue(
        cards,
        now,
        dayEnd,
        { ...DEFAULT_LIMITS, newPerDay: 20 },
        { ...none, newCards: 25 },
      ).counts.new,
    ).toBe(0)
  })

  it('caps reviews by the daily review limit', () => {
    const cards = Array.from({ length: 5 }, (_, i) => reviewDueIn(`r${i}`, -i * MIN))
    const q = reviewQueue(
      cards,
      now,
      dayEnd,
      { ...DEFAULT_LIMITS, reviewsPerDay: 3 },
      { ...none, reviews: 1 },
    )
    expect(q.order).toEqual(['r4', 'r3'])
  })

  it('counts a learning card due within the learn-ahead limit, and shows it after the rest', () => {
    const q = reviewQueue(
      [learningDueIn('soon', 5 * MIN), fresh('n', 1)],
      now,
      dayEnd,
      DEFAULT_LIMITS,
      none,
    )
    expect(q.order).toEqual(['n', 'soon'])
    expect(q.counts).toEqual({ learning: 1, review: 0, new: 1 })
  })

  it('does not count a learning card due later today, and says when it comes', () => {
    const q = reviewQueue(
      [learningDueIn('later', 3 * 3_600_000)],
      now,
      dayEnd,
      DEFAULT_LIMITS,
      none,
    )
    expect(q.order).toEqual([])
    expect(q.counts).toEqual({ learning: 0, review: 0, new: 0 })
    expect(q.nextAt).toBe(now.getTime() + 3 * 3_600_000)
  })

  it("says the next study day when only tomorrow's reviews or held-back new cards remain", () => {
    const tomorrow = reviewQueue([reviewDueIn('r', DAY)], now, dayEnd, DEFAULT_LIMITS, none)
    expect(tomorrow.nextAt).toBe(dayEnd.getTime())
    const inThreeDays = reviewQueue([reviewDueIn('r', 3 * DAY)], now, dayEnd, DEFAULT_LIMITS, none)
    expect(inThreeDays.nextAt).toBe(dayEnd.getTime() + 2 * DAY)
    const held = reviewQueue(
      [fresh('n', 1)],
      now,
      dayEnd,
      { ...DEFAULT_LIMITS, newPerDay: 0 },
      none,
    )
    expect(held.counts.new).toBe(0)
    expect(held.nextAt).toBe(dayEnd.getTime())
    expect(reviewQueue([], now, dayEnd, DEFAULT_LIMITS, none).nextAt).toBeNull()
  })

  it('shows learning cards due within the learn-ahead limit when nothing else is left', () => {
    const cards = [learningDueIn('soon', 5 * MIN), learningDueIn('later', 30 * MIN)]
    expect(reviewQueue(cards, now, dayEnd, DEFAULT_LIMITS, none).order).toEqual(['soon'])
    expect(
      reviewQueue(cards, now, dayEnd, { ...DEFAULT_LIMITS, learnAheadMs: 0 }, none).order,
    ).toEqual([])
  })

  it('buries sibling cards: one card per fact per day', () => {
    const typed = queueCard('f1/typed', 0, newCardAt(now), 'f1')
    const cloze = queueCard('f1/cloze', 1, newCardAt(now), 'f1')
    const other = queueCard('f2/qa', 2, newCardAt(now), 'f2')
    expect(reviewQueue([typed, cloze, other], now, dayEnd, DEFAULT_LIMITS, none).order).toEqual([
      'f1/typed',
      'f2/qa',
    ])
    const seenF1 = { ...none, newCards: 1, notes: new Set(['f1']) }
    expect(reviewQueue([cloze, other], now, dayEnd, DEFAULT_LIMITS, seenF1).order).toEqual([
      'f2/qa',
    ])
  })

  it('does not bury a learning card whose sibling was answered today', () => {
    const learning = { ...learningDueIn('f1/typed', -MIN), noteId: 'f1' }
    const q = reviewQueue([learning], now, dayEnd, DEFAULT_LIMITS, {
      ...none,
      notes: new Set(['f1']),
    })
    expect(q.order).toEqual(['f1/typed'])
  })
})
