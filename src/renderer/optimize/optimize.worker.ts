/// <reference lib="webworker" />
// FSRS parameters optimized on the user's own history with the FSRS project's optimizer:
// fsrs-rs compiled to WebAssembly (fsrs-browser), loaded from the bundle's own file. Run
// without its thread pool: that needs SharedArrayBuffer and so cross-origin isolation, which
// neither host needs otherwise; one thread trains a large history in seconds, off the window.
import init, { Fsrs } from 'fsrs-browser'
import wasmUrl from 'fsrs-browser/fsrs_browser_bg.wasm?url'
import { TooLittleHistory, optimizeOn, presetHistory, type Trainer } from '../../app/optimize'
import { openDb } from '../storage/db'
import { DexieStore } from '../storage/dexie-store'
import type { OptimizeRequest, OptimizeResponse } from './optimize-messages'

const post = (message: OptimizeResponse) =>
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(message)

// fsrs-rs trains for 5 epochs and logs "epoch: N loss: …" after each; training is one
// synchronous call, so these lines are the only progress it gives without shared memory.
const EPOCHS = 5
const EPOCH_LINE = /^epoch: (\d+)/

const fsrsBrowserTrainer: Trainer = async (items, progress) => {
  await init({ module_or_path: wasmUrl })
  const log = console.log
  console.log = (...args: unknown[]) => {
    const epoch = EPOCH_LINE.exec(String(args[0]))
    if (epoch && progress) progress(Math.min(1, Number(epoch[1]) / EPOCHS))
  }
  try {
    // computeParameters consumes the instance.
    const trained = new Fsrs().computeParameters(
      new Uint32Array(items.flatMap((item) => item.map((r) => r.rating))),
      new Uint32Array(items.flatMap((item) => item.map((r) => r.deltaT))),
      new Uint32Array(items.map((item) => item.length)),
      null,
      true,
    )
    return Array.from(trained)
  } finally {
    console.log = log
  }
}

self.onmessage = async (event: MessageEvent<OptimizeRequest>) => {
  const { presetId, deckId, current, settings } = event.data
  const db = openDb()
  try {
    post({ type: 'progress', fraction: 0, stage: 'Reading your review history' })
    const { reviews, items } = await presetHistory(new DexieStore(db), presetId, settings, deckId)
    post({ type: 'progress', fraction: 0, stage: `Training on ${items.length} reviews` })
    const report = await optimizeOn(items, fsrsBrowserTrainer, current, (fraction) =>
      post({
        type: 'progress',
        fraction: fraction * 0.9,
        stage: fraction < 1 ? `Training on ${items.length} reviews` : 'Scoring both',
      }),
    )
    post({ type: 'report', report, reviews })
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    post(
      e instanceof TooLittleHistory
        ? { type: 'too-little', message }
        : { type: 'error', message: `Could not optimize: ${message}` },
    )
  } finally {
    db.close()
  }
}
