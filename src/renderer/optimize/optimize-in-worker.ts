import type { OptimizeReport } from '../../app/optimize'
import type { Progress } from '../../core/formats/import-error'
import { callWorker } from '../worker-call'
import type { OptimizeRequest, OptimizeResponse } from './optimize-messages'
import type { RescheduleRequest } from '../../app/commands'
import type { RescheduleResponse } from './reschedule.worker'
import { EditError } from '../../app/editing'

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

/**
 * Saves a preset, gives it to the deck and reschedules the preset's cards from their logs, in
 * one transaction, off the window's thread. A field the preset gets wrong rejects with an
 * EditError naming it.
 */
export async function saveAndRescheduleInWorker(request: RescheduleRequest): Promise<number> {
  const worker = new Worker(new URL('./reschedule.worker.ts', import.meta.url), { type: 'module' })
  const outcome = await callWorker<
    RescheduleRequest,
    RescheduleResponse,
    { rescheduled: number } | { invalid: string }
  >(worker, request, [], (m) =>
    m.type === 'saved'
      ? { rescheduled: m.rescheduled }
      : m.type === 'invalid'
        ? { invalid: m.message }
        : undefined,
  )
  if ('invalid' in outcome) throw new EditError(outcome.invalid)
  return outcome.rescheduled
}
