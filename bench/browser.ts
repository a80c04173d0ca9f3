// The collection benchmark in real Chromium (Debian's /usr/bin/chromium or CHROMIUM_PATH), on
// its real IndexedDB: 100,000 cards and 1,000,000 review logs (`--tiny`: a small collection,
// the run `npm test` makes so this cannot rot). Prints medians and p95 beside same-run
// baselines and writes bench/results.json; asserts nothing.
import { chromium } from '@playwright/test'
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { chromiumLaunchOptions } from '../e2e/chromium'
import type { BenchResult } from './browser-entry'
import type { BenchSize } from './collection-seed'
import { report } from './measure'
import { benchPage, bundleForBrowser } from './bench-page'

const tiny = process.argv.includes('--tiny')

const code = await bundleForBrowser('browser-entry.ts', 'bench')
const { server, url } = await benchPage(code)

const browser = await chromium.launch(chromiumLaunchOptions())
try {
  const page = await browser.newPage()
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
    `\nChromium ${browser.version()}, real IndexedDB, strict durability: ${run.size.cards} cards in ${run.size.decks} decks, ${run.size.logs} review logs (seeded in ${(run.seedMs / 1000).toFixed(1)} s)\n`,
  )
  for (const r of run.results)
    console.log(report(`${r.what} (${r.stat})`, r.ours, r.baselineWhat, r.baseline))
  const file = resolve(import.meta.dirname, tiny ? 'results.tiny.json' : 'results.json')
  writeFileSync(file, JSON.stringify({ results: run.results, size: run.size }, null, 2) + '\n')
  console.log(`\nwritten: ${file}`)
} finally {
  await browser.close()
  server.close()
}
