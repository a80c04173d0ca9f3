import { describe, expect, it } from 'vitest'
import { default_w } from 'ts-fsrs'
import { evaluateParameters } from './evaluate-parameters'
import type { FsrsReview } from './fsrs-items'

/** Items of a learner who remembers everything reviewed within a week. */
function rememberedHistory(): FsrsReview[][] {
  const items: FsrsReview[][] = []
  for (let card = 0; card < 50; card++) {
    const reviews: FsrsReview[] = [{ rating: 3, deltaT: 0 }]
    for (const gap of [1, 3, 7]) {
      reviews.push({ rating: 3, deltaT: gap })
      items.push([...reviews])
    }
  }
  return items
}

describe('evaluating FSRS parameters on a history', () => {
  it('scores predictions: parameters that expect forgetting fit a learner who remembers worse', () => {
    const items = rememberedHistory()
    const defaults = evaluateParameters(items)
    expect(defaults.items).toBe(150)
    expect(defaults.logLoss).toBeGreaterThan(0)
    expect(defaults.logLoss).toBeLessThan(0.3)
    // Initial stabilities of a tenth of a day: recall predicted near zero after a day.
    const forgetful = [0.1, 0.1, 0.1, 0.1, ...default_w.slice(4)]
    const bad = evaluateParameters(items, forgetful)
    expect(bad.logLoss).toBeGreaterThan(defaults.logLoss)
    expect(bad.rmse).toBeGreaterThan(defaults.rmse)
  })
})
