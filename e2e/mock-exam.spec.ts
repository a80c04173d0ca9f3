import { expect, test } from './fixtures'
import { deckOfNotes } from './mechanics'
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

test.describe('a running exam', () => {
  test.use({ clockAt: '2026-03-02T10:00:00' })

  test('its clock starts at the limit and ticks by the second; leaving asks first', async ({
    app,
  }) => {
    const { page } = app
    await page.getByRole('button', { name: 'Mock exam' }).click()
    await page.getByLabel('Deck').selectOption({ label: CHAPTER })
    await page.getByLabel('Time limit (minutes)').fill('3')
    // Time spent on the setup screen does not count against the limit.
    await page.clock.fastForward(7_000)
    await page.getByRole('button', { name: 'Start' }).click()
    const timer = page.getByRole('timer', { name: 'Time left' })
    await expect(timer).toHaveText('3:00')
    await page.clock.fastForward(1_000)
    await expect(timer).toHaveText('2:59')
    await page.clock.fastForward(60_000)
    await expect(timer).toHaveText('1:59')

    // Esc asks; Esc again (or Stay) goes back to the question with the clock running.
    const prompt = page.getByTestId('exam-prompt')
    await expect(prompt).toBeVisible()
    await page.keyboard.press('Escape')
    const ask = page.getByRole('dialog', { name: 'Leave the exam?' })
    await expect(ask).toBeVisible()
    await expect(ask.getByRole('button', { name: 'Stay' })).toBeFocused()
    await page.keyboard.press('Escape')
    await expect(ask).toHaveCount(0)
    await expect(prompt).toBeVisible()
    // The back link asks too; Leave goes to the deck list and records no exam.
    await page.getByRole('button', { name: /← Decks/ }).click()
    await expect(ask).toContainText('Nothing is answered yet.')
    await ask.getByRole('button', { name: 'Leave' }).click()
    await expect(page.getByRole('button', { name: `Study ${CHAPTER}` })).toBeVisible()
    await page.getByRole('button', { name: 'Mock exam' }).click()
    await expect(page.getByRole('table', { name: 'Past exams' })).toHaveCount(0)
  })
})

test('an exam on the user’s own deck: any note type, choices from the same field, typed where it types', async ({
  app,
}) => {
  const { page } = app
  const capitals: [string, string][] = [
    ['Peru', 'Lima'],
    ['Ecuador', 'Quito'],
    ['Colombia', 'Bogotá'],
    ['Chile', 'Santiago'],
    ['Bolivia', 'Sucre'],
  ]
  await deckOfNotes(
    page,
    'Capitals',
    'basic-reversed',
    capitals.map(([country, city]) => ({ Front: `Capital of ${country}?`, Back: city })),
  )
  await page.getByRole('button', { name: 'Mock exam' }).click()
  await expect(page.getByRole('form', { name: 'A new exam' })).toBeVisible()
  await page.getByLabel('Deck').selectOption({ label: 'Capitals' })
  await page.getByLabel('Questions').fill('5')
  await page.getByRole('button', { name: 'Start' }).click()
  const cities = capitals.map(([, city]) => city)
  const prompts = capitals.map(([country]) => `Capital of ${country}?`)
  for (let i = 1; i <= 5; i++) {
    await expect(page.getByTestId('exam-progress')).toContainText(`Question ${i} of 5`)
    const prompt = (await page.getByTestId('exam-prompt').textContent()) ?? ''
    const choices = page.getByRole('group', { name: 'Choose the answer' }).getByRole('radio')
    await expect(choices).toHaveCount(4)
    // Asked a country, the options are all cities; asked a city (the reverse card), all prompts.
    const options = await page.locator('.exam-choice').allTextContents()
    const field = prompts.includes(prompt) ? cities : prompts
    for (const o of options) expect(field).toContain(o.trim())
    const right = prompts.includes(prompt)
      ? capitals[prompts.indexOf(prompt)]?.[1]
      : `Capital of ${capitals[cities.indexOf(prompt)]?.[0]}?`
    await page
      .locator('.exam-choice', { hasText: right ?? '' })
      .getByRole('radio')
      .check()
    await page.keyboard.press('Enter')
  }
  await expect(page.getByTestId('exam-score')).toHaveText('Capitals: 5 of 5 right (100 %)')
  // By section: the deck's name stands for the section its notes do not have.
  await expect(page.getByRole('table', { name: 'By section' })).toContainText('Capitals')
})
