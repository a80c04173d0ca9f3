import { evaluateParameters } from '../core/stats/evaluate-parameters'
import {
  FSRSBindingItem,
  FSRSBindingReview,
  computeParameters,
} from '@open-spaced-repetition/binding'
import type { FsrsReview } from '../core/stats/fsrs-items'

/** What the optimizer found, beside how the defaults do on the same history. */
export interface OptimizeReport {
  items: number
  parameters: number[]
  defaults: { logLoss: number; rmse: number }
  optimized: { logLoss: number; rmse: number }
}

/** Fewer training items than this, and the optimizer says there is too little history. */
export const MIN_ITEMS = 400

const toBinding = (items: readonly FsrsReview[][]) =>
  items.map(
    (item) => new FSRSBindingItem(item.map((r) => new FSRSBindingReview(r.rating, r.deltaT))),
  )

/**
 * FSRS parameters optimized on a review history with the FSRS project's own optimizer
 * (fsrs-rs through its Node binding), and the log loss and binned RMSE of the default and the
 * optimized parameters on that history, scored by ts-fsrs's memory model.
 */
export async function optimizeParameters(
  items: readonly FsrsReview[][],
  progress?: (done: number, total: number) => void,
): Promise<OptimizeReport> {
  if (items.length < MIN_ITEMS)
    throw new Error(
      `too little history to optimize: ${items.length} reviews on a later day than the one before (at least ${MIN_ITEMS} are needed)`,
    )
  const set = toBinding(items)
  const parameters = await computeParameters(set, {
    enableShortTerm: true,
    ...(progress ? { progress: (done: number, total: number) => void progress(done, total) } : {}),
  })
  // Both scored the same way, by ts-fsrs's memory model (core/stats/evaluate-parameters).
  const evaluate = (params?: number[]) => {
    const { logLoss, rmse } = evaluateParameters(items, params)
    return { logLoss, rmse }
  }
  return { items: items.length, parameters, defaults: evaluate(), optimized: evaluate(parameters) }
}
