import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { MECHANICS, deckRow, setNewPerDay } from './mechanics'

test.use({ clockAt: '2026-03-02T10:00:00' })

async function openMechanics(page: Page) {
  await page.getByRole('button', { name: `Study ${MECHANICS}` }).click()
  await expect(page.getByTestId('card-front')).toHaveText('Alpha question?')
}

test('- buries the card until the next study day; Ctrl+Z brings it straight back', async ({
  app,
}) => {
  const { page } = app
  await openMechanics(page)
  await page.keyboard.press('-')
  await expect(page.getByRole('status')).toHaveText('Card buried until the next study day.')
  await expect(page.getByTestId('card-front')).toHaveText('Bravo question?')
  await expect(page.getByTestId('progress')).toContainText('5 new')
  await page.keyboard.press('Control+z')
  await expect(page.getByTestId('card-front')).toHaveText('Alpha question?')
  await expect(page.getByTestId('progress')).toContainText('6 new')

  // Buried again; gone for today, back after 04:00 tomorrow.
  await page.keyboard.press('-')
  await expect(page.getByTestId('card-front')).toHaveText('Bravo question?')
  await page.keyboard.press('Escape')
  const counts = deckRow(page, MECHANICS).locator('.deck-counts')
  await expect(counts).toHaveAttribute('aria-label', /^5 new/)
  await page.clock.fastForward('18:30:00')
  await expect(counts).toHaveAttribute('aria-label', /^6 new/)
})

test('@ suspends the card: it leaves the queue and the new count, and stays one of the deck’s cards', async ({
  app,
}) => {
  const { page } = app
  await openMechanics(page)
  await page.keyboard.press('@')
  await expect(page.getByRole('status')).toHaveText('Card suspended.')
  await page.keyboard.press('Escape')
  const counts = deckRow(page, MECHANICS).locator('.deck-counts')
  await expect(counts).toHaveAttribute('aria-label', /^5 new, 0 learning, 0 due, 6 cards/)
  await page.getByRole('button', { name: `Study ${MECHANICS}` }).click()
  await expect(page.getByTestId('card-front')).toHaveText('Bravo question?')
})

test('Ctrl+1…7 flag the card, shown on the card and in the picker; again clears it', async ({
  app,
}) => {
  const { page } = app
  await openMechanics(page)
  const card = page.locator('article.card')
  await page.keyboard.press('Control+1')
  await expect(card).toHaveAttribute('data-flag', '1')
  await expect(page.getByLabel('Flag')).toHaveValue('1')
  await expect(page.getByRole('status')).toHaveText('Flagged red.')
  await page.keyboard.press('Alt+4')
  await expect(card).toHaveAttribute('data-flag', '4')
  await page.keyboard.press('Control+4')
  await expect(card).toHaveAttribute('data-flag', '0')
  await expect(page.getByRole('status')).toHaveText('Flag removed.')
  // The picker does the same, for mouse and screen-reader users.
  await page.getByLabel('Flag').selectOption('3')
  await expect(card).toHaveAttribute('data-flag', '3')
  // Still the same card, and it can be answered.
  await expect(page.getByTestId('card-front')).toHaveText('Alpha question?')
})

test('I shows the card’s info and whole history; Esc goes back to studying', async ({ app }) => {
  const { page } = app
  await setNewPerDay(page, 1)
  await openMechanics(page)
  await page.keyboard.press('Space')
  await page.keyboard.press('3')
  // Its 10-minute step is within the learn-ahead limit: it comes straight back.
  await expect(page.getByTestId('progress')).toContainText('1 reviewed')
  await page.keyboard.press('i')
  const info = page.getByRole('dialog', { name: 'Card info' })
  await expect(info).toBeVisible()
  await expect(info.locator('dd').first()).toHaveText(MECHANICS)
  const history = info.getByRole('table')
  await expect(history.locator('tbody tr')).toHaveCount(1)
  await expect(history.locator('tbody tr').first()).toContainText('Good')
  await expect(history.locator('tbody tr').first()).toContainText('New')
  await page.keyboard.press('Escape')
  await expect(info).toHaveCount(0)
  await page.keyboard.press('Space')
  await expect(page.getByTestId('card-back')).toBeVisible()
})
