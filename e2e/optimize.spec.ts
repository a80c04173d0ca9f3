import { existsSync, readFileSync } from 'node:fs'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { chooseImportFile } from './importing'
import {
  HISTORY_DECK,
  REVIEW_LOG_DECK,
  packageFromReviewLog,
  packageWithAYearOfHistory,
} from './packages'
import { deckRow } from './mechanics'
import { rawTables } from './stored'

const NOW = '2026-06-01T10:00:00'
test.use({ clockAt: NOW })

/** A row's numbers in the fit table: log loss, RMSE. */
const cells = async (fit: Locator, label: string) =>
  (
    await fit
      .getByRole('row', { name: new RegExp(`^${label}`) })
      .getByRole('cell')
      .allTextContents()
  ).map(Number)

const SHARED_REVLOG = '../shared/fixtures/revlog/py-fsrs_review_logs_josh.csv'

async function importPackage(page: Page, apkg: Buffer, reviews?: number) {
  const dialog = await chooseImportFile(page, 'history.apkg', apkg)
  await dialog.getByRole('button', { name: 'Import', exact: true }).click()
  await expect(dialog.getByRole('status')).toContainText(
    reviews === undefined ? 'review logs' : `${reviews} review logs`,
    { timeout: 60_000 },
  )
  await dialog.getByRole('button', { name: 'Close' }).click()
}

async function openOptions(page: Page, deck: string) {
  await deckRow(page, deck).getByLabel(`More for ${deck}`).click()
  await deckRow(page, deck).getByRole('button', { name: 'Options' }).click()
  return page.getByRole('dialog', { name: `Options of ${deck}` })
}

test('optimizing a short history says plainly that there is too little of it', async ({ app }) => {
  const { page } = app
  // Ten cards studied for a year: about 160 reviews on a later day than the one before.
  const { apkg } = await packageWithAYearOfHistory(new Date(NOW), 10)
  await importPackage(page, apkg)
  const options = await openOptions(page, HISTORY_DECK)
  await expect(options.getByText('This preset uses FSRS’s default parameters.')).toBeVisible()
  await options.getByRole('button', { name: 'Optimize from my reviews' }).click()
  await expect(options.getByRole('status')).toContainText(
    /Not enough history yet: too little history to optimize: \d+ reviews on a later day than the one before \(at least 400 are needed\)/,
  )
  // Nothing to save: the defaults stay.
  await expect(options.getByTestId('parameters')).toHaveCount(0)
})

test('parameters that do not fit the history better are not taken: those in use are kept', async ({
  app,
}) => {
  const { page } = app
  // Forty cards studied for a year before the fixed clock with an irregular pattern of Again
  // and Hard: enough to optimize on, and a history the optimizer's result fits worse than the
  // defaults (log loss 0.78 → 1.03, RMSE(bins) 0.31 → 0.37 when counted in UTC).
  const { apkg } = await packageWithAYearOfHistory(new Date(NOW), 40, (i, n) =>
    (i * 3 + n * n) % 9 === 0 ? 1 : (i + n) % 5 === 0 ? 2 : 3,
  )
  await importPackage(page, apkg)
  const options = await openOptions(page, HISTORY_DECK)
  await options.getByRole('button', { name: 'Optimize from my reviews' }).click()
  const fit = options.getByRole('table', { name: /How well each set predicts your/ })
  await expect(fit).toBeVisible({ timeout: 60_000 })
  const [loss, rmse] = await cells(fit, 'In use')
  const [newLoss, newRmse] = await cells(fit, 'Optimized')
  expect(newLoss).toBeGreaterThan(loss as number)
  expect(newRmse).toBeGreaterThan(rmse as number)
  await expect(
    options.getByText('The parameters in use fit your history as well or better: they are kept.'),
  ).toBeVisible()
  await expect(options.getByTestId('parameters')).toHaveCount(0)
  await expect(options.getByText('This preset uses FSRS’s default parameters.')).toBeVisible()
})

// The real review log from ../shared/fixtures, defined only where the folder is (never copied
// in); when it is absent the run says so by name.
if (!existsSync(SHARED_REVLOG))
  console.warn(
    `[fixtures] ${SHARED_REVLOG} is absent: the e2e optimizer run on a real review log did not run.`,
  )
else
  test('optimizing 12,580 real reviews shows both losses, keeps the better set and reschedules', async ({
    app,
  }) => {
    test.setTimeout(240_000)
    const { page } = app
    const apkg = await packageFromReviewLog(
      new Uint8Array(readFileSync(SHARED_REVLOG)),
      new Date(NOW),
    )
    await importPackage(page, apkg, 12_580)
    const options = await openOptions(page, REVIEW_LOG_DECK)
    await options.getByRole('button', { name: 'Optimize from my reviews' }).click()
    // Progress while it trains, off the window's thread.
    await expect(options.getByRole('progressbar')).toBeVisible()
    const fit = options.getByRole('table', {
      name: /How well each set predicts your 12,580 reviews/,
    })
    await expect(fit).toBeVisible({ timeout: 180_000 })
    // Until Save, the saved set is what studying uses, and the dialog says so.
    const [inUseLoss, inUseRmse] = await cells(fit, 'Saved')
    const [optimizedLoss, optimizedRmse] = await cells(fit, 'Optimized')
    expect(inUseLoss).toBeGreaterThan(0)
    expect(optimizedLoss).toBeLessThan(inUseLoss as number)
    expect(optimizedRmse).toBeLessThan(inUseRmse as number)
    await expect(
      options.getByText(
        'New parameters, optimized on your reviews, are ready: they are used once you save.',
      ),
    ).toBeVisible()
    await expect(options.getByText('This preset uses parameters optimized')).toHaveCount(0)
    const parameters = (await options.getByTestId('parameters').textContent())?.split(', ') ?? []
    expect(parameters).toHaveLength(21)

    const before = await dueTimes(page)
    const reschedule = options.getByLabel(
      'Reschedule this preset’s cards from their review history with the new settings',
    )
    await expect(reschedule).toBeChecked()
    await options.getByRole('button', { name: 'Save' }).click()
    // A backup, then 12,580 reviews replayed in a worker: over 5 s once on a loaded machine.
    await expect(options).toHaveCount(0, { timeout: 20_000 })
    // The cards now follow the new parameters: most due times moved.
    await expect.poll(async () => changed(before, await dueTimes(page))).toBeGreaterThan(600)
    // A backup came first: the import's, then the rescheduling's.
    await page.getByRole('button', { name: 'Settings' }).click()
    await expect(
      page.getByRole('table', { name: 'Backups, newest first' }).locator('tbody tr'),
    ).toHaveCount(2)
    await page.getByRole('button', { name: 'Done' }).click()

    const again = await openOptions(page, REVIEW_LOG_DECK)
    await expect(
      again.getByText('This preset uses parameters optimized on your reviews.'),
    ).toBeVisible()
    await expect(again.getByTestId('parameters')).toHaveText(parameters.join(', '))
  })

/** Every card's due time by id, read with raw IndexedDB (not the app). */
async function dueTimes(page: Page): Promise<Record<string, number>> {
  const { cards = [] } = await rawTables(page, ['cards'])
  return Object.fromEntries((cards as { id: string; due: number }[]).map((c) => [c.id, c.due]))
}

const changed = (a: Record<string, number>, b: Record<string, number>) =>
  Object.keys(a).filter((id) => a[id] !== b[id]).length
