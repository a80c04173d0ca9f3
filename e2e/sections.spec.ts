import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { MECHANICS, answerShownCard, deckRow, setNewPerDay } from './mechanics'

const sectionTitles = async (page: Page) =>
  page.getByTestId('section-row').locator('.section-name').allTextContents()

test('the Sections screen shows every heading level of the deck, folded below the parts', async ({
  app,
}) => {
  const { page } = app
  await page.getByRole('button', { name: `Sections of ${MECHANICS}` }).click()
  await expect(page.getByTestId('section-row').first()).toContainText('Part One')
  expect(await sectionTitles(page)).toEqual([
    'Part One',
    'A Heading',
    'B Second heading',
    'Part Two',
  ])
  await page.getByRole('button', { name: 'Open A Heading' }).click()
  expect(await sectionTitles(page)).toEqual([
    'Part One',
    'A Heading',
    '(a) Subheading',
    '(b) Other subheading',
    'B Second heading',
    'Part Two',
  ])
  await page.getByRole('button', { name: 'Expand all' }).click()
  await expect(page.getByTestId('section-row').filter({ hasText: 'Footnote 1' })).toBeVisible()
  await expect(page.getByTestId('section-row')).toHaveCount(7)
  await page.getByRole('button', { name: 'Fold Part One' }).click()
  expect(await sectionTitles(page)).toEqual(['Part One', 'Part Two'])
  await expect(page.getByRole('button', { name: 'Open Part One' })).toHaveAttribute(
    'aria-expanded',
    'false',
  )
})

test('Esc from a section session returns to the Sections screen it came from', async ({ app }) => {
  const { page } = app
  await page.getByRole('button', { name: `Sections of ${MECHANICS}` }).click()
  await page.getByRole('button', { name: 'Open A Heading' }).click()
  await page.getByRole('button', { name: /^Study section \(a\) Subheading/ }).click()
  await expect(page.getByTestId('breadcrumb')).toContainText('(a) Subheading')
  await expect(page.getByRole('button', { name: /← Sections/ })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('region', { name: `Sections of ${MECHANICS}` })).toBeVisible()
  // And Esc there goes on to the deck list.
  await page.keyboard.press('Escape')
  await expect(page.getByRole('button', { name: `Study ${MECHANICS}` })).toBeVisible()
})

test('once the deck’s new cards for today are used up, a section still opens on what it lists', async ({
  app,
}) => {
  const { page } = app
  await setNewPerDay(page, 1)
  await page.getByRole('button', { name: `Study ${MECHANICS}` }).click()
  await answerShownCard(page, '4')
  await expect(page.getByTestId('session-summary')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(deckRow(page, MECHANICS).locator('.deck-counts')).toHaveAttribute(
    'aria-label',
    /^0 new,/,
  )

  await page.getByRole('button', { name: `Sections of ${MECHANICS}` }).click()
  await expect(page.getByTestId('deck-limit-reached')).toContainText('used up')
  const partTwo = page.getByTestId('section-row').filter({ hasText: 'Part Two' })
  await expect(partTwo.locator('.count-new')).toHaveText('1 new')
  await partTwo.getByRole('button', { name: /^Study section Part Two/ }).click()
  await expect(page.getByTestId('card-front')).toBeVisible()
  await expect(page.getByTestId('progress')).toContainText('1 new')
  await expect(page.getByTestId('past-limit')).toContainText(
    'No new cards are left in this deck’s limit today (1 a day).',
  )
})

test('a section past the deck’s limit says how many of the deck’s new cards are left, not “used up”', async ({
  app,
}) => {
  const { page } = app
  await setNewPerDay(page, 2)
  await page.getByRole('button', { name: `Study ${MECHANICS}` }).click()
  await answerShownCard(page, '4')
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: `Sections of ${MECHANICS}` }).click()
  const partTwo = page.getByTestId('section-row').filter({ hasText: 'Part Two' })
  await expect(partTwo.locator('.count-new')).toHaveText('2 new')
  await partTwo.getByRole('button', { name: /^Study section Part Two/ }).click()
  await expect(page.getByTestId('card-front')).toBeVisible()
  await expect(page.getByTestId('past-limit')).toContainText(
    'This deck’s limit leaves 1 new card today (2 a day).',
  )
  await expect(page.getByTestId('past-limit')).not.toContainText('used up')
})

test('mastery per section, and “Study weakest” opens the weakest innermost section', async ({
  app,
}) => {
  const { page } = app
  await page.getByRole('button', { name: `Sections of ${MECHANICS}` }).click()
  await page.getByRole('button', { name: 'Expand all' }).click()
  const row = (name: string) =>
    page
      .getByTestId('section-row')
      .filter({ has: page.locator('.section-name', { hasText: name }) })
  await expect(row('(a) Subheading').getByTestId('mastery')).toHaveText('0% mastered')
  // Nothing studied: the larger of the innermost sections comes first.
  await page.getByRole('button', { name: 'Study weakest' }).click()
  await expect(page.getByTestId('breadcrumb')).toContainText('(a) Subheading')
  await answerShownCard(page, '4')
  await answerShownCard(page, '4')
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Expand all' }).click()
  await expect(row('(a) Subheading').getByTestId('mastery')).toHaveText('100% mastered')
  await expect(row('A Heading').getByTestId('mastery')).toHaveText('67% mastered')
  await page.getByRole('button', { name: 'Study weakest' }).click()
  await expect(page.getByTestId('breadcrumb')).toContainText('Part Two')
})
