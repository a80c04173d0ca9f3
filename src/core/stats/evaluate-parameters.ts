import { forgetting_curve, fsrs, generatorParameters, type FSRSState } from 'ts-fsrs'
import type { FsrsReview } from './fsrs-items'

/**
 * How each item counts: `count` gives every item the weight 1, as the FSRS project's benchmark
 * (srs-benchmark) scores models; `recency` weighs the i-th of n items 0.25 + 0.75·(i/(n−1))³,
 * as fsrs-rs's `evaluate` (and so Anki's "Evaluate" button) does on items sorted by time.
 */
export type ItemWeighting = 'count' | 'recency'

/**
 * The bin an item falls in for RMSE(bins), as srs-benchmark and fsrs-rs define it
 * (`r_matrix_index` in fsrs-rs's dataset.rs): days since the previous review, the number of
 * reviews on a later day than the one before (plus one), and the lapses before it, each on a
 * logarithmic scale.
 */
function binOf(item: readonly FsrsReview[]): string {
  const last = item[item.length - 1] as FsrsReview
  const log = (x: number, base: number) => Math.floor(Math.log(x) / Math.log(base))
  const deltaBin = Math.round(2.48 * 3.62 ** log(last.deltaT, 3.62) * 100)
  const length = item.filter((r) => r.deltaT > 0).length + 1
  const lengthBin = Math.round(1.99 * 1.89 ** log(length, 1.89))
  let lapses = 0
  for (let i = 0; i < item.length - 1; i++) {
    const r = item[i] as FsrsReview
    if (r.rating === 1 && r.deltaT > 0) lapses++
  }
  const lapseBin = lapses === 0 ? 0 : Math.round(1.65 * 1.73 ** log(lapses, 1.73))
  return `${deltaBin} ${lengthBin} ${lapseBin}`
}

/**
 * How well FSRS parameters predict a history, as the FSRS project measures it: for every item,
 * the card's memory after all but its last review (ts-fsrs's own state update, short-term on),
 * the recall it predicts for the last one, and what happened (recalled unless Again).
 * - `logLoss`: the (weighted) mean binary cross-entropy;
 * - `rmse`: RMSE(bins): items grouped by `binOf`, and the root of the weighted mean squared
 *   difference between each bin's mean prediction and its mean outcome.
 * Without `w`, FSRS's default parameters. Items with no review before their last are skipped.
 */
export function evaluateParameters(
  items: readonly FsrsReview[][],
  w?: readonly number[],
  weighting: ItemWeighting = 'count',
) {
  const engine = fsrs(generatorParameters({ ...(w ? { w: [...w] } : {}), enable_short_term: true }))
  const weights = engine.parameters.w
  const scored = items.filter((item) => item.length >= 2)
  const span = Math.max(1, scored.length - 1)
  const bins = new Map<string, { p: number; y: number; n: number; weight: number }>()
  let loss = 0
  let weightSum = 0
  scored.forEach((item, index) => {
    const last = item[item.length - 1] as FsrsReview
    let state: FSRSState | null = null
    for (let i = 0; i < item.length - 1; i++) {
      const r = item[i] as FsrsReview
      state = engine.next_state(state, r.deltaT, r.rating)
    }
    if (!state) return
    const p = Math.min(
      1 - 1e-7,
      Math.max(1e-7, forgetting_curve(weights, last.deltaT, state.stability)),
    )
    const y = last.rating > 1 ? 1 : 0
    const weight = weighting === 'recency' ? 0.25 + 0.75 * (index / span) ** 3 : 1
    loss -= (y * Math.log(p) + (1 - y) * Math.log(1 - p)) * weight
    weightSum += weight
    const key = binOf(item)
    const bin = bins.get(key) ?? { p: 0, y: 0, n: 0, weight: 0 }
    bin.p += p
    bin.y += y
    bin.n++
    bin.weight += weight
    bins.set(key, bin)
  })
  let squared = 0
  for (const b of bins.values()) squared += (b.p / b.n - b.y / b.n) ** 2 * b.weight
  return {
    logLoss: weightSum ? loss / weightSum : NaN,
    rmse: weightSum ? Math.sqrt(squared / weightSum) : NaN,
    items: scored.length,
  }
}
