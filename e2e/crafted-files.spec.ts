import type { Page } from '@playwright/test'
import { ankiPackageOf } from '../src/app/exchange/anki-package'
import { emptyCollectionData } from '../src/app/exchange/collection-data'
import { exportCollection } from '../src/app/exchange/export-collection'
import { mediaRow, putMediaFiles } from '../src/app/exchange/media-files'
import { addNote, createDeck } from '../src/app/editing'
import { scheduler } from '../src/app/testing'
import { nodeSqlEngine } from '../src/cli/node-sqlite'
import { expect, test } from './fixtures'
import { chooseImportFile } from './importing'
import { deckRow } from './mechanics'
import { RED_PNG } from './packages'
import { memoryCollection } from '../src/app/collection-writes'

/**
 * Issue 19's two criticals, in the real app: a stored or restored setting named like an
 * Object member must not blank the app, and an imported file that is really a page (HTML, an
 * SVG with script) must never run in the app's origin, however its URL is opened.
 */

const enc = (s: string) => new TextEncoder().encode(s)
const SCRIPTED_SVG = enc(
  `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4" onload="localStorage.setItem('pwned','svg-onload')"><script>localStorage.setItem('pwned','svg-script')</script><rect width="4" height="4" fill="red"/></svg>`,
)
const PAGE_HTML = enc(
  `<!DOCTYPE html><html><body><script>localStorage.setItem('pwned','html')</script></body></html>`,
)

async function hostileMediaPackage(): Promise<Buffer> {
  const at = new Date('2026-01-10T09:00:00Z')
  const store = memoryCollection()
  await createDeck(store, { id: 'm', name: 'Hostile media' }, at)
  await addNote(
    store,
    scheduler,
    {
      guid: 'media-note',
      deckId: 'm',
      typeId: 'basic',
      fields: {
        Front:
          'Look <img src="evil.svg"> <img src="page.html"> <img src="fake.png"> <img src="red.png"> [sound:page.mp3] <a href="page.html">page</a> <a href="http://example.org/">plain</a> <a href="https://example.org/">safe</a>',
        Back: 'B',
      },
      tags: [],
    },
    at,
  )
  await putMediaFiles(store, [
    mediaRow('evil.svg', SCRIPTED_SVG, at.getTime()),
    mediaRow('page.html', PAGE_HTML, at.getTime()),
    // HTML under an image's and a sound's name: the name must not decide what it is served as.
    mediaRow('fake.png', PAGE_HTML, at.getTime()),
    mediaRow('page.mp3', PAGE_HTML, at.getTime()),
    mediaRow('red.png', new Uint8Array(RED_PNG), at.getTime()),
  ])
  return Buffer.from(ankiPackageOf(await exportCollection(store), await nodeSqlEngine(), at))
}

/** Imports the hostile media package through the Import dialog and studies its card. */
async function studyHostileMedia(page: Page) {
  const dialog = await chooseImportFile(page, 'hostile-media.apkg', await hostileMediaPackage())
  await dialog.getByRole('button', { name: 'Import', exact: true }).click()
  await dialog.getByRole('button', { name: 'Close' }).click()
  await page.getByRole('button', { name: 'Study Hostile media', exact: true }).click()
}

const pwned = (page: Page) => page.evaluate(() => localStorage.getItem('pwned'))

