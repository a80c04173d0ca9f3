import { mkdirSync, writeFileSync } from 'node:fs'
import fc from 'fast-check'
import initSqlJs from 'sql.js'
import { afterAll, describe, expect, it } from 'vitest'
import { BoundedRunner, type Bounds } from './fuzz/bounded-runner'
import { fuzzCases, mutated } from './fuzz/mutations'
import { fuzzSeeds } from './fuzz/seeds'
import { sharedFixturesPresent, warnIfFixturesAbsent } from './shared-fixtures'

/**
 * Issue 19's fuzz run: seeded mutations of every shared fixture package, text file, review log
 * and backup made from them (and of files of the app's own making), each imported as the
 * command line and the app import it, in a thread capped in time and heap. Every input must
 * import whole — every value passing the collection check, its backup valid — or be refused
 * in our words with nothing written. The seed is printed; `FUZZ_SEED=n npm run test:unit`
 * replays a run, `FUZZ_INPUTS=n` changes its size. A failure is shrunk to its smallest case.
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? 19)
const INPUTS = Number(process.env['FUZZ_INPUTS'] ?? 2000)
const BOUNDS: Bounds = { ms: 15_000, heapMb: 512 }

warnIfFixturesAbsent(
  'fuzzing of the shared fixtures (src/cli/fuzz.test.ts; files of our own making still are)',
)

const SQL = await initSqlJs()
const seeds = await fuzzSeeds()
const runner = new BoundedRunner(BOUNDS)
afterAll(() => runner.close())

describe('fuzzing every importer with mutated real files', () => {
  it(`${INPUTS} mutated inputs: each imports whole or is refused in our words, within ${BOUNDS.ms / 1000} s and ${BOUNDS.heapMb} MB, nothing written by a refusal`, async () => {
    const tally: Record<string, number> = {}
    let counting = true
    const started = performance.now()
    const result = await fc.check(
      fc.asyncProperty(fuzzCases(seeds), async (c) => {
        const seed = seeds[c.seed]
        if (!seed) throw new Error(`no seed ${c.seed}`)
        const bytes = mutated(seed, c.ops, SQL)
        const outcome = await runner.run(
          seed.name,
          bytes,
          seed.kind === 'revlog' ? 'revlog' : 'import',
        )
        if (counting) tally[outcome.kind] = (tally[outcome.kind] ?? 0) + 1
        if (outcome.kind !== 'imported' && outcome.kind !== 'refused') {
          counting = false
          throw new Error(`${seed.name}: ${outcome.kind}: ${outcome.message}`)
        }
      }),
      {
        seed: SEED,
        numRuns: INPUTS,
        interruptAfterTimeLimit: 600_000,
        markInterruptAsFailure: true,
      },
    )
    const seconds = (performance.now() - started) / 1000
    const report = {
      seed: SEED,
      inputs: result.numRuns,
      files: seeds.length,
      sharedFixtures: sharedFixturesPresent,
      outcomes: tally,
      bounds: BOUNDS,
      seconds: Math.round(seconds),
    }
    mkdirSync('reports', { recursive: true })
    writeFileSync('reports/fuzz.json', JSON.stringify({ ...report, failed: result.failed }))
    console.log(
      `[fuzz] seed ${SEED} (FUZZ_SEED=${SEED} replays it): ${result.numRuns} inputs from ${seeds.length} files in ${Math.round(seconds)} s: ${JSON.stringify(tally)}`,
    )
    expect(
      result.failed,
      result.failed ? `${fc.defaultReportMessage(result)}\n${String(result.errorInstance)}` : '',
    ).toBe(false)
    expect(result.numRuns).toBe(INPUTS)
    // A run where nothing imports, or nothing is refused, is not exploring.
    expect(tally.imported ?? 0).toBeGreaterThan(INPUTS / 20)
    expect(tally.refused ?? 0).toBeGreaterThan(INPUTS / 20)
  }, 900_000)
})
