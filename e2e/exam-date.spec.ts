import { expect, test } from './fixtures'
import { MECHANICS, deckRow } from './mechanics'

test.use({ clockAt: '2026-03-02T10:00:00' })

test('an exam date plans the deck: new cards a day, recall on the day, and no review after it', async ({
  app,
}) => {
  const { page } = app
  await deckRow(page, MECHANICS).getByLabel(`More for ${MECHANICS}`).click()
  await deckRow(page, MECHANICS).getByRole('button', { name: 'Options' }).click()
  const options = page.getByRole('dialog', { name: `Options of ${MECHANICS}` })
  // Nothing studied yet: no reviews to expect at any retention.
  await expect(options.getByTestId('workload')).toHaveText(/^About 0\.0 reviews a day/)
  await options.getByLabel('Exam date of this deck').fill('2026-03-07')
  await options.getByLabel('Keep every card’s next review on or before the exam day').check()
  await options.getByRole('button', { name: 'Save' }).click()
  await expect(options).toHaveCount(0)

  await page.getByRole('button', { name: `Sections of ${MECHANICS}` }).click()
  const plan = page.getByTestId('exam-plan')
  await expect(plan).toContainText(
    'Exam on 2026-03-07, in 5 days: 2 new cards a day see all 6 new cards in time.',
  )
  await expect(plan).toContainText('Expected recall on the day, if nothing more were studied: 0 %')
  await expect(plan).toContainText('every next review falls on or before the exam day')
  await expect(page.getByTestId('exam-recall').first()).toHaveText(/· 0% on exam day/)

  // Easy on a new card would wait weeks; with the cap it comes back by the exam morning.
  await page.getByRole('button', { name: 'Study all' }).click()
  await expect(page.getByTestId('card-front')).toBeVisible()
  const card = page.locator('article.card')
  if ((await card.getAttribute('data-answer-mode')) === 'type') {
    await page.getByTestId('typed-answer').fill('400')
    await page.keyboard.press('Enter')
  } else await page.keyboard.press('Space')
  await expect(page.getByRole('button', { name: /^Easy/ })).toContainText(/[1-5]d|\d+h/)
  await expect(page.getByRole('button', { name: /^Easy/ })).not.toContainText(
    /\d+(mo|y)|[6-9]d|\d{2}d/,
  )
})
