import { describe, expect, it } from 'vitest'
import { answerSequence, at, noFuzz } from '../testing/factories'
import { fromStoredState, toStoredReview, toStoredState } from './stored-state'

describe('stored scheduling state', () => {
  it('round-trips a reviewed state exactly, times as epoch ms', () => {
    const [, state] = answerSequence(at('2024-06-01T10:00:00Z'), [3, 3])
    if (!state) throw new Error('no state')
    const stored = toStoredState(state)
    expect(typeof stored.due).toBe('number')
    expect(stored.last_review).toBe(state.last_review?.getTime())
    expect(fromStoredState(stored)).toEqual(state)
  })

  it('keeps a new card without a last review', () => {
    const fresh = noFuzz.newState(at('2024-06-01T10:00:00Z'))
    const stored = toStoredState(fresh)
    expect('last_review' in stored).toBe(false)
    expect(fromStoredState(stored)).toEqual(fresh)
  })

  it('stores a review record with its times as epoch ms', () => {
    const now = at('2024-06-01T10:00:00Z')
    const { log } = noFuzz.review(noFuzz.newState(now), 3, now, 's')
    const stored = toStoredReview(log)
    expect(stored).toEqual({ ...log, due: log.due.getTime(), review: now.getTime() })
  })
})
