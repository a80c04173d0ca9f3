import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'
import LongestFirst from './scripts/vitest-sequencer'

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'scripts/**/*.test.ts',
      'build/**/*.test.ts',
      'decks/**/*.test.ts',
    ],
    environment: 'node',
    // Vitest's default is one worker fewer than the cores: on CI's two, every file in turn (514 s,
    // of which 293 s were the README commands' file). The long files mostly wait on child
    // processes (the CLI, Chromium), so both cores take files.
    maxWorkers: availableParallelism(),
    sequence: { sequencer: LongestFirst },
    reporters: ['default', ['json', { outputFile: 'reports/unit.json' }]],
  },
})
