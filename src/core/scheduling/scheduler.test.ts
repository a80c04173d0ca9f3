import { describe, expect, it } from 'vitest'
import { at, answerSequence, noFuzz } from '../testing/factories'
import { CardState, Scheduler, fuzzSeed, type Grade } from './scheduler'

const DAY = 86_400_000

describe('Scheduler (FSRS-6 through ts-fsrs)', () => {
  it('matches the ts-fsrs / py-fsrs cross-implementation vector', () => {
    // New card first reviewed 2022-11-29 12:30 UTC, default parameters, no fuzz.
    const grades: Grade[] = [3, 3, 3, 3, 3, 3, 1, 1, 3, 3, 3, 3, 3]
    const states = answerSequence(at('2022-11-29T12:30:00Z'), grades)
    expect(states.map((s) => s.scheduled_days)).toEqual([
      0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21,
    ])
  })

  it('recall from stored numbers is the retrievability ts-fsrs gives the whole card', () => {
    const scheduler = new Scheduler()
    const states = answerSequence(at('2024-01-01T09:00:00Z'), [3, 1, 3, 3, 4, 2, 3])
    let compared = 0
    for (const state of states)
      for (const days of [0, 0.4, 1, 1.6, 3, 10, 45, 400]) {
        const now = new Date((state.last_review?.getTime() ?? 0) + days * DAY)
        expect(
          scheduler.recall(
            state.state,
            state.stability,
            state.last_review?.getTime(),
            now.getTime(),
          ),
        ).toBe(scheduler.retrievability(state, now))
        compared++
      }
    expect(compared).toBe(states.length * 8)
    expect(scheduler.recall(CardState.New, 0, undefined, DAY)).toBe(0)
  })

  it('gives the same fuzzed interval for the same card and seed, and may differ for another seed', () => {
    const fuzzy = new Scheduler({ fuzz: true })
    const graduated = answerSequence(at('2024-01-01T09:00:00Z'), [3, 3, 3], fuzzy).at(-1)
    if (!graduated) throw new Error('no state')
    const now = graduated.due
    const a = fuzzy.review(graduated, 3, now, fuzzSeed('deck/f1/qa', graduated.reps))
    const b = fuzzy.review(graduated, 3, now, fuzzSeed('deck/f1/qa', graduated.reps))
    expect(a.state.due.getTime()).toBe(b.state.due.getTime())
    const dues = new Set(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((id) =>
        fuzzy.review(graduated, 3, now, fuzzSeed(id, 3)).state.due.getTime(),
      ),
    )
    expect(dues.size).toBeGreaterThan(1)
  })

  it('previews the due time of each grade as review() would produce it', () => {
    const now = at('2024-03-01T10:00:00Z')
    const card = noFuzz.newState(now)
    const preview = noFuzz.preview(card, now, 's')
    for (const g of [1, 2, 3, 4] as Grade[]) {
      expect(preview[g].getTime()).toBe(noFuzz.review(card, g, now, 's').state.due.getTime())
    }
    expect(preview[1].getTime() - now.getTime()).toBe(60_000)
    expect(preview[3].getTime() - now.getTime()).toBe(10 * 60_000)
    expect(preview[4].getTime() - now.getTime()).toBeGreaterThanOrEqual(DAY)
  })
})
