import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { readReviewLogCsv } from '../core/formats/text/review-log-csv'
import { fsrsItems } from '../core/stats/fsrs-items'
import { bindingTrainer } from './optimize'
import { readSharedFixture, sharedFixturesPresent, warnIfFixturesAbsent } from './shared-fixtures'
import { wasmTrainer } from '../renderer/optimize/wasm-trainer'

const DAY = 86_400_000
warnIfFixturesAbsent('one FSRS optimizer in both hosts (src/cli/one-optimizer.test.ts)')

/**
 * The app worker's trainer (fsrs-browser's WebAssembly) loaded in Node. Its thread-pool helper
 * reads `self` when the module loads; the pool is never started, so an empty stand-in will do.
 */
async function workerTrainer() {
  vi.stubGlobal('self', { addEventListener() {}, removeEventListener() {} })
  const wasm = await import('fsrs-browser')
  const file = createRequire(import.meta.url).resolve('fsrs-browser/fsrs_browser_bg.wasm')
  wasm.initSync({ module: readFileSync(file) })
  return wasmTrainer(() => Promise.resolve(new wasm.Fsrs()))
}
afterAll(() => vi.unstubAllGlobals())

describe.runIf(sharedFixturesPresent)('one FSRS optimizer in both hosts', () => {
  it('the app worker and the command line train the same FSRS-6 parameters on a real log', async () => {
    const history = readReviewLogCsv(
      readSharedFixture('revlog/py-fsrs_review_logs_josh.csv'),
      'josh.csv',
    )
    const items = fsrsItems(history, (ms) => Math.floor((ms - 4 * 3_600_000) / DAY))
    // Same-day reviews inside histories are what FSRS-6's short-term parameters learn from.
    expect(
      items.filter((item) => item.slice(1, -1).some((r) => r.deltaT === 0)).length,
    ).toBeGreaterThan(1000)
    const progress: number[] = []
    const [inWorker, onCommandLine] = await Promise.all([
      workerTrainer().then((train) => train(items, (f) => progress.push(f))),
      bindingTrainer(items),
    ])
    expect(inWorker).toHaveLength(21)
    expect(onCommandLine).toHaveLength(21)
    inWorker.forEach((w, i) => expect(w).toBeCloseTo(onCommandLine[i] as number, 3))
    expect(progress.at(-1)).toBe(1)
  }, 120_000)
})
