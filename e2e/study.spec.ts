import { expect, test, type AppHandle } from './fixtures'

const CHAPTER_DECK = 'Diplomatic Bluebook 2020 · Global Security'

async function openDeck(app: AppHandle) {
  const { page } = app
  const study = page.getByRole('button', { name: `Study ${CHAPTER_DECK}` })
  await expect(study).toBeVisible()
  await study.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('card-front')).toBeVisible()
}

/** Reveal with Space and grade Good with "3", using the keyboard only; returns the card id. */
async function studyOneCard(app: AppHandle, key: '1' | '2' | '3' | '4' = '3') {
  const { page } = app
  const card = page.locator('article.card')
  const id = await card.getAttribute('data-card-id')
  await expect(page.getByTestId('card-back')).toHaveCount(0)
  await page.keyboard.press('Space')
  await expect(page.getByTestId('card-back')).toBeVisible()
  await page.keyboard.press(key)
  await expect(card).not.toHaveAttribute('data-card-id', id ?? '')
  return id
}

test('studies five cards with the keyboard only', async ({ app }) => {
  const { page } = app
  await openDeck(app)
  await expect(page.getByTestId('progress')).toContainText('20 new')
  const seen: (string | null)[] = []
  for (let i = 0; i < 5; i++) seen.push(await studyOneCard(app))
  expect(new Set(seen).size).toBe(5)
  await expect(page.getByTestId('progress')).toContainText('5 reviewed')
  await expect(page.getByTestId('progress')).toContainText('15 new')
  // Good on a new card schedules a learning step in minutes; the button label said so.
  await page.keyboard.press('Space')
  await expect(page.getByRole('button', { name: /^Good, next in \d+m$/ })).toBeVisible()
})

test('grades survive a restart of the app', async ({ app }) => {
  await openDeck(app)
  await studyOneCard(app)
  await studyOneCard(app)
  const page = await app.restart()
  const row = page.locator('li.deck-row', { hasText: CHAPTER_DECK })
  // 20 new per day, two already seen: 18 new left, two in learning.
  await expect(row.locator('.deck-counts')).toHaveAttribute(
    'aria-label',
    /^18 new, 2 learning, 0 due/,
  )
  await page.getByRole('button', { name: `Study ${CHAPTER_DECK}` }).click()
  await expect(page.getByTestId('progress')).toContainText('18 new')
})

test('undo restores the last card and removes its grade', async ({ app }) => {
  const { page } = app
  await openDeck(app)
  const first = await studyOneCard(app, '1')
  await expect(page.getByTestId('progress')).toContainText('1 reviewed')
  await page.keyboard.press('Control+z')
  await expect(page.locator('article.card')).toHaveAttribute('data-card-id', first ?? '')
  await expect(page.getByTestId('progress')).toContainText('0 reviewed')
  await expect(page.getByTestId('progress')).toContainText('20 new')
  await expect(page.getByRole('status')).toHaveText('Last answer undone.')
  // The undone card is new again, so it is graded like a first review.
  await page.keyboard.press('Space')
  await expect(page.getByRole('button', { name: /^Again, next in 1m$/ })).toBeVisible()
})

test('a malformed deck file is reported while the other decks work', async ({ app }) => {
  const { page } = app
  const problems = page.getByTestId('deck-problems')
  await expect(problems).toContainText('broken-deck/deck.json')
  await expect(problems).toContainText('line 17')
  await expect(problems).toContainText('facts[1].prompt')
  await expect(page.getByRole('button', { name: /Study A deck with a mistake/ })).toHaveCount(0)
  await openDeck(app)
  await studyOneCard(app)
  await expect(page.getByTestId('progress')).toContainText('1 reviewed')
})
