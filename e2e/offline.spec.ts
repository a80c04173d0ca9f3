import { chromium } from '@playwright/test'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { extname, join, normalize } from 'node:path'
import { chromiumLaunchOptions } from './chromium'
import { expect, test } from './fixtures'
import { answerShownCard, deckRow, MECHANICS, revealShownCard } from './mechanics'
import { rawTables } from './stored'

/**
 * The app in a profile on disk, as a user's (an incognito context is never installable), with
 * service workers on (the other specs block them, to patch the build with routes): visited
 * once, its worker installed (precaching the app), and reloaded so the worker controls it.
 */
async function installedApp(profile: string, baseURL: string) {
  const context = await chromium.launchPersistentContext(profile, {
    ...chromiumLaunchOptions(),
    baseURL,
    serviceWorkers: 'allow',
  })
  const page = context.pages()[0] ?? (await context.newPage())
  await page.goto('/')
  await expect(deckRow(page, MECHANICS)).toBeVisible()
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
  await page.reload()
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true)
  return { context, page }
}

test('after one visit the app is installable, starts with the network off and keeps an answer', async ({
  baseURL,
}, testInfo) => {
  const { context, page } = await installedApp(testInfo.outputPath('profile'), baseURL ?? '')
  try {
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

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
}

/** A static host of `dir` (as any HTTPS host would serve the build), on a free port. */
async function staticHost(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname))
    const file = join(dir, path === '/' ? 'index.html' : path)
    try {
      const body = readFileSync(file)
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      })
      res.end(body)
    } catch {
      res.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  return {
    server,
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`,
  }
}

test('a new version served in place is offered between cards, never with an answer shown', async ({
  baseURL: _ownHost,
}, testInfo) => {
  // The first build, on a static host of its own (its files are replaced below).
  const dir = testInfo.outputPath('site')
  cpSync('out/web-e2e', dir, { recursive: true })
  const { server, url } = await staticHost(dir)
  const { context, page } = await installedApp(testInfo.outputPath('profile'), url)
  try {
    await page.getByRole('button', { name: `Study ${MECHANICS}`, exact: true }).click()
    await expect(page.getByTestId('card-front')).toBeVisible()
    await revealShownCard(page)

    // The second build in place of the first: its page changed, and so its worker's manifest.
    const html = readFileSync(join(dir, 'index.html'), 'utf8')
    writeFileSync(
      join(dir, 'index.html'),
      html.replace('<head>', '<head>\n    <meta name="attache-build" content="second" />'),
    )
    const worker = readFileSync(join(dir, 'sw.js'), 'utf8')
    const second = worker.replace(/(url:"index\.html",revision:")[^"]*"/, '$1second-build"')
    expect(second).not.toBe(worker)
    writeFileSync(join(dir, 'sw.js'), second)
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()))
    await expect
      .poll(() =>
        page.evaluate(() =>
          navigator.serviceWorker.getRegistration().then((r) => r?.waiting !== null),
        ),
      )
      .toBe(true)
    // An answer is on screen: no offer. After the grade, the next card's front: the offer.
    const offer = page.getByRole('status').filter({ hasText: 'A new version of Attaché is ready.' })
    await page.waitForTimeout(500)
    await expect(offer).toHaveCount(0)
    await page.keyboard.press('3')
    await expect(page.getByTestId('progress')).toContainText('1 reviewed')
    await expect(offer).toBeVisible()
    await offer.getByRole('button', { name: 'Reload' }).click()
    // The new version runs, and the answer made under the old one is kept.
    await expect(page.locator('meta[name="attache-build"]')).toHaveCount(1)
    await expect(deckRow(page, MECHANICS)).toBeVisible()
    expect((await rawTables(page, ['revlog'])).revlog).toHaveLength(1)
  } finally {
    await context.close()
    server.close()
  }
})