test('imported media that is really a page never runs: not on the card, not opened as a page of its own', async ({
  app,
}) => {
  const { page } = app
  await studyHostileMedia(page)
  const front = page.getByTestId('card-front')
  // The real PNG shows; the SVG shows sanitized; HTML under any name gets no URL at all.
  const images = front.locator('img')
  await expect(images.nth(3)).toHaveAttribute('src', /^blob:/)
  await expect.poll(() => images.nth(3).evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(2)
  await expect(images.nth(0)).toHaveAttribute('src', /^blob:/)
  await expect(images.nth(1)).not.toHaveAttribute('src', /.+/)
  await expect(images.nth(2)).not.toHaveAttribute('src', /.+/)
  await expect(front.locator('audio')).toHaveCount(0)
  // Only the https link is a link; the others are plain text.
  await expect(front.locator('a[href]')).toHaveCount(1)
  await expect(front.locator('a[href]')).toHaveAttribute('href', 'https://example.org/')

  // "Open image in new tab": every URL the page was given, opened as a top-level page of the
  // app's origin, must run nothing.
  const urls = await front
    .locator('[src]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('src') ?? ''))
  expect(urls.length).toBeGreaterThanOrEqual(2)
  const served: string[] = []
  for (const url of urls) {
    const tab = await page.context().newPage()
    await tab.goto(url).catch(() => undefined)
    await tab.waitForTimeout(300)
    served.push(await tab.content())
    await tab.close()
  }
  expect(await pwned(page)).toBeNull()
  // The SVG was served sanitized: its drawing kept, no script and no handler left in it.
  expect(served[0]).toContain('<rect')
  expect(served[0]).not.toMatch(/script|onload/i)
})

test('a middle or Ctrl click on a link in a card goes through the checked opener, never a tab of the app', async ({
  app,
}) => {
  const { page } = app
  await studyHostileMedia(page)
  // The web host's opener opens allow-listed https links with window.open; record its calls.
  await page.evaluate(() => {
    const opened: string[] = []
    ;(window as unknown as { opened: string[] }).opened = opened
    window.open = (url?: string | URL) => (opened.push(String(url)), null)
  })
  const pages = page.context().pages().length
  const link = page.getByTestId('card-front').getByRole('link', { name: 'safe' })
  await link.click({ button: 'middle' })
  await link.click({ modifiers: ['ControlOrMeta'] })
  await link.click({ modifiers: ['Shift'] })
  await page.waitForTimeout(300)
  expect(page.context().pages().length).toBe(pages)
  expect(await page.evaluate(() => (window as unknown as { opened: string[] }).opened)).toEqual([
    'https://example.org/',
    'https://example.org/',
    'https://example.org/',
  ])
})

test('a stored setting named toString does not stop the app: it starts, says which row it dropped, and Settings opens', async ({
  app,
}) => {
  const { page } = app
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible()
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('attache')
        open.onsuccess = () => {
          const tx = open.result.transaction('settings', 'readwrite')
          for (const key of ['toString', 'constructor', '__proto__'])
            tx.objectStore('settings').put({ key, value: 1 })
          tx.objectStore('settings').put({ key: 'theme', value: 'dark' })
          tx.oncomplete = () => (open.result.close(), resolve())
          tx.onerror = () => reject(tx.error)
        }
      }),
  )
  const fresh = await app.restart()
  await expect(fresh.getByTestId('settings-dropped')).toContainText(
    '"toString" is not a setting of this app',
  )
  await expect(fresh.getByTestId('settings-dropped')).toContainText(
    '3 stored settings were not used',
  )
  await expect(fresh.locator('html')).toHaveAttribute('data-theme', 'dark', { timeout: 20_000 })
  await fresh.getByRole('button', { name: 'Settings' }).click()
  await expect(fresh.getByLabel('Theme')).toHaveValue('dark')
})

test('a backup whose settings name toString is refused with the place named, and the collection stays', async ({
  app,
}) => {
  const { page } = app
  const backup = {
    format: 'attache-backup',
    version: 1,
    createdAt: 0,
    ...emptyCollectionData(),
    settings: [{ key: 'toString', value: 1 }],
  }
  const dialog = await chooseImportFile(
    page,
    'crafted.json',
    Buffer.from(JSON.stringify(backup)),
    'application/json',
  )
  await expect(dialog.getByRole('alert')).toContainText(
    'settings[0].key: "toString" is not a setting of this app',
  )
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(deckRow(page, 'Mechanics fixture')).toBeVisible()
  const fresh = await app.restart()
  await expect(fresh.getByRole('button', { name: 'Settings' })).toBeVisible()
  await expect(fresh.getByTestId('settings-dropped')).toHaveCount(0)
})

test('pasted HTML is cleaned before the editor reads it: no handler reaches the page, no http: link or new-window target stays', async ({
  app,
}) => {
  const { page } = app
  const blocked: string[] = []
  page.on('console', (m) => {
    if (/Refused to (execute|load)/i.test(m.text())) blocked.push(m.text())
  })
  await page.getByRole('button', { name: 'New deck' }).click()
  await page.getByLabel('New deck name').fill('Pasted')
  await page.getByRole('button', { name: 'Create' }).click()
  await deckRow(page, 'Pasted').getByRole('button', { name: 'Add a note to Pasted' }).click()
  const editor = page.getByRole('dialog', { name: 'Add a note to Pasted' })
  await editor.getByLabel('Front').click()
  await editor.getByLabel('Front').evaluate((el) => {
    const data = new DataTransfer()
    data.setData(
      'text/html',
      '<p>Pasted <img src=x onerror="window.__pasted=1"><a href="http://example.org/" target="_blank">plain</a> <a href="https://example.org/" target="_blank">safe</a></p>',
    )
    data.setData('text/plain', 'Pasted plain safe')
    el.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    )
  })
  const field = editor.getByLabel('Front')
  await expect(field).toContainText('Pasted')
  await expect(field.getByRole('link', { name: 'safe' })).toHaveAttribute(
    'href',
    'https://example.org/',
  )
  await expect(field.getByRole('link', { name: 'plain' })).toHaveCount(0)
  await expect(field.locator('a[target]')).toHaveCount(0)
  await page.waitForTimeout(300)
  expect(await page.evaluate(() => (window as unknown as { __pasted?: number }).__pasted)).toBe(
    undefined,
  )
  expect(blocked).toEqual([])
})
