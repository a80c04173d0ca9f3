import { describe, expect, it } from 'vitest'
import { deck, fact } from '../core/testing/factories'
import { answer, collectionWith, questionCard, t0 } from './testing'
import { estimatedDailyReviews } from './workload'
import { defaultPreset, schedulerOptionsOf } from './presets'
import { settings } from './testing'

describe('the workload a desired retention implies', () => {
  it('grows as the desired retention rises, and is nothing without cards in review', async () => {
    const store = await collectionWith(
      deck('d', [fact({ id: 'a' }), fact({ id: 'b' }), fact({ id: 'c' })]),
    )
    expect(await estimatedDailyReviews(store, 'd', 0.9)).toBe(0)
    for (const id of ['a', 'b', 'c']) await answer(store, questionCard('d', id), 4, t0)
    const low = await estimatedDailyReviews(store, 'd', 0.8)
    const mid = await estimatedDailyReviews(store, 'd', 0.9)
    const high = await estimatedDailyReviews(store, 'd', 0.97)
    expect(low).toBeGreaterThan(0)
    expect(mid).toBeGreaterThan(low)
    expect(high).toBeGreaterThan(mid * 2)
  })
})

describe('fuzz', () => {
  it('is on unless a preset turns it off', () => {
    const preset = defaultPreset(settings)
    expect(schedulerOptionsOf(preset).fuzz).toBe(true)
    expect(schedulerOptionsOf({ ...preset, fuzz: false }).fuzz).toBe(false)
  })
})
