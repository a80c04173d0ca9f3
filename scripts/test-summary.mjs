// The closing line of `npm test`: totals from Vitest's and Playwright's JSON reports, and a
// plain statement when the Electron e2e project did not run (it is never counted as passed).
import { existsSync, readFileSync, readdirSync } from 'node:fs'

/** @param {string} f */
const read = (f) => (existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : null)
const unit = read('reports/unit.json')
const e2e = read('reports/e2e.json')
if (!unit || !e2e) {
  console.error('test summary: missing reports/unit.json or reports/e2e.json')
  process.exit(1)
}

let passed = unit.numPassedTests
let failed = unit.numFailedTests
let skipped = unit.numPendingTests + unit.numTodoTests
const projects = new Map()
/**
 * @typedef {{ specs?: { tests: { projectName: string; status: string }[] }[]; suites?: Suite[] }} Suite
 * @param {Suite} suite
 */
const walk = (suite) => {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests) {
      const p = projects.get(t.projectName) ?? { passed: 0, failed: 0, skipped: 0 }
      if (t.status === 'expected') p.passed++
      else if (t.status === 'skipped') p.skipped++
      else p.failed++
      projects.set(t.projectName, p)
    }
  }
  for (const s of suite.suites ?? []) walk(s)
}
for (const s of e2e.suites) walk(s)
console.log(`\nunit: ${unit.numPassedTests} passed, ${unit.numFailedTests} failed`)
for (const [name, p] of projects) {
  console.log(`e2e ${name}: ${p.passed} passed, ${p.failed} failed`)
  passed += p.passed
  failed += p.failed
  skipped += p.skipped
}
if (!projects.has('electron')) {
  console.log('e2e electron: NOT RUN (no Electron binary on this machine); not counted as passed')
  console.log(
    'installers (npm run dist): NOT RUN (electron-builder needs the Electron binary); its fuse hook was tested on a stand-in binary',
  )
}
const hostile = read('reports/hostile.json')
console.log(
  hostile
    ? `hostile content: ${hostile.payloads} payloads in ${hostile.fields} fields, shown on ${hostile.screens.length} screens: ${hostile.executed} executed, ${hostile.remote} remote loads, ${hostile.dangerousInPage} dangerous in the page`
    : 'hostile content: NOT RUN (reports/hostile.json is missing)',
)
/** @type {Record<string, { acked: number; landed: number; done: boolean }[] | null>} */
const kills = Object.fromEntries(
  ['grade', 'undo', 'sync', 'import'].map((k) => [k, read(`reports/durability/${k}.json`)]),
)
const missing = Object.entries(kills).filter(([, v]) => !v)
const points = Object.values(kills).reduce((n, v) => n + (v?.length ?? 0), 0)
const during = (/** @type {string} */ k) => (kills[k] ?? []).filter((r) => r.landed > 0).length
console.log(
  missing.length === 4
    ? 'durability: NOT RUN (reports/durability/ is missing)'
    : `durability: ${points} SIGKILL points survived (grading ${kills.grade?.length ?? 0}, undo ${kills.undo?.length ?? 0}, deck sync ${kills.sync?.length ?? 0}, import ${kills.import?.length ?? 0}): every acknowledged write kept once, nothing half-written (${(kills.grade ?? []).concat(kills.undo ?? []).reduce((n, r) => n + r.acked, 0)} acknowledged grades; sync stored whole ${during('sync')}×, not yet ${(kills.sync?.length ?? 0) - during('sync')}×; import whole ${during('import')}×, not yet ${(kills.import?.length ?? 0) - during('import')}×)${missing.length ? `; NOT RUN: ${missing.map(([k]) => k).join(', ')}` : ''}`,
)
const faultFiles = existsSync('reports/faults')
  ? readdirSync('reports/faults').map((f) => read(`reports/faults/${f}`))
  : []
/** @type {string[]} */
const faults = faultFiles.flatMap((f) => f?.faults ?? [])
console.log(
  faults.length
    ? `storage faults: ${faults.length} injected (${[...new Set(faults.map((f) => f.split(':')[0]))].join(', ')}; disk full and failing writes): each said on screen, nothing half-written, the app kept working`
    : 'storage faults: NOT RUN (reports/faults/ is missing)',
)
const fuzz = read('reports/fuzz.json')
/** @type {Record<string, number>} */
const outcomes = fuzz?.outcomes ?? {}
const bad = Object.entries(outcomes).filter(([k]) => k !== 'imported' && k !== 'refused')
console.log(
  fuzz
    ? `fuzz: ${Object.values(outcomes).reduce((n, v) => n + v, 0)} mutated inputs from ${fuzz.files} files${fuzz.sharedFixtures ? '' : ' (../shared absent: our own files only)'} (seed ${fuzz.seed}, FUZZ_SEED=${fuzz.seed} replays it): ${outcomes.imported ?? 0} imported whole, ${outcomes.refused ?? 0} refused in our words with nothing written; ${bad.length ? bad.map(([k, v]) => `${v} ${k}`).join(', ') : `none crashed, half-written, invalid or over ${fuzz.bounds.ms / 1000} s / ${fuzz.bounds.heapMb} MB`}`
    : 'fuzz: NOT RUN (reports/fuzz.json is missing)',
)
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 ? 1 : 0)
