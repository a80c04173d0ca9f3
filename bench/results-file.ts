// Node only: measure.ts is also bundled into the benchmark pages.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import type { BenchResult } from './browser-entry'

/**
 * Adds `results` to a results file written by an earlier benchmark of the same run, replacing
 * the figures with the same ids and keeping the others.
 */
export function addResults(
  file: string,
  results: readonly BenchResult[],
  about: Record<string, unknown> = {},
) {
  const previous = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { results: BenchResult[] })
    : { results: [] }
  const kept = previous.results.filter((r) => !results.some((n) => n.id === r.id))
  writeFileSync(
    file,
    JSON.stringify({ ...previous, ...about, results: [...kept, ...results] }, null, 2) + '\n',
  )
}
