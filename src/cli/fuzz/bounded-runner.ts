import { Worker } from 'node:worker_threads'
import type { Outcome } from './import-one'

/** What the runner adds to an input's outcome: the bounds it broke, if any. */
export type BoundedOutcome =
  Outcome | { kind: 'over-time'; message: string } | { kind: 'over-memory'; message: string }

/** Each input's bounds: a real user's import of a small file finishes well inside both. */
export interface Bounds {
  ms: number
  heapMb: number
}

/**
 * Runs fuzz inputs one at a time in a worker thread whose heap is capped: an input that runs
 * past its time is stopped and one that exhausts the heap kills only its thread; either is an
 * outcome of its own, and the next input gets a fresh thread.
 */
export class BoundedRunner {
  private worker: Worker | null = null
  private ready: Promise<void> | null = null

  constructor(private readonly bounds: Bounds) {}

  private start(): Promise<void> {
    const worker = new Worker(new URL('./fuzz-worker.mjs', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: this.bounds.heapMb },
    })
    this.worker = worker
    this.ready = new Promise((resolve, reject) => {
      worker.once('message', () => resolve())
      worker.once('error', reject)
    })
    return this.ready
  }

  async run(name: string, bytes: Uint8Array, target: 'import' | 'revlog'): Promise<BoundedOutcome> {
    if (!this.worker) await this.start()
    else await this.ready
    const worker = this.worker as Worker
    return new Promise<BoundedOutcome>((resolve) => {
      const done = (outcome: BoundedOutcome, restart: boolean) => {
        clearTimeout(timer)
        worker.removeAllListeners('message')
        worker.removeAllListeners('error')
        worker.removeAllListeners('exit')
        if (restart) {
          void worker.terminate()
          this.worker = null
        }
        resolve(outcome)
      }
      const timer = setTimeout(
        () =>
          done({ kind: 'over-time', message: `still running after ${this.bounds.ms} ms` }, true),
        this.bounds.ms,
      )
      worker.on('message', (m: { outcome: Outcome }) => done(m.outcome, false))
      worker.on('error', (e: Error & { code?: string }) =>
        done(
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? { kind: 'over-memory', message: `more than ${this.bounds.heapMb} MB of heap` }
            : { kind: 'crashed', message: `${e.name}: ${e.message}` },
          true,
        ),
      )
      worker.on('exit', (code) =>
        done({ kind: 'crashed', message: `the worker exited (${code})` }, true),
      )
      worker.postMessage({ name, bytes, target })
    })
  }

  async close() {
    await this.worker?.terminate()
    this.worker = null
  }
}
