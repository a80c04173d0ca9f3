import { chromium } from '@playwright/test'
import { chromiumLaunchOptions } from './chromium'
import { expect, test } from './fixtures'
import { answerShownCard, deckRow, MECHANICS } from './mechanics'
import { rawTables } from './stored'

test('after one visit the app is installable, starts with the network off and keeps an answer', async ({
  baseURL,
}, testInfo) => {
  // A profile on disk, as a user's (an incognito context is never installable), with service
  // workers on (the other specs block them, to patch the build with routes).
  const context = await chromium.launchPersistentContext(testInfo.outputPath('profile'), {
    ...chromiumLaunchOptions(),
    ...(baseURL ? { baseURL } : {}),
    serviceWorkers: 'allow',
  })
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    await page.goto('/')
    await expect(deckRow(page, MECHANICS)).toBeVisible()
    // The worker installs (precaching the app) and, from the next load on, controls the page.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
    await page.reload()
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
      .toBe(true)
    const cdp = await context.newCDPSession(page)
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors')
    expect(installabilityErrors).toEqual([])

    // No network at all: the page, its scripts, workers and decks come from the cache.
    await context.setOffline(true)
    await page.reload()
    await expect(deckRow(page, MECHANICS)).toBeVisible()
    await page.getByRole('button', { name: `Study ${MECHANICS}`, exact: true }).click()
    await expect(page.getByTestId('card-front')).toBeVisible()
    await answerShownCard(page, '3')
    await expect(page.getByTestId('progress')).toContainText('1 reviewed')
    expect((await rawTables(page, ['revlog'])).revlog).toHaveLength(1)
  } finally {
    await context.close()
  }
})
