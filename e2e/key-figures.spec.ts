import { expect, test } from './fixtures'
import { MECHANICS, answerShownCard, deckRow } from './mechanics'

const CHAPTER = 'Diplomatic Bluebook 2020 · Global Security'

test('key figures: every figure and date of a deck, searchable, sortable, filtered to the misses', async ({
  app,
}) => {
  const { page } = app
  await deckRow(page, CHAPTER).getByLabel(`More for ${CHAPTER}`).click()
  await deckRow(page, CHAPTER).getByRole('button', { name: 'Key figures' }).click()
  const region = page.getByRole('region', { name: `Key figures of ${CHAPTER}` })
  const rows = region.getByTestId('figure-row')
  await expect(rows.first()).toBeVisible()
  const all = await rows.count()
  expect(all).toBeGreaterThan(100)
  await expect(region.getByRole('status')).toHaveText(`${all} of ${all}`)

  await region.getByLabel('Find').fill('Afghanistan')
  await expect(rows).not.toHaveCount(all)
  for (const text of await rows.allTextContents())
    expect(text.toLowerCase()).toContain('afghanistan')
  await region.getByLabel('Find').fill('')

  // Sorted by value: figures ascending, then dates.
  await region.getByRole('button', { name: 'Value' }).click()
  await expect(region.getByRole('columnheader', { name: 'Value' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  )
  await region.getByRole('button', { name: 'Value' }).click()
  await expect(region.getByRole('columnheader', { name: 'Value' })).toHaveAttribute(
    'aria-sort',
    'descending',
  )
  await page.keyboard.press('Escape')

  // A figure answered wrong is one to look at again.
  await page.getByRole('button', { name: `Study ${MECHANICS}` }).click()
  for (let i = 0; i < 8; i++) {
    const card = page.locator('article.card')
    await expect(page.getByTestId('card-back')).toHaveCount(0)
    if ((await card.getAttribute('data-answer-mode')) === 'type') {
      await page.getByTestId('typed-answer').fill('7')
      await page.keyboard.press('Enter')
      await expect(page.getByTestId('card-back')).toBeVisible()
      await page.keyboard.press('1')
      await expect(page.getByTestId('progress')).toContainText('reviewed')
      break
    }
    await answerShownCard(page, '3')
  }
  await page.keyboard.press('Escape')
  await deckRow(page, MECHANICS).getByLabel(`More for ${MECHANICS}`).click()
  await deckRow(page, MECHANICS).getByRole('button', { name: 'Key figures' }).click()
  const mine = page.getByRole('region', { name: `Key figures of ${MECHANICS}` })
  await mine.getByLabel('Only the ones I keep missing').check()
  await expect(mine.getByTestId('figure-row')).toHaveCount(1)
  await expect(mine.getByTestId('figure-row')).toContainText('400')
  // The miss is said in words and explained above the table, not only coloured.
  await expect(mine.getByTestId('missed-mark')).toHaveText('· missed lately')
  await expect(mine.getByText(/Missed lately: your last answer was Again/)).toBeVisible()
})
