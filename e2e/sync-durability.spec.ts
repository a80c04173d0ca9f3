// Sync durability: Chromium on a persistent profile is killed with SIGKILL (its whole process
// group) at a seeded moment of a device's first sync — while it sends its own answers and the
// built-in decks into its replica and up, and while it receives another device's collection —
// then started again on the same profile, where the app syncs again. Afterwards the device and
// the server hold every answer of both devices exactly once, and the other device's cards as
// that device has them; in the second group, sealed end to end with a passphrase, nothing of it
// reaches the server in the clear. 20 kill points (two groups of 10, one per worker).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { MECHANICS, answerShownCard, deckRow } from './mechanics'
import { OwnChromium, profileFrom, random, sleep } from './own-chromium'
import { rawTables } from './stored'
import {
  E2E_SYNC_PASSWORD,
  openSync,
  putOnServer,
  serverAuthorization,
  signIn,
  syncFinished,
  syncServerUrl,
} from './sync-server'
import { answer, collectionWith, questionCard } from '../src/app/testing'
import type { Collection } from '../src/app/collection-writes'

/** Another device's collection on the server: deck "d", three answers; sealed with a passphrase. */
async function seedServer(db: string, passphrase?: string): Promise<Collection> {
  const other = await collectionWith()
  const t = Date.UTC(2026, 0, 5, 9)
  await answer(other, questionCard('d', 'a'), 3, new Date(t))
  await answer(other, questionCard('d', 'b'), 1, new Date(t + 60_000))
  await answer(other, questionCard('d', 'a'), 4, new Date(t + 3_600_000))
  await putOnServer(other, db, passphrase)
  return other
}

async function openApp(page: Page, origin: string) {
  await page.goto(origin)
  await expect(deckRow(page, MECHANICS)).toBeVisible({ timeout: 20_000 })
}

/** Two answers on this device before it ever syncs. */
async function studyTwo(page: Page) {
  await deckRow(page, MECHANICS)
    .getByRole('button', { name: `Study ${MECHANICS}` })
    .click()
  await answerShownCard(page, '3')
  await answerShownCard(page, '2')
  await page.keyboard.press('Escape')
  await expect(deckRow(page, MECHANICS)).toBeVisible()
}

const answersOf = (logs: { review: number; cardId: string; rating: number }[]) =>
  logs.map((l) => `${l.review} ${l.cardId} ${l.rating}`).sort()

const withoutRevision = (rows: Record<string, unknown>[]) =>
  rows
    .map(({ revision: _r, ...c }) =>
      JSON.stringify(Object.fromEntries(Object.entries(c).sort(([x], [y]) => x.localeCompare(y)))),
    )
    .sort()

/** The server's log documents, by id. */
async function serverLogIds(db: string): Promise<string[]> {
  const all = (await fetch(`${syncServerUrl()}/${db}/_all_docs`, {
    headers: { Authorization: serverAuthorization() },
  }).then((r) => r.json())) as { rows: { id: string }[] }
  return all.rows.map((r) => r.id).filter((id) => id.startsWith('log:'))
}

/** Signs in (again, if the kill came before the settings were kept) or syncs now, to the end. */
async function syncToTheEnd(page: Page, db: string, passphrase = '') {
  await openSync(page)
  const signInButton = page.getByRole('button', { name: 'Sign in and sync' })
  if (await signInButton.isVisible()) {
    await signIn(page, db, { open: false, passphrase })
    await syncFinished(page, async () => undefined)
  } else {
    // The start-up sync may have found the session gone: a crash can lose the browser's
    // cookie before it reaches the disk. Then the password again, and sync.
    const again = page.getByRole('button', { name: 'Sign in again' })
    const syncButton = page.getByRole('button', { name: 'Sync now' })
    await expect(syncButton).toBeEnabled({ timeout: 20_000 })
    if (await again.isVisible()) {
      await page.getByLabel('Password for the server').fill(E2E_SYNC_PASSWORD)
      await syncFinished(page, () => again.click())
    } else await syncFinished(page, () => syncButton.click())
  }
}

/** What the server holds of a database, every document whole, as JSON text. */
const serverText = (db: string) =>
  fetch(`${syncServerUrl()}/${db}/_all_docs?include_docs=true`, {
    headers: { Authorization: serverAuthorization() },
  }).then((r) => r.text())

