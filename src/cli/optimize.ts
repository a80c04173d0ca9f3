import {
  FSRSBindingItem,
  FSRSBindingReview,
  computeParameters,
} from '@open-spaced-repetition/binding'
import type { Trainer } from '../app/optimize'

/**
 * The FSRS project's optimizer (fsrs-rs) through its Node binding: what `cli optimize` trains
 * with. The app's worker trains with the same optimizer compiled to WebAssembly.
 */
export const bindingTrainer: Trainer = (items, progress) =>
  computeParameters(
    items.map(
      (item) => new FSRSBindingItem(item.map((r) => new FSRSBindingReview(r.rating, r.deltaT))),
    ),
    {
      enableShortTerm: true,
      ...(progress
        ? { progress: (done: number, total: number) => void progress(total ? done / total : 0) }
        : {}),
    },
  )
