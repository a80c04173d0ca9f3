import type { OptimizeReport } from '../../app/optimize'
import type { Progress } from '../../core/formats/import-error'
import { callWorker } from '../worker-call'
import type { OptimizeRequest, OptimizeResponse } from './optimize-messages'

/** What optimizing gave: a report, or too little history to optimize on (said plainly). */
export type OptimizeOutcome =
  | { kind: 'report'; report: OptimizeReport; reviews: number }
  | { kind: 'too-little'; message: string }

/** Optimizes a preset's FSRS parameters on its decks' history, off the window's thread. */
export function optimizeInWorker(
  request: OptimizeRequest,
  progress: Progress,
): Promise<OptimizeOutcome> {
  const worker = new Worker(new URL('./optimize.worker.ts', import.meta.url), { type: 'module' })
  return callWorker<OptimizeRequest, OptimizeResponse, OptimizeOutcome>(
    worker,
    request,
    [],
    (m) =>
      m.type === 'report'
        ? { kind: 'report', report: m.report, reviews: m.reviews }
        : m.type === 'too-little'
          ? { kind: 'too-little', message: m.message }
          : undefined,
    progress,
  )
}
