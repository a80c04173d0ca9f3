import { expect, test } from './fixtures'
import { storedRatings } from './stored'

const CHAPTER = 'Diplomatic Bluebook 2020 · Global Security'

test('a 10-question mock exam: scored by section, misses with the right answer, history kept, scheduling untouched', async ({
  app,
}) => {
  const { page } = app
  await page.getByRole('button', { name: 'Mock exam' }).click()
  await page.getByLabel('Deck').selectOption({ label: CHAPTER })
  await page.getByLabel('Questions').fill('10')
  await page.getByRole('button', { name: 'Start' }).click()
  await expect(page.getByRole('timer', { name: 'Time left' })).toHaveText(/^(10:00|9:5\d)$/)
  for (let i = 1; i <= 10; i++) {
    await expect(page.getByTestId('exam-progress')).toContainText(`Question ${i} of 10`)
    const choices = page.getByRole('group', { name: 'Choose the answer' })
    if (await choices.count()) await choices.getByRole('radio').first().check()
    else await page.getByLabel('Your answer').fill('1')
    await page.keyboard.press('Enter')
  }
  const score = page.getByTestId('exam-score')
  await expect(score).toHaveText(new RegExp(`^${CHAPTER}: \\d+ of 10 right \\(\\d+ %\\)$`))
  const right = Number(/: (\d+) of 10/.exec((await score.textContent()) ?? '')?.[1])
  const bySection = page.getByRole('table', { name: 'By section' })
  const rows = bySection.locator('tbody tr')
  expect(await rows.count()).toBeGreaterThan(0)
  let total = 0
  for (const row of await rows.all()) total += Number(await row.locator('td').nth(1).textContent())
  expect(total).toBe(10)
  const misses = page.getByRole('list', { name: 'Missed questions' }).getByRole('listitem')
  await expect(misses).toHaveCount(10 - right)
  if (10 - right > 0) await expect(page.getByTestId('miss-right').first()).not.toBeEmpty()
  // Nothing was graded: a mock exam leaves the schedule alone.
  expect(await storedRatings(page)).toEqual([])
  await expect(page.getByRole('table', { name: 'Past exams' })).toContainText(`${right} of 10`)
})
