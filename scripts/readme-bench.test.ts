import { readFileSync, rmSync } from 'node:fs'
import { expect, it } from 'vitest'
import { typed } from './typed-commands'

// `npm run bench -- --tiny` as the README prints it: the longest README command, alone in its
// file so the test runner runs it beside the other files rather than after them.
it('`npm run bench -- --tiny` measures our code beside its baselines, in Node and Chromium', () => {
  // About 190 s on CI's two cores: Node, Chromium, the screens, the optimizer, the generator,
  // Lighthouse.
  // Each Chromium benchmark adds its rows to this file: start without it, so every row read
  // below was written by this run.
  rmSync('bench/results.tiny.json', { force: true })
  const run = typed('npm run bench -- --tiny', 420_000)
  expect(run.status, run.stderr).toBe(0)
  expect(run.stdout).toMatch(
    /^Anki round trip of \S+\.apkg|^Anki round trip: NOT RUN — .* is absent/m,
  )
  expect(run.stdout).toMatch(/^what\s+ours\s+baseline\s+base\s+ratio$/m)
  expect(run.stdout).toMatch(/^answer a card .* ×\d+\.\d+$/m)
  expect(run.stdout).toContain('real IndexedDB on disk, strict durability: 2000 cards in 4 decks')
  const results = JSON.parse(readFileSync('bench/results.tiny.json', 'utf8')) as {
    results: { id: string; ours: number; baseline: number; ratio: number }[]
  }
  expect(results.results.map((r) => r.id)).toEqual(
    expect.arrayContaining([
      'open-first-card',
      'grade-next-card-p95',
      'deck-list-counts',
      'sections-10k',
      'sections-10k-first',
      'answer-transaction',
      'answer-transaction-dexie-floor',
      'statistics',
      'statistics-recount',
      'import-window-longest-task',
      'import-media-peak-memory',
      'backup-media-peak-memory',
      'restore-media-peak-memory',
      'lighthouse-performance',
      'lighthouse-accessibility',
      'lighthouse-best-practices',
      'lighthouse-lcp',
    ]),
  )
  for (const r of results.results) expect(r.ours / r.baseline).toBeCloseTo(r.ratio, 6)
}, 450_000)
