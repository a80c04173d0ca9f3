import { forgetting_curve, fsrs, generatorParameters, type FSRSState } from 'ts-fsrs'
import type { FsrsReview } from './fsrs-items'

/**
 * How well FSRS parameters predict a history: for every item, the card's memory after all but
 * its last review (ts-fsrs's own state update, short-term on), the recall it predicts for the
 * last one, and what happened. Log loss over all items; RMSE over 20 bins of predicted recall,
 * weighted by their size (a calibration measure like fsrs-rs's binned RMSE, computed here).
 * Without `w`, FSRS's default parameters.
 */
export function evaluateParameters(items: readonly FsrsReview[][], w?: readonly number[]) {
  const engine = fsrs(generatorParameters({ ...(w ? { w: [...w] } : {}), enable_short_term: true }))
  const weights = engine.parameters.w
  const bins = new Map<number, { p: number; y: number; n: number }>()
  let loss = 0
  let count = 0
  for (const item of items) {
    const last = item[item.length - 1]
    if (!last || item.length < 2) continue
    let state: FSRSState | null = null
    for (const r of item.slice(0, -1)) state = engine.next_state(state, r.deltaT, r.rating)
    if (!state) continue
    const p = Math.min(
      1 - 1e-6,
      Math.max(1e-6, forgetting_curve(weights, last.deltaT, state.stability)),
    )
    const y = last.rating > 1 ? 1 : 0
    loss += -(y * Math.log(p) + (1 - y) * Math.log(1 - p))
    count++
    const bin = Math.round(p * 20)
    const b = bins.get(bin) ?? { p: 0, y: 0, n: 0 }
    b.p += p
    b.y += y
    b.n++
    bins.set(bin, b)
  }
  let squared = 0
  for (const b of bins.values()) squared += b.n * (b.p / b.n - b.y / b.n) ** 2
  return {
    logLoss: count ? loss / count : NaN,
    rmse: count ? Math.sqrt(squared / count) : NaN,
    items: count,
  }
}
