import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { packageWithAYearOfHistory } from '../e2e/packages'

// The README's other commands, run exactly as a user types them (`npm run web` is exercised by
// the e2e project of that name, `npm start` by electron-node.test.ts, `npm test` by CI).
/** Runs a command line exactly as the README prints it, through a shell. */
const typed = (command: string, timeout = 180_000) =>
  spawnSync(command, { shell: true, encoding: 'utf8', timeout })

describe('README commands', () => {
  it('`npm run deck:report` prints facts and cards per section of the chapter deck', () => {
    const run = typed('npm run deck:report')
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/Global Security: \d+ facts, \d+ cards/)
    expect(run.stdout).toMatch(/^total\s+\d+\s+\d+/m)
  })

  it('`npm run bench -- --tiny` measures our code beside its baselines, in Node and Chromium', () => {
    // About 160 s on CI's two cores: Node, Chromium, the screens, the optimizer, the generator.
    const run = typed('npm run bench -- --tiny', 420_000)
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toMatch(
      /^Anki round trip of \S+\.apkg|^Anki round trip: NOT RUN — .* is absent/m,
    )
    expect(run.stdout).toMatch(/^what\s+ours\s+baseline\s+base\s+ratio$/m)
    expect(run.stdout).toMatch(/^answer a card .* ×\d+\.\d+$/m)
    expect(run.stdout).toContain('real IndexedDB, strict durability: 2000 cards in 4 decks')
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
      ]),
    )
    for (const r of results.results) expect(r.ours / r.baseline).toBeCloseTo(r.ratio, 6)
  }, 450_000)

  it('`npm run cli -- validate …` and `--help` run as printed', () => {
    const validate = typed('npm run cli -- validate decks/bluebook-2020-global-security/deck.json')
    expect(validate.status, validate.stderr).toBe(0)
    expect(validate.stdout).toContain('decks/bluebook-2020-global-security/deck.json: valid deck')
    const help = typed('npm run cli -- --help')
    expect(help.status, help.stderr).toBe(0)
    expect(help.stdout).toMatch(/Commands:[\s\S]*import[\s\S]*export[\s\S]*validate[\s\S]*stats/)
  }, 60_000)

  it('every `npm run cli` and `npm run deck:report` line of the README runs exactly as printed', async () => {
    const readme = readFileSync('README.md', 'utf8')
    const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '')
    const lines = blocks
      .flatMap((b) => b.split('\n'))
      .map((l) => l.replace(/\s+#.*$/, '').trim())
      .filter((l) => l.startsWith('npm run cli') || l.startsWith('npm run deck:report'))
    expect(lines.length).toBeGreaterThanOrEqual(6)
    // The files the README's commands name, made here and removed after (a year of history, so
    // `optimize` has enough to fit; a short report to generate cards from).
    const made = ['my-deck.apkg', 'backup.zip', 'report.md', 'report-deck.json']
    for (const f of made) expect(existsSync(f), `${f} is in the way`).toBe(false)
    // 45 notes: how many of their reviews fall on a later study day than the one before depends
    // on the hour the year ends at (30 notes gave only 368 of them ending at 21:10 UTC), and
    // `optimize` needs 400.
    writeFileSync('my-deck.apkg', (await packageWithAYearOfHistory(new Date(), 45)).apkg)
    writeFileSync(
      'report.md',
      '# Report\n\n## Peacekeeping\n\nJapan sent about 400 engineers to the United Nations Mission in South Sudan (UNMISS) in 2012.\n',
    )
    try {
      for (const line of lines) {
        const run = typed(line)
        expect(run.status, `${line}\n${run.stderr}`).toBe(0)
        expect(run.stdout.trim(), line).not.toBe('')
      }
    } finally {
      for (const f of made) rmSync(f, { force: true })
    }
  }, 300_000)
})
