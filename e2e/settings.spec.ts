import { expect, test } from './fixtures'

test('the theme can be set to dark or light and is kept after a restart', async ({ app }) => {
  let page = app.page
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  await page.getByRole('button', { name: 'Settings' }).click()
  const theme = page.getByLabel('Theme')
  await theme.selectOption('dark')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  const dark = await background()
  await theme.selectOption('light')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  expect(await background()).not.toBe(dark)
  await theme.selectOption('dark')
  // The theme is applied from the stored settings (a live query), so once it shows, it is saved.
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  page = await app.restart()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  expect(await background()).toBe(dark)
})

test('the study day rollover hour and daily new-card limit are saved and applied', async ({
  app,
}) => {
  let page = app.page
  await page.getByRole('button', { name: 'Settings' }).click()
  await page.getByLabel('Next day starts at (hour)').fill('6')
  await page.getByLabel('New cards per day').fill('')
  await expect(
    page.getByText('Enter a whole number from 0 to 9999; 20 is kept until then.'),
  ).toBeVisible()
  await page.getByLabel('New cards per day').fill('5')
  await page.getByRole('button', { name: 'Done' }).click()
  const row = page.locator('li.deck-row', { hasText: 'Global Security' })
  await expect(row.locator('.deck-counts')).toHaveAttribute('aria-label', /^5 new,/)
  page = await app.restart()
  await page.getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByLabel('Next day starts at (hour)')).toHaveValue('6')
  await expect(page.getByLabel('New cards per day')).toHaveValue('5')
})
