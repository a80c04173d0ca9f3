/// <reference lib="webworker" />
// FSRS parameters optimized on the user's own history with the FSRS project's optimizer:
// fsrs-rs compiled to WebAssembly (fsrs-browser), loaded from the bundle's own file. Run
// without its thread pool: that needs SharedArrayBuffer and so cross-origin isolation, which
// neither host needs otherwise; one thread trains a large history in seconds, off the window.
import init, { Fsrs } from 'fsrs-browser'
import wasmUrl from 'fsrs-browser/fsrs_browser_bg.wasm?url'
import { TooLittleHistory, optimizeOn, presetHistory } from '../../app/optimize'
import { openDb } from '../storage/db'
import type { OptimizeRequest, OptimizeResponse } from './optimize-messages'
import { wasmTrainer } from './wasm-trainer'
import { dexieCollection } from '../storage/open-collection'

const post = (message: OptimizeResponse) =>
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(message)

const fsrsBrowserTrainer = wasmTrainer(async () => {
  await init({ module_or_path: wasmUrl })
  return new Fsrs()
})

self.onmessage = async (event: MessageEvent<OptimizeRequest>) => {
  const { presetId, deckId, current, settings } = event.data
  const db = openDb()
  try {
    post({ type: 'progress', fraction: 0, stage: 'Reading your review history' })
    const { reviews, items } = await presetHistory(dexieCollection(db), presetId, settings, deckId)
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
