// `npm run bench` (part): the Anki round trip of the largest package in ../shared/fixtures/anki
// on the command line's path (Node, the in-memory store): import (read + write), export (.apkg)
// and re-import of what was exported, beside a raw read of the same package (unzip, zstd where
// the format has it, SQLite, every row of col, notes, cards and revlog) in the same run. Times
// are medians of repeated runs; memory is the peak resident size of a process doing only that
// phase, with every module loaded before it starts (so the phases compare). `--tiny`: fewer
// runs. Merges its figures into bench/import-results(.tiny).json as `ankiRoundTrip`.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { unzipSync } from 'fflate'
import { decompress } from 'fzstd'
import initSqlJs from 'sql.js'
import { ankiPackageOf } from '../src/app/exchange/anki-package'
import { exportCollection } from '../src/app/exchange/export-collection'
import { applyImport } from '../src/app/exchange/import-collection'
import { readImportBytes } from '../src/app/exchange/read-import'
import { BUILT_IN_NOTE_TYPES } from '../src/core/notes/note-types'
import { nodeSqlEngine } from '../src/cli/node-sqlite'
import { type Collection, memoryCollection } from '../src/app/collection-writes'

const PHASES = ['raw', 'import', 'export', 'reimport'] as const
type Phase = (typeof PHASES)[number]
const FIXTURES = resolve(import.meta.dirname, '../../shared/fixtures/anki')
const NOW = new Date('2026-06-01T10:00:00Z')

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? NaN
}

/** The peak resident set size of this process so far (VmHWM), in bytes. */
const peakRss = () =>
  Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024

async function importInto(name: string, bytes: Uint8Array) {
  const store = memoryCollection()
  const read = await readImportBytes(name, bytes, await nodeSqlEngine(), NOW, {
    noteTypes: BUILT_IN_NOTE_TYPES,
  })
  await applyImport(store, read.data, 'keep', NOW)
  return store
}

async function exported(store: Collection) {
  return ankiPackageOf(await exportCollection(store), await nodeSqlEngine(), NOW)
}

/** Every row of the package's tables, read with nothing but unzip, zstd and SQLite. */
async function rawRead(bytes: Uint8Array) {
  const SQL = await initSqlJs()
  const entries = unzipSync(bytes)
  const modern = entries['collection.anki21b']
  const database = modern
    ? decompress(modern)
    : (entries['collection.anki21'] ?? entries['collection.anki2'])
  const db = new SQL.Database(database)
  let rows = 0
  try {
    for (const table of ['col', 'notes', 'cards', 'revlog'])
      rows += db.exec(`SELECT * FROM ${table}`)[0]?.values.length ?? 0
  } finally {
    db.close()
  }
  return rows
}

/** One phase, `runs` times, in this process: its median time and the process's peak memory. */
async function runPhase(phase: Phase, file: string, runs: number) {
  const name = basename(file)
  const bytes = new Uint8Array(readFileSync(file))
  // Everything a phase needs is loaded and made first; only the phase itself is timed.
  await nodeSqlEngine()
  await initSqlJs()
  const store = phase === 'export' ? await importInto(name, bytes) : null
  const again = phase === 'reimport' ? await exported(await importInto(name, bytes)) : null
  const base = peakRss()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    if (phase === 'raw') await rawRead(bytes)
    else if (phase === 'import') await importInto(name, bytes)
    else if (phase === 'export') await exported(store as Collection)
    else await importInto(`exported-${name}`, again as Uint8Array)
    times.push(performance.now() - start)
  }
  return { ms: median(times), peakBytes: peakRss(), baseBytes: base }
}

const phaseArg = process.argv.indexOf('--phase')
if (phaseArg >= 0) {
  const phase = process.argv[phaseArg + 1] as Phase
  const file = process.argv[process.argv.indexOf('--file') + 1] as string
  const runs = Number(process.argv[process.argv.indexOf('--runs') + 1])
  process.stdout.write(JSON.stringify(await runPhase(phase, file, runs)))
} else {
  const tiny = process.argv.includes('--tiny')
  const results = resolve(
    import.meta.dirname,
    tiny ? 'import-results.tiny.json' : 'import-results.json',
  )
  if (!existsSync(FIXTURES)) {
    console.log(`\nAnki round trip: NOT RUN — ${FIXTURES} is absent (shared fixtures).`)
  } else {
    const largest = readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.apkg'))
      .map((f) => resolve(FIXTURES, f))
      .sort((a, b) => statSync(b).size - statSync(a).size)[0] as string
    const runs = tiny ? 3 : 21
    const tsx = resolve(import.meta.dirname, '../node_modules/.bin/tsx')
    const measured = PHASES.map((phase) => {
      const child = spawnSync(
        tsx,
        [import.meta.filename, '--phase', phase, '--file', largest, '--runs', String(runs)],
        { encoding: 'utf8' },
      )
      if (child.status !== 0) throw new Error(`${phase}: ${child.stderr}`)
      return { phase, ...(JSON.parse(child.stdout) as Awaited<ReturnType<typeof runPhase>>) }
    })
    const raw = measured[0] as (typeof measured)[number]
    const mb = (b: number) => (b / 2 ** 20).toFixed(1)
    console.log(
      `\nAnki round trip of ${basename(largest)} (${(statSync(largest).size / 1024).toFixed(0)} KB), Node, medians of ${runs} runs; peak resident memory of a process doing only that phase\n`,
    )
    console.log(
      `${'phase'.padEnd(44)} ${'ms'.padStart(8)} ${'×raw'.padStart(6)} ${'peak MB'.padStart(8)} ${'+MB'.padStart(6)}`,
    )
    const label: Record<Phase, string> = {
      raw: 'raw read (unzip, SQLite, every row)',
      import: 'import (read + write, in-memory store)',
      export: 'export (.apkg)',
      reimport: 're-import of the export',
    }
    for (const m of measured)
      console.log(
        `${label[m.phase].padEnd(44)} ${m.ms.toFixed(1).padStart(8)} ${(m.ms / raw.ms).toFixed(1).padStart(6)} ${mb(m.peakBytes).padStart(8)} ${mb(m.peakBytes - m.baseBytes).padStart(6)}`,
      )
    const previous = existsSync(results)
      ? (JSON.parse(readFileSync(results, 'utf8')) as Record<string, unknown>)
      : {}
    writeFileSync(
      results,
      JSON.stringify(
        {
          ...previous,
          ankiRoundTrip: {
            file: basename(largest),
            bytes: statSync(largest).size,
            runs,
            phases: measured.map((m) => ({
              ...m,
              what: label[m.phase],
              ratio: m.ms / raw.ms,
            })),
          },
        },
        null,
        2,
      ) + '\n',
    )
    console.log(`\nwritten: ${results}`)
  }
}
