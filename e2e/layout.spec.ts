import { expect, test } from './fixtures'

const LAYOUT = /^Study Layout fixture/

test.use({ viewport: { width: 800, height: 600 } })

test('at 800×600 the grade buttons of a long answer are on screen without scrolling', async ({
  app,
}) => {
  const { page } = app
  await page.getByRole('button', { name: LAYOUT }).click()
  await expect(page.getByTestId('card-front')).toHaveText('What does the long answer say?')
  await page.keyboard.press('Space')
  // The answer alone is taller than the window…
  const back = await page.getByTestId('card-back').boundingBox()
  expect((back?.y ?? 0) + (back?.height ?? 0)).toBeGreaterThan(600)
  // …yet every grade button is fully visible.
  for (const name of ['Again', 'Hard', 'Good', 'Easy']) {
    await expect(
      page.getByRole('button', { name: new RegExp(`^${name}, next in`) }),
    ).toBeInViewport({
      ratio: 1,
    })
  }
})

test('a long unbroken typed answer stays inside the card', async ({ app }) => {
  const { page } = app
  await page.getByRole('button', { name: LAYOUT }).click()
  await expect(page.getByTestId('card-front')).toHaveText('What does the long answer say?')
  await page.keyboard.press('Space')
  await page.keyboard.press('3')
  await page.getByTestId('typed-answer').fill('9'.repeat(40) + 'x'.repeat(260))
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('verdict')).toBeVisible()
  const overflow = await page
    .locator('article.card')
    .evaluate((el) => el.scrollWidth - el.clientWidth)
  expect(overflow).toBeLessThanOrEqual(0)
})

for (const width of [800, 1280]) {
  test(`deck titles are shown whole at ${width} px`, async ({ app }) => {
    const { page } = app
    await page.setViewportSize({ width, height: 800 })
    const names = page.locator('.deck-name')
    await expect(names.filter({ hasText: 'Layout fixture' })).toBeVisible()
    for (const el of await names.all()) {
      const cut = await el.evaluate((n) => n.scrollWidth > n.clientWidth)
      expect(cut).toBe(false)
    }
    await page.getByRole('button', { name: LAYOUT }).click()
    const title = page.locator('.study-title')
    await expect(title).toContainText('narrow windows')
    expect(await title.evaluate((n) => n.scrollWidth > n.clientWidth)).toBe(false)
  })
}

for (const width of [1280, 1440]) {
  test(`the top bar is one line at ${width} px`, async ({ app }) => {
    const { page } = app
    await page.setViewportSize({ width, height: 900 })
    const buttons = page.locator('.top-bar nav button')
    await expect(buttons.first()).toBeVisible()
    const tops = new Set<number>()
    for (const b of await buttons.all()) tops.add(Math.round((await b.boundingBox())?.y ?? -1))
    expect([...tops]).toHaveLength(1)
    expect(await buttons.count()).toBeGreaterThanOrEqual(8)
  })
}
