// The collection benchmark in real Chromium (Debian's /usr/bin/chromium or CHROMIUM_PATH), on
// its real IndexedDB: 100,000 cards and 1,000,000 review logs (`--tiny`: a small collection,
// the run `npm test` makes so this cannot rot). IndexedDB is on disk in a fresh profile, as
// users have it; `--in-memory` runs in an off-the-record context instead (see benchBrowser).
// Prints medians and p95 beside same-run baselines and writes bench/results.json (or
// results.in-memory.json); asserts nothing.
import { resolve } from 'node:path'
import type { BenchResult } from './browser-entry'
import type { BenchSize } from './collection-seed'
import { report } from './measure'
import { addResults } from './results-file'
import { benchBrowser, benchPage, benchStorage, bundleForBrowser } from './bench-page'

const tiny = process.argv.includes('--tiny')
const storage = benchStorage(process.argv)

const code = await bundleForBrowser('browser-entry.ts', 'bench')
const { server, url } = await benchPage(code)

const browser = await benchBrowser(storage)
try {
  const { page } = browser
  page.setDefaultTimeout(0)
  await page.goto(url)
  type Run = { results: BenchResult[]; seedMs: number; size: BenchSize }
  const run = await page.evaluate(
    (size) =>
      (globalThis as unknown as { collectionBench: (s: string) => Promise<Run> }).collectionBench(
        size,
      ),
    tiny ? 'tiny' : 'full',
  )
  console.log(
    `\nChromium ${browser.version}, real IndexedDB ${storage === 'disk' ? 'on disk' : 'in memory (off the record)'}, strict durability: ${run.size.cards} cards in ${run.size.decks} decks, ${run.size.logs} review logs (seeded in ${(run.seedMs / 1000).toFixed(1)} s)\n`,
  )
  for (const r of run.results)
    console.log(report(`${r.what} (${r.stat})`, r.ours, r.baselineWhat, r.baseline))
  const file = resolve(
    import.meta.dirname,
    `results${tiny ? '.tiny' : ''}${storage === 'memory' ? '.in-memory' : ''}.json`,
  )
  addResults(
    file,
    run.results.map((r) => ({ ...r, storage })),
    { size: run.size },
  )
  console.log(`\nwritten: ${file}`)
} finally {
  await browser.close()
  server.close()
}
