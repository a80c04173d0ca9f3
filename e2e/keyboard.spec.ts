import { expect, test, type AppHandle } from './fixtures'
import { MECHANICS } from './mechanics'
import { storedRatings } from './stored'

const CHAPTER_DECK = 'Diplomatic Bluebook 2020 · Global Security'

async function revealFirstCard(app: AppHandle) {
  const { page } = app
  await page.getByRole('button', { name: `Study ${CHAPTER_DECK}` }).click()
  await expect(page.getByTestId('card-front')).toBeVisible()
  // The chapter deck opens on a reveal card (an acronym).
  await expect(page.locator('article.card')).toHaveAttribute('data-answer-mode', 'reveal')
  await page.keyboard.press('Space')
  await expect(page.getByTestId('card-back')).toBeVisible()
}

for (const [key, name, rating] of [
  ['Enter', 'Again', 1],
  ['Space', 'Hard', 2],
  ['Enter', 'Easy', 4],
] as const) {
  test(`${key} on the focused ${name} button records ${name}`, async ({ app }) => {
    const { page } = app
    await revealFirstCard(app)
    const button = page.getByRole('button', { name: new RegExp(`^${name}, next in`) })
    await button.focus()
    await page.keyboard.press(key)
    await expect(page.getByTestId('progress')).toContainText('1 reviewed')
    expect(await storedRatings(page)).toEqual([rating])
  })
}

test('Enter after revealing grades the highlighted Good, which holds the focus', async ({
  app,
}) => {
  const { page } = app
  await revealFirstCard(app)
  const good = page.getByRole('button', { name: /^Good, .*\(suggested\)$/ })
  await expect(good).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('progress')).toContainText('1 reviewed')
  expect(await storedRatings(page)).toEqual([3])
})

test('Enter after a wrong typed answer takes the suggested Again, not a hidden Good', async ({
  app,
}) => {
  const { page } = app
  await page.getByRole('button', { name: `Sections of ${CHAPTER_DECK}` }).click()
  await page.getByRole('button', { name: /^Study section F Illicit drugs/ }).click()
  await page.getByTestId('typed-answer').fill('12 yen')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('verdict')).toContainText('Not quite')
  await expect(page.getByRole('button', { name: /^Again, .*\(suggested\)$/ })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('progress')).toContainText('1 reviewed')
  expect(await storedRatings(page)).toEqual([1])
})

test('number keys grade what they name, wherever the focus is', async ({ app }) => {
  const { page } = app
  await revealFirstCard(app)
  await page.getByRole('button', { name: /^Easy, next in/ }).focus()
  await page.keyboard.press('2')
  await expect(page.getByTestId('progress')).toContainText('1 reviewed')
  expect(await storedRatings(page)).toEqual([2])
})

test('back from a session, the focus is on the deck just studied, so Enter studies it again', async ({
  app,
}) => {
  const { page } = app
  const chapter = page.getByRole('button', { name: /^Study Diplomatic/ })
  await expect(chapter).toBeFocused()
  const mechanics = page.getByRole('button', { name: `Study ${MECHANICS}`, exact: true })
  await mechanics.click()
  await expect(page.getByTestId('card-front')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(mechanics).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('region', { name: `Studying ${MECHANICS}` })).toBeVisible()
})

test('A on the deck list adds a note to the deck with the focus, else the first', async ({
  app,
}) => {
  const { page } = app
  await expect(page.getByRole('button', { name: /^Study Diplomatic/ })).toBeFocused()
  await page.keyboard.press('a')
  const chapterAdd = page.getByRole('dialog', { name: `Add a note to ${CHAPTER_DECK}` })
  await expect(chapterAdd).toBeVisible()
  // Typing in the dialog is typing, not another Add (once the first field has the focus).
  const front = chapterAdd.getByRole('textbox', { name: 'Front', exact: true })
  await expect(front).toBeFocused()
  await page.keyboard.type('a')
  await expect(front).toHaveText('a')
  await page.keyboard.press('Escape')
  await expect(chapterAdd).toHaveCount(0)
  await page.getByRole('button', { name: `Study ${MECHANICS}`, exact: true }).focus()
  await page.keyboard.press('A')
  await expect(page.getByRole('dialog', { name: `Add a note to ${MECHANICS}` })).toBeVisible()
})
