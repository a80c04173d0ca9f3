import type { Progress } from '../core/formats/import-error'

/** The messages every worker of the app answers with, besides its own results. */
type Common =
  { type: 'progress'; fraction: number; stage: string } | { type: 'error'; message: string }

const isCommon = <K extends Common['type']>(
  m: { type: string },
  type: K,
): m is Extract<Common, { type: K }> => m.type === type

/**
 * Sends one request to a fresh worker and ends the worker when it answers: progress goes to
 * `progress`, an error rejects with the worker's message, and the first message `pick` turns
 * into a value resolves.
 */
export function callWorker<Request, Response extends { type: string }, T>(
  worker: Worker,
  request: Request,
  transfer: Transferable[],
  pick: (m: Response) => T | undefined,
  progress?: Progress,
): Promise<T> {
  return askWorker(worker, request, transfer, pick, progress).finally(() => worker.terminate())
}

/** As `callWorker`, for a worker that lives on between requests (an import's steps). */
export function askWorker<Request, Response extends { type: string }, T>(
  worker: Worker,
  request: Request,
  transfer: Transferable[],
  pick: (m: Response) => T | undefined,
  progress?: Progress,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<Response | Common>) => {
      const m = event.data
      if (isCommon(m, 'progress')) progress?.(m.fraction, m.stage)
      else if (isCommon(m, 'error')) reject(new Error(m.message))
      else {
        const value = pick(m as Response)
        if (value !== undefined) resolve(value)
      }
    }
    worker.onerror = (event) => reject(new Error(`The worker stopped (${event.message}).`))
    worker.postMessage(request, transfer)
  })
}
