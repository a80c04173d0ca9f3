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

describe('RMSE(bins) as srs-benchmark defines it', () => {
  // Every item is Good on day 0, then a review after `gap` days: recalled or not.
  const item = (gap: number, recalled: boolean): FsrsReview[] => [
    { rating: 3, deltaT: 0 },
    { rating: recalled ? 3 : 1, deltaT: gap },
  ]
  const predicted = (gap: number) => Math.exp(-evaluateParameters([item(gap, true)]).logLoss)

  it('is the gap between the mean prediction and the mean outcome within one bin', () => {
    // Eight items alike: one bin; six of eight recalled.
    const items = [...Array(8).keys()].map((i) => item(2, i < 6))
    const p = predicted(2)
    expect(evaluateParameters(items).rmse).toBeCloseTo(Math.abs(p - 0.75), 10)
  })

  it('bins by the days since the last review, so errors of opposite sign do not cancel', () => {
    // One day and thirty days apart fall in different bins (a logarithmic scale in base 3.62).
    const early = [...Array(3).keys()].map(() => item(1, false))
    const late = [...Array(5).keys()].map(() => item(30, true))
    const [p1, p30] = [predicted(1), predicted(30)]
    const expected = Math.sqrt((3 * p1 ** 2 + 5 * (p30 - 1) ** 2) / 8)
    expect(evaluateParameters([...early, ...late]).rmse).toBeCloseTo(expected, 10)
    // Four and twelve days share a bin (3.62 to 13.1), though recall is predicted apart.
    const pooled = [item(4, true), item(12, false)]
    expect(predicted(4) - predicted(12)).toBeGreaterThan(0.05)
    const mean = (predicted(4) + predicted(12)) / 2
    expect(evaluateParameters(pooled).rmse).toBeCloseTo(Math.abs(mean - 0.5), 10)
  })

  it('weighs recent items more under recency weighting, as fsrs-rs evaluate does', () => {
    // Weights 0.25 … 1 from first to last: a late failure costs more than an early one.
    const lateFailure = [item(5, true), item(5, true), item(5, false)]
    const earlyFailure = [item(5, false), item(5, true), item(5, true)]
    expect(evaluateParameters(lateFailure).logLoss).toBeCloseTo(
      evaluateParameters(earlyFailure).logLoss,
      10,
    )
    expect(
      evaluateParameters(lateFailure, undefined, 'recency').logLoss -
        evaluateParameters(earlyFailure, undefined, 'recency').logLoss,
    ).toBeGreaterThan(0.5)
  })
})
