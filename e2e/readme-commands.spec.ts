import { expect, test } from './fixtures'
import { answerShownCard } from './mechanics'

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
