// Storage faults injected into the real IndexedDB of a real Chromium: writes to chosen object
// stores throw (the disk full — QuotaExceededError — or the backend failing — UnknownError)
// during an answer, an undo, a settings change, the built-in decks' first sync and an import.
// Each time: a message on screen in the app's words, nothing half-written (raw IndexedDB read
// back), and once the fault clears the same action works. The number of faults injected is
// written to reports/faults.json and printed at the end of `npm test`.
import { mkdirSync, writeFileSync } from 'node:fs'
import type { BrowserContext, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { MECHANICS, deckRow, revealShownCard } from './mechanics'
import { packageWithAYearOfHistory } from './packages'
import { chooseImportFile } from './importing'
import { rawTables } from './stored'

type Fault = 'QuotaExceededError' | 'UnknownError'
const FAULTS: Fault[] = ['QuotaExceededError', 'UnknownError']
const MESSAGE: Record<Fault, RegExp> = {
  QuotaExceededError:
    /The disk is full, or this site’s storage quota is used up.*Nothing was saved/,
  UnknownError: /The browser’s storage refused the write \(UnknownError: .*\)\. Nothing was saved/,
}

/**
 * Makes every write (put, add, delete, clear) to `stores` throw `fault` while
 * `localStorage['attache-fault']` names it: set on this origin, so it holds across reloads.
 */
async function armFaults(context: BrowserContext, stores: string[]) {
  await context.addInitScript((names: string[]) => {
    const proto = IDBObjectStore.prototype as unknown as Record<string, unknown>
    for (const method of ['put', 'add', 'delete', 'clear']) {
      const original = proto[method] as (...a: unknown[]) => IDBRequest
      proto[method] = function (this: IDBObjectStore, ...args: unknown[]) {
        const fault = localStorage.getItem('attache-fault')
        if (fault && names.includes(this.name))
          throw new DOMException(`injected: ${method} on ${this.name}`, fault)
        return original.apply(this, args)
      }
    }
  }, stores)
}

/**
 * The same faults in the import worker, which writes an import (issue 19): an init script
 * does not reach a worker, so its script is served with the patch in front, the fault fixed
 * when the worker starts (each import starts one). Returns the setter of that fault.
 */
async function armWorkerFaults(context: BrowserContext, stores: string[]) {
  let fault: Fault | null = null
  await context.route('**/import.worker-*.js', async (route) => {
    const response = await route.fetch()
    const patch = `{
      const names = ${JSON.stringify(stores)}, fault = ${JSON.stringify(fault)};
      const proto = IDBObjectStore.prototype;
      for (const method of ['put', 'add', 'delete', 'clear']) {
        const original = proto[method];
        proto[method] = function (...args) {
          if (fault && names.includes(this.name))
            throw new DOMException('injected: ' + method + ' on ' + this.name, fault);
          return original.apply(this, args);
        };
      }
    }\n`
    await route.fulfill({ response, body: patch + (await response.text()) })
  })
  return (f: Fault | null) => {
    fault = f
  }
}

const setFault = (page: Page, fault: Fault | null) =>
  page.evaluate(
    (f) =>
      f ? localStorage.setItem('attache-fault', f) : localStorage.removeItem('attache-fault'),
    fault,
  )

const TABLES = ['decks', 'noteTypes', 'notes', 'cards', 'revlog', 'settings', 'presets', 'media']

/** Row counts of the app's tables, read with raw IndexedDB. */
async function counts(page: Page): Promise<Record<string, number>> {
  const rows = await rawTables(page, TABLES)
  return Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, v.length]))
}

let injected = 0
const faultsSeen: string[] = []
const record = (what: string, fault: Fault) => {
  injected++
  faultsSeen.push(`${what}: ${fault}`)
}

/** The study screen's notice line (an error stays there until the next answer). */
const studyMessage = (page: Page) => page.locator('p.message.error')

async function studyMechanics(page: Page) {
  await page.getByRole('button', { name: `Study ${MECHANICS}`, exact: true }).click()
  await expect(page.getByTestId('card-front')).toBeVisible()
}

