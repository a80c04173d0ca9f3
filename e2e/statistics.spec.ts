import { expect, test } from './fixtures'
import { chooseImportFile } from './importing'
import { HISTORY_DECK, packageWithAYearOfHistory } from './packages'

const CHARTS = [
  'Reviews per day',
  'Due in the next 90 days',
  'True retention by week',
  'Card states',
  'Answer buttons',
  'Time per day',
  'Intervals (days)',
  'Stability (days)',
  'Difficulty',
]

test('a year of history: every chart drawn, each readable as a table, in light and dark', async ({
  app,
}, testInfo) => {
  const { page } = app
  const { apkg, reviews } = await packageWithAYearOfHistory(new Date())
  const dialog = await chooseImportFile(page, 'treaties.apkg', apkg)
  await dialog.getByRole('button', { name: 'Import', exact: true }).click()
  await expect(dialog.getByRole('status')).toContainText(`${reviews} review logs`)
  await dialog.getByRole('button', { name: 'Close' }).click()

  await page.getByRole('button', { name: 'Statistics' }).click()
  await page.getByLabel('Of', { exact: true }).selectOption({ label: HISTORY_DECK })
  await expect(page.getByTestId('stats-summary')).toContainText(
    `30 cards, ${reviews} reviews in the last year`,
  )
  for (const title of CHARTS) {
    const canvas = page.getByTestId(`chart-${title}`)
    await expect(canvas).toBeVisible()
    // Drawn: the canvas has pixels that are not transparent.
    await expect
      .poll(() =>
        canvas.evaluate((c: HTMLCanvasElement) => {
          const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? []
          let painted = 0
          for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted++
          return painted
        }),
      )
      .toBeGreaterThan(100)
    await expect(page.getByRole('table', { name: title })).toBeAttached()
  }
  // The tables say what the charts draw.
  const states = page.getByRole('table', { name: 'Card states' })
  await expect(states.getByRole('row', { name: /^review/ }).getByRole('cell')).not.toHaveText('0')
  const retention = page.getByRole('table', { name: 'True retention by week' })
  await expect(retention.locator('tbody tr')).not.toHaveCount(0)
  await page
    .getByRole('figure', { name: /Card states/ })
    .getByRole('button', { name: 'Show table' })
    .click()
  await expect(states).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('statistics-light.png'), fullPage: true })

  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Settings' }).click()
  await page.getByLabel('Theme').selectOption('dark')
  await page.getByRole('button', { name: 'Done' }).click()
  await page.getByRole('button', { name: 'Statistics' }).click()
  await expect(page.getByTestId('chart-Reviews per day')).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('statistics-dark.png'), fullPage: true })
})

test('a history from years ago: the last year says none, the deck’s life shows every review', async ({
  app,
}) => {
  const { page } = app
  const { apkg, reviews } = await packageWithAYearOfHistory(new Date(Date.now() - 800 * 86_400_000))
  const dialog = await chooseImportFile(page, 'old-treaties.apkg', apkg)
  await dialog.getByRole('button', { name: 'Import', exact: true }).click()
  await expect(dialog.getByRole('status')).toContainText(`${reviews} review logs`)
  await dialog.getByRole('button', { name: 'Close' }).click()

  await page.getByRole('button', { name: 'Statistics' }).click()
  await page.getByLabel('Of', { exact: true }).selectOption({ label: HISTORY_DECK })
  const summary = page.getByTestId('stats-summary')
  await expect(summary).toContainText('30 cards, 0 reviews in the last year; streak 0 days')
  await page.getByLabel('Over', { exact: true }).selectOption({ label: 'the deck’s life' })
  await expect(summary).toContainText(`30 cards, ${reviews} reviews in all (from `)
  // The heatmap's table lists the old study days, and the charts of answers are no longer empty.
  const perDay = page.getByRole('table', { name: 'Reviews per day' })
  await expect(perDay.locator('tbody tr')).not.toHaveCount(0)
  const buttons = page.getByRole('table', { name: 'Answer buttons' })
  await expect(buttons.locator('tbody')).toContainText(/[1-9]/)
  await page.getByLabel('Over', { exact: true }).selectOption({ label: 'the last month' })
  await expect(summary).toContainText('0 reviews in the last month')
})
