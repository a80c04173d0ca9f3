// `npm run bench` (part): the FSRS optimizer on the shared real review log (12,580 reviews)
// and on 1,000,000 synthetic reviews (`--tiny`: 10,000), both ways the project runs it: the
// Node binding (`cli optimize`) and fsrs-browser's WebAssembly (the app's optimizer worker;
// here in Node's V8, the same engine as Chromium's worker). Baseline from the same run:
// ts-fsrs scoring the default parameters on the same items (what every optimization also
// does, twice). Medians; writes bench/optimize-results(.tiny).json.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { dayIndexer } from '../src/app/study-queue'
import { DEFAULT_SETTINGS } from '../src/app/settings'
import { bindingTrainer } from '../src/cli/optimize'
import { readReviewLogCsv } from '../src/core/formats/text/review-log-csv'
import { evaluateParameters } from '../src/core/stats/evaluate-parameters'
import { fsrsItems, type FsrsReview, type HistoryEntry } from '../src/core/stats/fsrs-items'
import { medianMs, report } from './measure'
import { wasmTrainer } from '../src/renderer/optimize/wasm-trainer'

const tiny = process.argv.includes('--tiny')
const require = createRequire(import.meta.url)

// fsrs-browser's thread-pool helper listens on `self` when imported; Node has no `self`.
Object.assign(globalThis, { self: new EventTarget() })
const { initSync, Fsrs } = await import('fsrs-browser')
initSync({ module: readFileSync(require.resolve('fsrs-browser/fsrs_browser_bg.wasm')) })
const wasm = wasmTrainer(() => Promise.resolve(new Fsrs()))

/** Reviews of `cards` cards, `perCard` each, a day apart and then growing, one in 8 forgotten. */
function syntheticHistory(cards: number, perCard: number): HistoryEntry[] {
  const out: HistoryEntry[] = []
  const start = Date.UTC(2024, 0, 1, 12)
  for (let c = 0; c < cards; c++) {
    let at = start + (c % 365) * 86_400_000
    let interval = 1
    for (let n = 0; n < perCard; n++) {
      const forgot = (c * 7 + n * 13) % 8 === 0 && n > 0
      out.push({ cardId: `c${c}`, at, rating: n === 0 ? 3 : forgot ? 1 : 3 })
      interval = forgot ? 1 : Math.ceil(interval * 2.3)
      at += interval * 86_400_000
    }
  }
  return out
}

const revlogPath = resolve(
  import.meta.dirname,
  '../../shared/fixtures/revlog/py-fsrs_review_logs_josh.csv',
)
const sets: { name: string; history: HistoryEntry[]; runs: number }[] = []
if (existsSync(revlogPath))
  sets.push({
    name: 'the shared real review log',
    history: readReviewLogCsv(new Uint8Array(readFileSync(revlogPath)), 'josh.csv'),
    runs: 3,
  })
else console.log(`[fixtures] ${revlogPath} is absent: the real review log is not measured.`)
sets.push(
  tiny
    ? { name: 'synthetic', history: syntheticHistory(1_000, 10), runs: 3 }
    : { name: 'synthetic', history: syntheticHistory(100_000, 10), runs: 1 },
)

const rows: { id: string; what: string; ms: number; baselineMs: number }[] = []
console.log(`\nFSRS optimizer; medians (1 run at full size)\n`)
for (const set of sets) {
  const items: FsrsReview[][] = fsrsItems(set.history, dayIndexer(DEFAULT_SETTINGS))
  const what = `${set.name}: ${set.history.length.toLocaleString('en')} reviews, ${items.length.toLocaleString('en')} items`
  const scoring = await medianMs(() => void evaluateParameters(items), set.runs)
  for (const [id, label, train] of [
    ['binding', 'Node binding (cli optimize)', bindingTrainer],
    ['wasm', 'fsrs-browser WASM (the app)', wasm],
  ] as const) {
    const ms = await medianMs(async () => void (await train(items)), set.runs)
    rows.push({
      id: `optimize-${id}-${set.name.split(' ')[0]}`,
      what: `${label}, ${what}`,
      ms,
      baselineMs: scoring,
    })
    console.log(report(`${label}, ${what}`, ms, 'ts-fsrs scoring the defaults', scoring))
  }
}
writeFileSync(
  resolve(import.meta.dirname, tiny ? 'optimize-results.tiny.json' : 'optimize-results.json'),
  JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, rows }, null, 2) +
    '\n',
)