for (const fault of FAULTS) {
  test(`${fault} during an answer and an undo: said, nothing half-written, and both work after`, async ({
    app,
  }) => {
    const { page } = app
    await armFaults(page.context(), ['revlog', 'cards'])
    await page.reload()
    await studyMechanics(page)
    const front = await page.getByTestId('card-front').textContent()
    await revealShownCard(page)
    await setFault(page, fault)
    await page.keyboard.press('3')
    await expect(studyMessage(page)).toHaveText(
      new RegExp(`^Could not save: ${MESSAGE[fault].source}`),
    )
    record('answer', fault)
    // Not answered: the same card is shown again, and nothing of the answer was stored.
    await expect(page.getByTestId('card-front')).toHaveText(front ?? '')
    expect((await counts(page))['revlog']).toBe(0)
    await expect(page.getByTestId('progress')).toContainText('0 reviewed')

    await setFault(page, null)
    await revealShownCard(page)
    await page.keyboard.press('3')
    await expect(page.getByTestId('progress')).toContainText('1 reviewed')
    expect((await counts(page))['revlog']).toBe(1)

    // Undo refused: the answer stays, and so does the undo, to be tried again.
    await setFault(page, fault)
    await page.keyboard.press('Control+z')
    await expect(studyMessage(page)).toHaveText(
      new RegExp(`^Could not save: ${MESSAGE[fault].source}`),
    )
    record('undo', fault)
    expect((await counts(page))['revlog']).toBe(1)
    await setFault(page, null)
    await page.keyboard.press('Control+z')
    await expect(page.getByTestId('progress')).toContainText('0 reviewed')
    await expect(page.getByTestId('card-front')).toHaveText(front ?? '')
    expect((await counts(page))['revlog']).toBe(0)
  })

  test(`${fault} during a settings change: said, the old value kept, and it saves after`, async ({
    app,
  }) => {
    const { page } = app
    await armFaults(page.context(), ['settings'])
    await page.reload()
    await page.getByRole('button', { name: 'Settings' }).click()
    await setFault(page, fault)
    await page.getByLabel('New cards per day').fill('7')
    await expect(page.getByTestId('settings-error')).toContainText('the previous value is kept')
    record('settings', fault)
    expect((await counts(page))['settings'] ?? 0).toBe(0)
    await setFault(page, null)
    await page.getByLabel('New cards per day').fill('8')
    await expect(page.getByTestId('settings-error')).toHaveCount(0)
    await expect.poll(async () => (await counts(page))['settings']).toBe(1)
  })

  test(`${fault} during the first sync of the built-in decks: said, nothing stored, synced after`, async ({
    hostBrowser,
    baseURL,
  }) => {
    if (!hostBrowser) throw new Error('the storage-fault specs run on the web host only')
    const context = await hostBrowser.newContext({ baseURL, serviceWorkers: 'block' })
    try {
      await armFaults(context, ['notes', 'cards'])
      const page = await context.newPage()
      // The app's origin without the app (an image): arm the fault before its first start.
      await page.goto('/icon.svg')
      await setFault(page, fault)
      await page.goto('/')
      await expect(page.getByRole('alert')).toContainText(
        fault === 'QuotaExceededError'
          ? 'The disk is full'
          : 'The browser’s storage failed (UnknownError: injected: put on notes',
      )
      record('deck sync', fault)
      await page.goto('/icon.svg')
      const before = await counts(page)
      expect(before['notes'] ?? 0).toBe(0)
      expect(before['cards'] ?? 0).toBe(0)
      await setFault(page, null)
      await page.goto('/')
      await expect(deckRow(page, MECHANICS)).toBeVisible()
      await expect(page.getByText('Attaché could not start')).toHaveCount(0)
    } finally {
      await context.close()
    }
  })

  test(`${fault} during an import: said, nothing written, imported after`, async ({ app }) => {
    // Two imports of a year's history: 12 s alone, 26-31 s on CI's two cores beside the sync
    // SIGKILL tests (one run went past the default 30 s).
    test.setTimeout(90_000)
    const { page } = app
    await armFaults(page.context(), ['notes', 'revlog'])
    const setWorkerFault = await armWorkerFaults(page.context(), ['notes', 'revlog'])
    await page.reload()
    await expect(deckRow(page, MECHANICS)).toBeVisible()
    const before = await counts(page)
    const { apkg } = await packageWithAYearOfHistory(new Date('2026-06-01T10:00:00Z'))
    await setFault(page, fault)
    setWorkerFault(fault)
    let dialog = await chooseImportFile(page, 'treaties.apkg', apkg)
    await dialog.getByRole('button', { name: 'Import', exact: true }).click()
    await expect(dialog.getByRole('alert')).toHaveText(
      new RegExp(`^treaties\\.apkg: nothing was imported\\. ${MESSAGE[fault].source}`),
    )
    record('import', fault)
    const after = await counts(page)
    for (const table of ['notes', 'cards', 'revlog', 'decks', 'noteTypes'])
      expect(after[table], table).toBe(before[table])
    await setFault(page, null)
    setWorkerFault(null)
    // The same file chosen again: a new import, whose worker no longer has the fault.
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    dialog = await chooseImportFile(page, 'treaties.apkg', apkg)
    await dialog.getByRole('button', { name: 'Import', exact: true }).click()
    await expect(dialog.getByRole('status')).toContainText('Imported treaties.apkg: 30 notes')
  })
}

test.afterAll(() => {
  // Each worker writes the faults its tests injected; the summary adds them up.
  if (injected === 0) return
  mkdirSync('reports/faults', { recursive: true })
  writeFileSync(
    `reports/faults/worker-${test.info().workerIndex}-${process.pid}.json`,
    JSON.stringify({ injected, faults: faultsSeen }),
  )
})