async function killPoint(
  seed: number,
  origin: string,
  template: string,
  fullMs: number,
  passphrase?: string,
) {
  const rnd = random(seed)
  const db = `kill-${seed}-${Date.now()}`
  const other = await seedServer(db, passphrase)
  const profile = profileFrom(template, 'attache-sync-kill-')
  try {
    let chromium = await OwnChromium.start(profile)
    let page = await chromium.page()
    await openApp(page, origin)
    await studyTwo(page)
    const own = answersOf(
      ((await rawTables(page, ['revlog']))['revlog'] ?? []) as {
        review: number
        cardId: string
        rating: number
      }[],
    )
    expect(own).toHaveLength(2)
    await signIn(page, db, { passphrase })
    const killAfter = fullMs * (0.05 + rnd() * 1.1)
    await sleep(killAfter)
    await chromium.kill()

    chromium = await OwnChromium.start(profile)
    page = await chromium.page()
    await openApp(page, origin)
    await syncToTheEnd(page, db, passphrase)
    const where = `seed ${seed}, killed ${Math.round(killAfter)} ms into the ${passphrase ? 'encrypted ' : ''}first sync`

    const rows = await rawTables(page, ['revlog', 'cards'])
    const logs = (rows['revlog'] ?? []) as { review: number; cardId: string; rating: number }[]
    const theirs = answersOf(await other.logsSince(0))
    expect(answersOf(logs), where).toEqual([...own, ...theirs].sort())
    expect(await serverLogIds(db), where).toHaveLength(own.length + theirs.length)
    const theirCards = (rows['cards'] ?? []).filter((c) =>
      String((c as { id: string }).id).startsWith('d/'),
    ) as Record<string, unknown>[]
    const expected = (
      await other.getCards(['a', 'b', 'c'].map((f) => questionCard('d', f)))
    ).filter((c) => c !== undefined) as unknown as Record<string, unknown>[]
    expect(withoutRevision(theirCards), where).toEqual(withoutRevision(expected))
    if (passphrase) {
      // Sealed all through: whatever the kill interrupted, nothing went up in the clear.
      const stored = await serverText(db)
      expect(stored, where).toContain('"e":"')
      expect(stored, where).not.toContain('"body"')
      expect(stored, where).not.toContain(MECHANICS)
    }
    await chromium.close()
    return Math.round(killAfter)
  } finally {
    rmSync(profile, { recursive: true, force: true })
  }
}

/**
 * A profile after the app's first start (the built-in decks synced into it, Chromium quit
 * cleanly): each kill point starts from a copy of it.
 */
async function firstStarted(origin: string): Promise<string> {
  const template = mkdtempSync(join(tmpdir(), 'attache-sync-kill-template-'))
  const chromium = await OwnChromium.start(template)
  try {
    await openApp(await chromium.page(), origin)
    await chromium.quit()
    return template
  } catch (e) {
    await chromium.close()
    rmSync(template, { recursive: true, force: true })
    throw e
  }
}

/** How long a first sync takes undisturbed, from the click. */
async function referenceMs(origin: string, template: string, passphrase?: string) {
  const db = `kill-reference-${Date.now()}-${Math.random().toString(16).slice(2)}`
  await seedServer(db, passphrase)
  const profile = profileFrom(template, 'attache-sync-kill-ref-')
  const chromium = await OwnChromium.start(profile)
  try {
    const page = await chromium.page()
    await openApp(page, origin)
    await studyTwo(page)
    const started = performance.now()
    await signIn(page, db, { passphrase })
    await syncFinished(page, async () => undefined)
    return performance.now() - started
  } finally {
    await chromium.close()
    rmSync(profile, { recursive: true, force: true })
  }
}

// The second group's server and device seal every document with a passphrase (end to end).
for (const [group, passphrase] of [
  [1, undefined],
  [2, 'correct horse battery staple'],
] as const)
  test(`SIGKILL at 10 random moments of a first sync (group ${group}${passphrase ? ', encrypted' : ''}): every answer of both devices once, on the device and the server`, async ({
    baseURL,
  }) => {
    test.setTimeout(10 * 40_000)
    const origin = baseURL ?? ''
    const template = await firstStarted(origin)
    try {
      const fullMs = await referenceMs(origin, template, passphrase)
      expect(fullMs).toBeGreaterThan(0)
      const kills: number[] = []
      for (let i = 0; i < 10; i++)
        kills.push(await killPoint(5000 * group + i, origin, template, fullMs, passphrase))
      expect(kills).toHaveLength(10)
    } finally {
      rmSync(template, { recursive: true, force: true })
    }
  })
