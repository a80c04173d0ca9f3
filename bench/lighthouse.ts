// Lighthouse on the served web build, as a phone sees a first visit: Lighthouse's default
// mobile emulation (a mid-range phone, simulated slow 4G and a 4× slower CPU) in Debian's
// Chromium. Performance, accessibility and best-practices scores and the largest contentful
// paint, beside the same audit of a bare static page served the same way in the same run.
// Median of 3 runs (1 with --tiny); adds them to bench/results(.tiny).json; asserts nothing.
import { chromium } from '@playwright/test'
import getPort from 'get-port'
import lighthouse from 'lighthouse'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build, preview } from 'vite'
import { chromiumLaunchOptions } from '../e2e/chromium'
import type { BenchResult } from './browser-entry'
import { report } from './measure'
import { addResults } from './results-file'

const tiny = process.argv.includes('--tiny')
const runs = tiny ? 1 : 3
const root = resolve(import.meta.dirname, '..')
const config = { configFile: resolve(root, 'vite.web.config.ts'), configLoader: 'runner' as const }

// The app as `npm run build:web` writes it, served as `npm run serve:web` serves it (vite's
// static preview server); the bare page beside it in a folder of its own, served the same way.
const appDir = await mkdtemp(join(tmpdir(), 'attache-bench-lh-app-'))
const bareDir = await mkdtemp(join(tmpdir(), 'attache-bench-lh-bare-'))
await build({ ...config, logLevel: 'error', build: { outDir: appDir, emptyOutDir: true } })
await writeFile(
  join(bareDir, 'index.html'),
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Baseline</title>' +
    '<meta name="viewport" content="width=device-width, initial-scale=1"></head>' +
    '<body><h1>Attaché</h1><p>A static page with no script: the floor of every figure.</p></body></html>',
)
const serve = async (outDir: string) => {
  const port = await getPort({ host: '127.0.0.1' })
  const server = await preview({
    ...config,
    logLevel: 'error',
    build: { outDir },
    preview: { host: '127.0.0.1', port, strictPort: true },
  })
  return { server, url: `http://127.0.0.1:${port}/` }
}
const app = await serve(appDir)
const bare = await serve(bareDir)

// Lighthouse drives the browser through its debugging port; Playwright only starts it.
const debugPort = await getPort({ host: '127.0.0.1' })
const launch = chromiumLaunchOptions()
const browser = await chromium.launch({
  ...launch,
  args: [...launch.args, `--remote-debugging-port=${debugPort}`],
})

const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const
interface Audit {
  scores: Record<(typeof CATEGORIES)[number], number>
  lcpMs: number
}
async function audit(url: string): Promise<Audit> {
  const result = await lighthouse(url, {
    port: debugPort,
    logLevel: 'error',
    output: 'json',
    onlyCategories: [...CATEGORIES],
  })
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`)
  const { lhr } = result
  // ATTACHE_LIGHTHOUSE_REPORT=file keeps the app's last full report, to see why a score fell.
  const keep = process.env['ATTACHE_LIGHTHOUSE_REPORT']
  if (keep && url === app.url) await writeFile(keep, JSON.stringify(lhr))
  if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.message}`)
  const scores = Object.fromEntries(
    CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? NaN) * 100)]),
  ) as Audit['scores']
  const failed = Object.values(lhr.audits)
    .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative')
    .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}`)
  if (url === app.url && failed.length)
    console.log(`  audits under 90 on the app: ${failed.join(', ')}`)
  return { scores, lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN
try {
  const ours: Audit[] = []
  const floor: Audit[] = []
  for (let i = 0; i < runs; i++) {
    ours.push(await audit(app.url))
    floor.push(await audit(bare.url))
  }
  const base = { cards: 0, stat: 'median' as const }
  const results: BenchResult[] = [
    ...CATEGORIES.map((c): BenchResult => {
      const o = median(ours.map((a) => a.scores[c]))
      const b = median(floor.map((a) => a.scores[c]))
      return {
        ...base,
        id: `lighthouse-${c}`,
        what: `Lighthouse ${c} score, phone, first visit (target ≥ 90)`,
        ours: o,
        baseline: b,
        unit: 'score',
        ratio: o / b,
        baselineWhat: 'a bare static page, same server',
      }
    }),
    (() => {
      const o = median(ours.map((a) => a.lcpMs))
      const b = median(floor.map((a) => a.lcpMs))
      return {
        ...base,
        id: 'lighthouse-lcp',
        what: 'largest contentful paint, phone, first visit (simulated slow 4G)',
        ours: o,
        baseline: b,
        unit: 'ms' as const,
        ratio: o / b,
        baselineWhat: 'a bare static page, same server',
      }
    })(),
  ]
  console.log(`\nLighthouse, mobile emulation, Chromium ${browser.version()}, median of ${runs}\n`)
  for (const r of results)
    console.log(
      r.unit === 'score'
        ? `${r.what.padEnd(64)} ${String(r.ours).padStart(11)}   ${r.baselineWhat.padEnd(40)} ${String(r.baseline).padStart(11)}   ×${r.ratio.toFixed(2)}`
        : report(r.what, r.ours, r.baselineWhat, r.baseline),
    )
  addResults(resolve(import.meta.dirname, tiny ? 'results.tiny.json' : 'results.json'), results)
} finally {
  await browser.close()
  await new Promise((ok) => app.server.httpServer.close(ok))
  await new Promise((ok) => bare.server.httpServer.close(ok))
  await rm(appDir, { recursive: true, force: true })
  await rm(bareDir, { recursive: true, force: true })
}
