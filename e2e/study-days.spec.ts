import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { MECHANICS, answerShownCard, deckRow, setNewPerDay } from './mechanics'

// Time moves with Playwright's fake clock (page.clock), as a user's days would; nothing
// stored is edited by hand.
test.use({ clockAt: '2026-03-02T10:00:00' })

/** Two new cards a day, both answered Easy: nothing more until tomorrow. */
async function finishTodayWithTwoEasy(page: Page) {
  await setNewPerDay(page, 2)
  await page.getByRole('button', { name: `Study ${MECHANICS}` }).click()
  await answerShownCard(page, '4')
  await answerShownCard(page, '4')
  await expect(page.getByTestId('session-summary')).toBeVisible()
}

test('when today is done, the summary and the deck list say when to come back', async ({ app }) => {
  const { page } = app
  await finishTodayWithTwoEasy(page)
  await expect(page.getByTestId('next-study')).toHaveText('Done for today. Next review tomorrow.')
  await page.keyboard.press('Escape')
  await expect(deckRow(page, MECHANICS).getByTestId('deck-done')).toHaveText(
    'Done for today — next review tomorrow',
  )
})

test('the study day rolls over at the rollover hour, not at midnight', async ({ app }) => {
  const { page } = app
  await finishTodayWithTwoEasy(page)
  await page.keyboard.press('Escape')
  const counts = deckRow(page, MECHANICS).locator('.deck-counts')
  await expect(counts).toHaveAttribute('aria-label', /^0 new, 0 learning, 0 due/)
  // Past midnight, before 04:00: still the same study day.
  await page.clock.fastForward('16:30:00')
  await expect(counts).toHaveAttribute('aria-label', /^0 new, 0 learning, 0 due/)
  // 04:00 passes while the deck list is open: a new day, two new cards again.
  await page.clock.fastForward('01:30:00')
  await expect(counts).toHaveAttribute('aria-label', /^2 new, 0 learning, 0 due/)
  await expect(deckRow(page, MECHANICS).getByTestId('deck-done')).toHaveCount(0)
})

test('cards graduated today are due when the user comes back three days later', async ({ app }) => {
  let page = app.page
  await setNewPerDay(page, 1)
  await page.getByRole('button', { name: `Study ${MECHANICS}` }).click()
  await expect(page.getByTestId('card-front')).toHaveText('Alpha question?')
  await answerShownCard(page, '3')
  // Its 10-minute step is within the learn-ahead limit, so it is shown again at once.
  await expect(page.getByTestId('card-front')).toHaveText('Alpha question?')
  await expect(page.getByTestId('progress')).toContainText('1 learning')
  await answerShownCard(page, '3')
  await expect(page.getByTestId('session-summary')).toBeVisible()

  page = await app.restart()
  await page.clock.setSystemTime(new Date('2026-03-05T10:00:00'))
  await page.reload()
  await expect(deckRow(page, MECHANICS).locator('.deck-counts')).toHaveAttribute(
    'aria-label',
    /^1 new, 0 learning, 1 due/,
  )
  await page.getByRole('button', { name: `Study ${MECHANICS}` }).click()
  // Reviews come before new cards.
  await expect(page.getByTestId('card-front')).toHaveText('Alpha question?')
  await expect(page.getByTestId('progress')).toContainText('1 due')
})
