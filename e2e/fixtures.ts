import { test as base, expect, _electron, type Browser, type Page } from '@playwright/test'
import { resolve } from 'node:path'
import { chromiumLaunchOptions } from './chromium'

/** The app under test, in whichever host this project runs. */
export interface AppHandle {
  page: Page
  /** Close and reopen the app on the same profile (web: reload; Electron: relaunch). */
  restart(): Promise<Page>
}

export const E2E_EXTRA_DECKS = 'e2e/fixtures/decks'

export interface WorkerOptions {
  /** Set by the Electron project when a binary is installed. */
  electronBinary: string | null
}

interface WorkerFixtures extends WorkerOptions {
  hostBrowser: Browser | null
}

export const test = base.extend<{ app: AppHandle }, WorkerFixtures>({
  electronBinary: [null, { option: true, scope: 'worker' }],
  hostBrowser: [
    async ({ playwright, electronBinary }, use) => {
      if (electronBinary) return use(null)
      const browser = await playwright.chromium.launch(chromiumLaunchOptions())
      await use(browser)
      await browser.close()
    },
    { scope: 'worker' },
  ],
  app: async ({ electronBinary, hostBrowser, baseURL }, use, testInfo) => {
    let handle: AppHandle
    let close: () => Promise<void>
    if (hostBrowser) {
      // A new context per test is a fresh profile: empty IndexedDB.
      const context = await hostBrowser.newContext({ baseURL })
      const page = await context.newPage()
      await page.goto('/')
      handle = { page, restart: async () => (await page.reload(), page) }
      close = () => context.close()
    } else {
      const userData = testInfo.outputPath('electron-user-data')
      const launch = () =>
        _electron.launch({
          executablePath: electronBinary ?? undefined,
          // The project root: package.json's "main" points at the built out/main/index.js.
          args: ['.'],
          env: {
            ...process.env,
            ATTACHE_USER_DATA_DIR: userData,
            ATTACHE_EXTRA_DECKS_DIR: resolve(E2E_EXTRA_DECKS),
          },
        })
      let electronApp = await launch()
      handle = {
        page: await electronApp.firstWindow(),
        restart: async () => {
          await electronApp.close()
          electronApp = await launch()
          handle.page = await electronApp.firstWindow()
          return handle.page
        },
      }
      close = () => electronApp.close()
    }
    await use(handle)
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('screenshot', {
        body: await handle.page.screenshot(),
        contentType: 'image/png',
      })
    }
    await close()
  },
})

export { expect }
