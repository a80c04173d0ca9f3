import { BaseSequencer, type TestSpecification } from 'vitest/node'

/**
 * Files that run the README's commands or thousands of imports in child processes take minutes
 * each. Vitest orders by the durations it cached, and a clean clone has none: it then takes the
 * largest files first, which left the longest (the 4-minute `npm run bench -- --tiny`, a small
 * file) to start when the others were done. These go first, the rest as vitest orders them.
 */
const LONGEST_FIRST = [
  'scripts/readme-bench.test.ts',
  'scripts/readme-commands.test.ts',
  'src/cli/crafted-files.test.ts',
  'src/cli/fuzz.test.ts',
]

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const rank = (f: TestSpecification) => {
      const i = LONGEST_FIRST.findIndex((path) => f.moduleId.endsWith(path))
      return i === -1 ? LONGEST_FIRST.length : i
    }
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f)
  }
}
