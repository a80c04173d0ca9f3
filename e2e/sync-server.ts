import { expect, type Page } from '@playwright/test'
import type { Collection } from '../src/app/collection-writes'
import { beginSync, replicateBoth, syncOnce, type Replica } from '../src/app/sync/sync'
import { openEncryption } from '../src/app/sync/encryption'
import { scheduler } from '../src/app/testing'
import { memoryReplica, serverDatabase } from '../src/cli/pouch'

/** The sync server Playwright starts (`node scripts/sync-server.mjs`, what `npm run sync-server` runs). */
export const SYNC_PORT_VARIABLE = 'ATTACHE_E2E_SYNC_PORT'
export const E2E_SYNC_USER = 'e2e'
export const E2E_SYNC_PASSWORD = 'e2e-sync-password'

/** What a request to the server signs in with (tests read the server's documents directly). */
export const serverAuthorization = () =>
  `Basic ${Buffer.from(`${E2E_SYNC_USER}:${E2E_SYNC_PASSWORD}`).toString('base64')}`

/** The server's address, from the port the runner chose. */
export const syncServerUrl = () => `http://127.0.0.1:${process.env[SYNC_PORT_VARIABLE] ?? ''}`

export async function openSync(page: Page) {
  await page.getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByRole('heading', { name: 'Sync' })).toBeVisible()
}

export async function closeSettings(page: Page) {
  await page.getByRole('button', { name: 'Done' }).click()
}

/** Waits for the sync under way (or started by `start`) to finish, and that it worked. */
export async function syncFinished(page: Page, start: () => Promise<void>) {
  const status = page.getByTestId('sync-status')
  const before = Number((await status.getAttribute('data-finished').catch(() => null)) ?? 0)
  await start()
  await expect(page.getByTestId('sync-status')).toHaveAttribute(
    'data-finished',
    new RegExp(`^(?!${before}$)\\d+$`),
    { timeout: 20_000 },
  )
  await expect(page.getByTestId('sync-error')).toHaveCount(0)
  await expect(page.getByTestId('sync-status')).toContainText('Last synced')
}

export async function signIn(
  page: Page,
  db: string,
  { password = E2E_SYNC_PASSWORD, passphrase = '', open = true } = {},
) {
  if (open) await openSync(page)
  await page.getByLabel('Server').fill(syncServerUrl())
  await page.getByLabel('Database').fill(db)
  await page.getByLabel('User').fill(E2E_SYNC_USER)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByLabel('Encryption passphrase (optional)').fill(passphrase)
  await page.getByRole('button', { name: 'Sign in and sync' }).click()
}

/**
 * Signs a window in and waits for its first sync to end without an error. When the server
 * already holds another device's collection (`bringsDown`), the sync brings its documents down
 * in batches: while replication runs, the bar and the status must say how many have come, not
 * only that it is busy. (PouchDB tells of a batch only when it wrote something.)
 */
export async function firstSync(page: Page, db: string, { bringsDown = false } = {}) {
  const measured =
    bringsDown &&
    page.waitForFunction(
      () => {
        const bar = document.querySelector('progress[aria-label="Sync progress"]')
        const status = document.querySelector('[data-testid="sync-status"]')?.textContent ?? ''
        return (
          bar instanceof HTMLProgressElement &&
          bar.max > 1 &&
          /^Exchanging with the server: \d+ of \d+…$/.test(status)
        )
      },
      undefined,
      { polling: 'raf', timeout: 20_000 },
    )
  await signIn(page, db)
  if (measured) await measured
  const status = page.getByTestId('sync-status')
  await expect(status).toHaveAttribute('data-finished', '1', { timeout: 20_000 })
  await expect(page.getByTestId('sync-error')).toHaveCount(0)
  await expect(status).toContainText('Last synced')
}

export async function syncNow(page: Page) {
  await openSync(page)
  await syncFinished(page, () => page.getByRole('button', { name: 'Sync now' }).click())
  await closeSettings(page)
}

/**
 * Puts a collection made in Node on the server, as another device's first sync would; with a
 * passphrase, sealed end to end as that device would seal it.
 */
export async function putOnServer(collection: Collection, db: string, passphrase?: string) {
  const local = memoryReplica('seed')
  const remote = serverDatabase(`${syncServerUrl()}/${db}`, {
    username: E2E_SYNC_USER,
    password: E2E_SYNC_PASSWORD,
  })
  if (passphrase) await beginSync(collection, await openEncryption(remote, passphrase))
  await syncOnce({
    collection,
    local: local as unknown as Replica,
    replicate: () => replicateBoth(local, remote),
    schedulerFor: () => Promise.resolve(scheduler),
    now: () => new Date(),
  })
  await local.destroy()
}
