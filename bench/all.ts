// `npm run bench [-- --tiny]`: every benchmark in turn — Node, Chromium's IndexedDB, the app's
// screens — each given the same arguments (npm passes them to the last command only).
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'

const tsx = resolve(import.meta.dirname, '../node_modules/.bin/tsx')
for (const script of [
  'run.ts',
  'browser.ts',
  'import.ts',
  'anki-round-trip.ts',
  'ui.ts',
  'optimize.ts',
  'generate.ts',
  'sync.ts',
  'lighthouse.ts',
]) {
  const run = spawnSync(tsx, [resolve(import.meta.dirname, script), ...process.argv.slice(2)], {
    stdio: 'inherit',
  })
  if (run.status !== 0) process.exit(run.status ?? 1)
}
