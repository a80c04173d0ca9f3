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

interface TestOptions {
  /**
   * Start the app under Playwright's fake clock at this local time (`page.clock`), so a test
   * can move through study days with `page.clock.fastForward` instead of editing stored dates.
   */
  clockAt: string | null
}

export const test = base.extend<{ app: AppHandle } & TestOptions, WorkerFixtures>({
  clockAt: [null, { option: true }],
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
  app: async (
    { electronBinary, hostBrowser, baseURL, clockAt, viewport, hasTouch, isMobile },
    use,
    testInfo,
  ) => {
    let handle: AppHandle
    let close: () => Promise<void>
    if (hostBrowser) {
      // A new context per test is a fresh profile: empty IndexedDB.
      // Service workers off: each test loads the build from the server, where routes can patch
      // it (offline.spec.ts turns them on).
      // The window's size and touch come from `test.use` (a phone spec sets all three).
      const context = await hostBrowser.newContext({
        baseURL,
        serviceWorkers: 'block',
        viewport,
        hasTouch,
        isMobile,
      })
      if (clockAt) await context.clock.install({ time: new Date(clockAt) })
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
      const firstWindow = async (electronApp: Awaited<ReturnType<typeof launch>>) => {
        const page = await electronApp.firstWindow()
        if (clockAt) {
          await electronApp.context().clock.install({ time: new Date(clockAt) })
          await page.reload()
        }
        return page
      }
      let electronApp = await launch()
      handle = {
        page: await firstWindow(electronApp),
        restart: async () => {
          await electronApp.close()
          electronApp = await launch()
          handle.page = await firstWindow(electronApp)
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
      // What the page showed, in words, printed as the test fails: a CI log that keeps no
      // files still tells what was on the screen (the reporter cuts text attachments short).
      const shown = await handle.page
        .locator('body')
        .ariaSnapshot({ timeout: 5_000 })
        .catch((e: unknown) => `(no snapshot: ${String(e).split('\n')[0]})`)
      console.log(
        `--- the page when “${testInfo.title}” failed (${handle.page.url()}):\n` +
          `${shown.slice(0, 4_000)}\n---`,
      )
    }
    await close()
  },
})

export { expect }
