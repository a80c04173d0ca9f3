import { expect, test } from './fixtures'
import { chooseImportFile } from './importing'
import { answerShownCard, deckRow } from './mechanics'
import {
  HISTORY_DECK,
  PACKAGE_DECK,
  packageWithAYearOfHistory,
  packageWithMediaAndHistory,
} from './packages'

// Runs against `npm run web` exactly as the README starts it (the dev server, not the build):
// a newcomer without Electron meets the app this way first.

test('`npm run web` serves the app: decks listed, a session opened, a card graded', async ({
  app,
}) => {
  const { page } = app
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await expect(page.locator('vite-error-overlay')).toHaveCount(0)
  const study = page.getByRole('button', { name: /^Study Diplomatic Bluebook 2020/ })
  await expect(study).toBeVisible()
  await study.click()
  await expect(page.getByTestId('card-front')).toBeVisible()
  const card = page.locator('article.card')
  const first = await card.getAttribute('data-card-id')
  await answerShownCard(page, '3')
  await expect(page.getByTestId('progress')).toContainText('1 reviewed')
  await expect(card).not.toHaveAttribute('data-card-id', first ?? '')
  expect(errors).toEqual([])
})

test('`npm run web` imports an Anki package: the worker and its WASM SQLite load from the dev server', async ({
  app,
}) => {
  // The dev server compiles the worker's modules on first request: on two busy cores that
  // has taken close to the default 30 s (one CI run timed out at it).
  test.setTimeout(90_000)
  const { page } = app
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  const dialog = await chooseImportFile(page, 'geography.apkg', await packageWithMediaAndHistory())
  await expect(dialog.getByRole('list', { name: 'What the import will do' })).toContainText(
    '4 new notes',
    {
      timeout: 60_000,
    },
  )
  await dialog.getByRole('button', { name: 'Import', exact: true }).click()
  await expect(dialog.getByRole('status')).toContainText('Imported geography.apkg: 4 notes')
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(
    page.getByRole('button', { name: `Study ${PACKAGE_DECK}`, exact: true }),
  ).toBeVisible()
  expect(errors).toEqual([])
})

test('`npm run web` runs the optimizer and the card generator: their workers, WASM and NLP load from the dev server', async ({
  app,
}) => {
  test.setTimeout(90_000)
  const { page } = app
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  // A year of history: enough to train on at any hour (with 30 notes, the reviews that count fell
  // under the optimizer's 400 at some hours of the day).
  const { apkg } = await packageWithAYearOfHistory(new Date(), 45)
  const dialog = await chooseImportFile(page, 'treaties.apkg', apkg)
  await dialog.getByRole('button', { name: 'Import', exact: true }).click()
  await expect(dialog.getByRole('status')).toContainText('review logs', { timeout: 30_000 })
  await dialog.getByRole('button', { name: 'Close' }).click()
  const row = deckRow(page, HISTORY_DECK)
  await row.getByLabel(`More for ${HISTORY_DECK}`).click()
  await row.getByRole('button', { name: 'Options' }).click()
  const options = page.getByRole('dialog', { name: `Options of ${HISTORY_DECK}` })
  await options.getByRole('button', { name: 'Optimize from my reviews' }).click()
  await expect(options.getByRole('table', { name: /How well each set predicts/ })).toBeVisible({
    timeout: 60_000,
  })
  await page.keyboard.press('Escape')

  await page.getByRole('button', { name: 'From a text' }).click()
  await page
    .getByLabel('Text', { exact: true })
    .fill('Seas\n\nThe Law of the Sea Convention (LOSC) entered into force in 1994.')
  await page.getByRole('button', { name: 'Propose cards' }).click()
  await expect(page.getByTestId('proposal')).toHaveCount(1, { timeout: 30_000 })
  expect(errors).toEqual([])
})
