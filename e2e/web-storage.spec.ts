import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

// Browser-only storage situations (another tab, storage switched off); the Electron window
// has one window and IndexedDB always, so this spec runs on the web host only.

/** A page of the app's origin that runs none of the app (the icon), for raw IndexedDB work. */
async function sameOriginPage(page: Page) {
  const other = await page.context().newPage()
  await other.goto('icon.svg')
  return other
}

test('with IndexedDB unavailable, the app says so in its own words', async ({ app }) => {
  const { page } = app
  await page.context().addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined })
  })
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Attaché could not start' })).toBeVisible()
  await expect(page.getByText(/IndexedDB is unavailable .* Allow site data/)).toBeVisible()
})

test('a newer version in another tab: this one says to reload', async ({ app }) => {
  const { page } = app
  await expect(page.getByRole('button', { name: /^Study / }).first()).toBeVisible()
  const other = await sameOriginPage(page)
  await other.evaluate(
    () =>
      new Promise<void>((ok, fail) => {
        // A later schema version than the app's (Dexie's version × 10).
        const r = indexedDB.open('attache', 1000)
        r.onsuccess = () => {
          r.result.close()
          ok()
        }
        r.onerror = () => fail(r.error)
      }),
  )
  await expect(page.getByRole('alert').filter({ hasText: 'A newer Attaché' })).toHaveText(
    /Reload this page/,
  )
})

test('an upgrade blocked by an old tab says so, and goes on once that tab lets go', async ({
  app,
  baseURL,
}) => {
  const browser = app.page.context().browser()
  if (!browser) throw new Error('this spec runs on the web host only')
  const context = await browser.newContext({ baseURL, serviceWorkers: 'block' })
  const old = await context.newPage()
  await old.goto('icon.svg')
  // The schema of version 2 of the app, held open by a tab that ignores requests to close.
  await old.evaluate(
    () =>
      new Promise<void>((ok, fail) => {
        const r = indexedDB.open('attache', 20)
        r.onupgradeneeded = () => {
          const db = r.result
          db.createObjectStore('decks', { keyPath: 'id' })
          db.createObjectStore('notes', { keyPath: 'id' }).createIndex('deckId', 'deckId')
          db.createObjectStore('cards', { keyPath: 'id' }).createIndex('deckId', 'deckId')
          const logs = db.createObjectStore('reviewLogs', { keyPath: 'id', autoIncrement: true })
          logs.createIndex('cardId', 'cardId')
          logs.createIndex('[deckId+review]', ['deckId', 'review'])
          db.createObjectStore('settings', { keyPath: 'key' })
        }
        r.onsuccess = () => {
          Object.assign(window, { oldDb: r.result })
          r.result.onversionchange = () => undefined
          ok()
        }
        r.onerror = () => fail(r.error)
      }),
  )
  const page = await context.newPage()
  await page.goto('/')
  const notice = page.getByRole('alert').filter({ hasText: 'still has the old version open' })
  await expect(notice).toBeVisible()
  await expect(page.getByText('Loading decks…')).toBeVisible()
  await old.evaluate(() => (window as unknown as { oldDb: IDBDatabase }).oldDb.close())
  await expect(page.getByRole('button', { name: /^Study / }).first()).toBeVisible()
  await expect(notice).toHaveCount(0)
  await context.close()
})
