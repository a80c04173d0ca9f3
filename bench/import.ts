// `npm run bench` (part): imports of a 10,000-note .apkg and CSV in real Chromium, end to end
// (read + one transaction into the app's Dexie store), beside a raw IndexedDB bulk insert of
// the same rows in the same run; and the backup of the 100,000-card collection. `--tiny`: 1,000
// notes and the small collection. Prints medians; writes bench/import-results(.tiny).json.
import { chromium } from '@playwright/test'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { chromiumLaunchOptions } from '../e2e/chromium'
import type { ImportBench } from './import-entry'
import { benchPage, bundleForBrowser } from './bench-page'

const tiny = process.argv.includes('--tiny')
const require = createRequire(import.meta.url)
const wasm = readFileSync(require.resolve('sql.js/dist/sql-wasm.wasm'))

const code = await bundleForBrowser('import-entry.ts', 'importBench')
const { server, url } = await benchPage(code, {
  '/sql-wasm.wasm': { type: 'application/wasm', body: wasm },
})

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? NaN
}

const browser = await chromium.launch(chromiumLaunchOptions())
try {
  const page = await browser.newPage()
  page.setDefaultTimeout(0)
  await page.goto(url)
  const run = await page.evaluate(
    (size) =>
      (globalThis as unknown as { importBench: (s: string) => Promise<ImportBench> }).importBench(
        size,
      ),
    tiny ? 'tiny' : 'full',
  )
  const perSecond = (ms: number) => Math.round((run.notes / ms) * 1000)
  const raw = median(run.raw)
  const rows = [
    {
      id: 'import-apkg',
      what: `.apkg import, ${run.notes} notes (${(run.apkgBytes / 1024).toFixed(0)} KB), read + write`,
      ms: median(run.apkgImport),
    },
    {
      id: 'import-apkg-read',
      what: '  of which reading the package (unzip, SQLite, rows)',
      ms: median(run.apkgRead),
    },
    {
      id: 'import-csv',
      what: `CSV import, ${run.notes} notes (${(run.csvBytes / 1024).toFixed(0)} KB), read + write`,
      ms: median(run.csvImport),
    },
  ]
  console.log(
    `\nChromium ${browser.version()}: imports (medians of ${run.raw.length} runs) beside a raw IndexedDB bulk insert of the same rows (${raw.toFixed(0)} ms, ${perSecond(raw)} notes/s)\n`,
  )
  console.log(
    `${'what'.padEnd(64)} ${'ms'.padStart(8)} ${'notes/s'.padStart(9)} ${'×raw'.padStart(6)}`,
  )
  for (const r of rows)
    console.log(
      `${r.what.padEnd(64)} ${r.ms.toFixed(0).padStart(8)} ${String(perSecond(r.ms)).padStart(9)} ${(r.ms / raw).toFixed(2).padStart(6)}`,
    )
  if ('error' in run.backup) console.log(`\nbackup of the collection: FAILED (${run.backup.error})`)
  else
    console.log(
      `\nbackup of the ${run.backup.cards}-card collection with ${run.backup.logs} review logs: ${(run.backup.ms / 1000).toFixed(1)} s, ${(run.backup.bytes / 2 ** 20).toFixed(1)} MB archive (rows deflated)`,
    )
  const file = resolve(
    import.meta.dirname,
    tiny ? 'import-results.tiny.json' : 'import-results.json',
  )
  // The Anki round trip (bench/anki-round-trip.ts) writes its figures here too; they stay.
  const kept = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { ankiRoundTrip?: unknown }).ankiRoundTrip
    : undefined
  writeFileSync(
    file,
    JSON.stringify(
      {
        ...(kept ? { ankiRoundTrip: kept } : {}),
        notes: run.notes,
        rawMs: raw,
        results: rows.map((r) => ({ ...r, notesPerSecond: perSecond(r.ms), ratio: r.ms / raw })),
        backup: run.backup,
      },
      null,
      2,
    ) + '\n',
  )
  console.log(`\nwritten: ${file}`)
} finally {
  await browser.close()
  server.close()
}
