import { describe, expect, it } from 'vitest'
import { readReviewLogCsv } from '../core/formats/text/review-log-csv'
import { fsrsItems } from '../core/stats/fsrs-items'
import { MIN_ITEMS, optimizeOn } from '../app/optimize'
import { bindingTrainer } from './optimize'
import { asLines, runCli } from './run-cli'
import {
  readSharedFixture,
  sharedFixture,
  sharedFixturesPresent,
  warnIfFixturesAbsent,
} from './shared-fixtures'

const DAY = 86_400_000
const utcDay = (ms: number) => Math.floor((ms - 4 * 3_600_000) / DAY)
warnIfFixturesAbsent('the optimizer on a real review log (src/cli/optimize.test.ts)')

describe.runIf(sharedFixturesPresent)(
  'the FSRS optimizer on a real review log (../shared/fixtures/revlog)',
  () => {
    it('finds valid parameters that fit 12,580 real reviews better than the defaults', async () => {
      const history = readReviewLogCsv(
        readSharedFixture('revlog/py-fsrs_review_logs_josh.csv'),
        'josh.csv',
      )
      expect(history).toHaveLength(12_580)
      expect(new Set(history.map((h) => h.cardId)).size).toBe(1_205)
      const report = await optimizeOn(fsrsItems(history, utcDay), bindingTrainer)
      expect(report.parameters).toHaveLength(21)
      expect(report.parameters.every(Number.isFinite)).toBe(true)
      expect(report.optimized.logLoss).toBeLessThan(report.defaults.logLoss)
      expect(report.optimized.rmse).toBeLessThan(report.defaults.rmse)
    }, 60_000)

    it('`optimize --json` prints the parameters and both losses', async () => {
      const out: string[] = []
      const status = await runCli(
        ['optimize', sharedFixture('revlog/py-fsrs_review_logs_josh.csv'), '--json'],
        {
          out: (t) => out.push(asLines(t)),
          err: () => undefined,
          now: () => new Date(),
        },
      )
      expect(status).toBe(0)
      const report = JSON.parse(out.join('')) as {
        parameters: number[]
        defaults: { logLoss: number }
        optimized: { logLoss: number }
      }
      expect(report.parameters).toHaveLength(21)
      expect(report.optimized.logLoss).toBeLessThan(report.defaults.logLoss)
    }, 60_000)
  },
)

describe('the optimizer', () => {
  it('says plainly when there is too little history', async () => {
    const few = fsrsItems(
      [
        { cardId: 'a', at: 0, rating: 3 },
        { cardId: 'a', at: 3 * DAY, rating: 3 },
      ],
      utcDay,
    )
    await expect(optimizeOn(few, bindingTrainer)).rejects.toThrow(
      `too little history to optimize: 1 reviews on a later day than the one before (at least ${MIN_ITEMS} are needed)`,
    )
  })
})
