// Durability: Chromium on a persistent profile is killed with SIGKILL (its whole process group,
// no chance to flush anything) at a random moment while the app grades, undoes, syncs the
// built-in decks on first start, or imports a package; then it is started again on the same
// profile and the stored rows are read with raw IndexedDB before the app runs:
// - every grade the screen acknowledged is stored, exactly once; at most the one grade or undo
//   in flight when the browser died may also have landed; each card's state matches its log;
// - a deck sync or an import is all there or not there at all, and all there once the screen
//   said it was done.
// 50 kill points in all (seeded, so a failure names its seed and can be run again); the count
// survived is written to reports/durability.json and printed at the end of `npm test`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { OwnChromium, profileFrom, random, sleep } from './own-chromium'
import { expect, test } from './fixtures'
import { chooseImportFile } from './importing'
import { packageWithAYearOfHistory } from './packages'
import { rawTables } from './stored'

const CHAPTER_DECK = 'bluebook-2020-global-security'
const CHAPTER_NAME = 'Diplomatic Bluebook 2020 · Global Security'
const REPORT_DIR = 'reports/durability'

/** What raw IndexedDB holds, read on a page of the app's origin where the app does not run. */
interface Stored {
  logs: { id: number; cardId: string; revision: number | null }[]
  cards: { id: string; deckId: string; reps: number }[]
  notes: { id: string; deckId: string }[]
}

async function readStored(page: Page, origin: string): Promise<Stored> {
  // An image of the app's own origin: same IndexedDB, and the app's script never starts.
  await page.goto(new URL('icon.svg', origin).href)
  const rows = await rawTables(page, ['revlog', 'cards', 'notes'])
  return {
    logs: (rows['revlog'] as { id: number; cardId: string; before?: { revision: number } }[]).map(
      (l) => ({ id: l.id, cardId: l.cardId, revision: l.before?.revision ?? null }),
    ),
    cards: (rows['cards'] as { id: string; deckId: string; reps: number }[]).map((c) => ({
      id: c.id,
      deckId: c.deckId,
      reps: c.reps,
    })),
    notes: (rows['notes'] as { id: string; deckId: string }[]).map((n) => ({
      id: n.id,
      deckId: n.deckId,
    })),
  }
}

/** Chooses the package in the Import dialog and starts the import. */
async function startImport(page: Page, apkg: Buffer) {
  const dialog = await chooseImportFile(page, 'treaties.apkg', apkg)
  await dialog.getByRole('button', { name: 'Import', exact: true }).click()
  return dialog
}

async function openApp(page: Page, origin: string) {
  await page.goto(origin)
  await expect(page.getByRole('button', { name: 'Study Mechanics fixture' })).toBeVisible({
    timeout: 20_000,
  })
}

const reviewedOf = async (page: Page) =>
  Number(/(\d+) reviewed/.exec((await page.getByTestId('progress').textContent()) ?? '')?.[1])

/** Waits until the session's "reviewed" count is `n`; true if it got there. */
const reviewedBecomes = (page: Page, n: number) =>
  page
    .waitForFunction(
      (want) =>
        new RegExp(`(?<!\\d)${want} reviewed`).test(
          document.querySelector('[data-testid="progress"]')?.textContent ?? '',
        ),
      n,
      { timeout: 10_000 },
    )
    .then(() => true)

type Kind = 'grade' | 'undo' | 'sync' | 'import'

/**
 * One kill point: run `kind` (a deck sync on a fresh profile, the rest on a copy of one whose
 * first start synced the built-in decks), kill at a seeded moment, restart, check.
 */
async function killPoint(kind: Kind, seed: number, origin: string, apkg: Buffer, full: FullDecks) {
  const rnd = random(seed)
  const prefix = `attache-kill-${kind}-`
  const profile =
    kind === 'sync' ? mkdtempSync(join(tmpdir(), prefix)) : profileFrom(full.template, prefix)
  try {
    let chromium = await OwnChromium.start(profile)
    let page = await chromium.page()
    if (kind !== 'sync') await openApp(page, origin)
    let acked = 0
    /** Grades and undos the screen acknowledged (`acked` is grades less undos). */
    let acts = 0
    let inFlight: 'grade' | 'undo' | null = null
    let done = false
    let killed = false
    let workError: string | null = null
    const work = (async () => {
      if (kind === 'sync') {
        await page.goto(origin)
        await page.getByRole('button', { name: 'Study Mechanics fixture' }).waitFor()
        if (!killed) done = true
        return
      }
      if (kind === 'import') {
        const dialog = await startImport(page, apkg)
        await dialog
          .getByRole('status')
          .filter({ hasText: /^Imported / })
          .waitFor()
        if (!killed) done = true
        return
      }
      await page.getByRole('button', { name: `Study ${CHAPTER_NAME}`, exact: true }).click()
      for (let step = 0; !killed; step++) {
        const n = await reviewedOf(page)
        if (kind === 'undo' && n > 0 && rnd() < 0.4) {
          inFlight = 'undo'
          await page.keyboard.press('Control+z')
          if (await reviewedBecomes(page, n - 1)) {
            acked--
            acts++
          }
          inFlight = null
          continue
        }
        await page.getByTestId('card-front').waitFor()
        const card = page.locator('article.card')
        if ((await card.getAttribute('data-answer-mode')) === 'type') {
          await page.getByTestId('typed-answer').fill('1')
          await page.keyboard.press('Enter')
        } else await page.keyboard.press('Space')
        await page.getByTestId('card-back').waitFor()
        inFlight = 'grade'
        await page.keyboard.press(rnd() < 0.3 ? '1' : '3')
        if (await reviewedBecomes(page, n + 1)) {
          acked++
          acts++
        }
        inFlight = null
      }
    })().catch((e: unknown) => {
      // After the kill every call fails; before it, a failure means the work never happened.
      if (!killed) workError = e instanceof Error ? e.message : String(e)
    })
    // A moment inside the work: a sync or an import anywhere from its first fifth to a little
    // past the time it took undisturbed (so some kills land before it ends, some after);
    // grading goes on.
    const killAfter =
      kind === 'sync'
        ? full.syncMs * (0.2 + rnd() * 1.2)
        : kind === 'import'
          ? full.importMs * (0.2 + rnd() * 1.2)
          : 400 + rnd() * 3000
    await sleep(killAfter)
    killed = true
    const lastInFlight = inFlight as 'grade' | 'undo' | null
    await chromium.kill()
    await work
    if (workError)
      throw new Error(`${kind} seed ${seed}: the work failed before the kill: ${workError}`)

    chromium = await OwnChromium.start(profile)
    page = await chromium.page()
    const stored = await readStored(page, origin)
    const where = `${kind} kill point, seed ${seed}, killed after ${Math.round(killAfter)} ms`

    if (kind === 'grade' || kind === 'undo') {
      // Every acknowledged grade stored, none twice; only the one in flight may differ.
      const expected = acked
      const low = lastInFlight === 'undo' ? expected - 1 : expected
      const high = lastInFlight === 'grade' ? expected + 1 : expected
      expect(stored.logs.length, where).toBeGreaterThanOrEqual(low)
      expect(stored.logs.length, where).toBeLessThanOrEqual(high)
      const answered = stored.logs.map((l) => `${l.cardId}@${l.revision}`)
      expect(new Set(answered).size, `${where}: an answer stored twice`).toBe(answered.length)
      const perCard = new Map<string, number>()
      for (const l of stored.logs) perCard.set(l.cardId, (perCard.get(l.cardId) ?? 0) + 1)
      for (const c of stored.cards)
        expect(c.reps, `${where}: card ${c.id} and its log disagree`).toBe(perCard.get(c.id) ?? 0)
    } else if (kind === 'sync') {
      for (const [deckId, count] of full.cardsByDeck) {
        const have = stored.cards.filter((c) => c.deckId === deckId).length
        expect([0, count], `${where}: deck ${deckId} half-synced (${have} cards)`).toContain(have)
        if (done) expect(have, `${where}: deck ${deckId} acknowledged`).toBe(count)
      }
    } else {
      const notes = stored.notes.filter((n) => n.id.startsWith('treaty-')).length
      const logs = stored.logs.filter((l) => l.cardId.startsWith('treaty-')).length
      expect(
        [`0/0`, `${full.importNotes}/${full.importLogs}`],
        `${where}: import half-written`,
      ).toContain(`${notes}/${logs}`)
      if (done) expect(notes, `${where}: import acknowledged`).toBe(full.importNotes)
    }
    // And the app starts on what was left, and works.
    await openApp(page, origin)
    await chromium.close()
    // What was on disk when it died: logs for grading, the chapter's cards for a sync, the
    // package's notes for an import.
    const landed =
      kind === 'sync'
        ? stored.cards.filter((c) => c.deckId === CHAPTER_DECK).length
        : kind === 'import'
          ? stored.notes.filter((n) => n.id.startsWith('treaty-')).length
          : stored.logs.length
    return {
      kind,
      seed,
      killAfter: Math.round(killAfter),
      acked,
      acts,
      landed,
      inFlight: lastInFlight,
      done,
    }
  } finally {
    rmSync(profile, { recursive: true, force: true })
  }
}

interface FullDecks {
  cardsByDeck: Map<string, number>
  importNotes: number
  importLogs: number
  /** How long the start-up sync and the import took undisturbed, in ms. */
  syncMs: number
  importMs: number
  /** A profile after the first start's deck sync, Chromium quit cleanly: grading starts here. */
  template: string
}

/**
 * What a start-up sync and an import store when nothing interrupts them. The profile the sync
 * leaves is kept as the template of the grade, undo and import points; the import runs on a
 * copy of it, as theirs do.
 */
async function referenceRun(origin: string, apkg: Buffer): Promise<FullDecks> {
  const template = mkdtempSync(join(tmpdir(), 'attache-kill-template-'))
  try {
    return await referenceOn(template, origin, apkg)
  } catch (e) {
    rmSync(template, { recursive: true, force: true })
    throw e
  }
}

async function referenceOn(template: string, origin: string, apkg: Buffer): Promise<FullDecks> {
  let chromium = await OwnChromium.start(template)
  let started = performance.now()
  await openApp(await chromium.page(), origin)
  const syncMs = performance.now() - started
  await chromium.quit()
  const profile = profileFrom(template, 'attache-kill-reference-')
  chromium = await OwnChromium.start(profile)
  try {
    const page = await chromium.page()
    await openApp(page, origin)
    started = performance.now()
    const dialog = await startImport(page, apkg)
    await expect(dialog.getByRole('status')).toContainText('Imported', { timeout: 20_000 })
    const importMs = performance.now() - started
    const stored = await readStored(page, origin)
    const cardsByDeck = new Map<string, number>()
    for (const c of stored.cards)
      if (!c.id.startsWith('treaty-'))
        cardsByDeck.set(c.deckId, (cardsByDeck.get(c.deckId) ?? 0) + 1)
    return {
      cardsByDeck,
      importNotes: stored.notes.filter((n) => n.id.startsWith('treaty-')).length,
      importLogs: stored.logs.filter((l) => l.cardId.startsWith('treaty-')).length,
      syncMs,
      importMs,
      template,
    }
  } finally {
    await chromium.close()
    rmSync(profile, { recursive: true, force: true })
  }
}

// Four groups that run in parallel on the two workers; 50 kill points in all.
const GROUPS: [Kind, number][] = [
  ['grade', 16],
  ['undo', 12],
  ['sync', 11],
  ['import', 11],
]

for (const [kind, points] of GROUPS)
  test(`SIGKILL at ${points} random moments while ${kind === 'grade' ? 'grading' : kind === 'undo' ? 'grading and undoing' : kind === 'sync' ? 'syncing the built-in decks' : 'importing a package'}: nothing acknowledged is lost, nothing is half-written`, async ({
    baseURL,
  }, testInfo) => {
    test.setTimeout(points * 25_000)
    const origin = baseURL ?? ''
    const { apkg } = await packageWithAYearOfHistory(new Date('2026-06-01T10:00:00Z'))
    const full = await referenceRun(origin, apkg)
    const results = []
    try {
      expect(full.cardsByDeck.get(CHAPTER_DECK)).toBeGreaterThan(400)
      expect(full.importNotes).toBe(30)
      for (let i = 0; i < points; i++)
        results.push(
          await killPoint(
            kind,
            1000 * (GROUPS.findIndex((g) => g[0] === kind) + 1) + i,
            origin,
            apkg,
            full,
          ),
        )
    } finally {
      rmSync(full.template, { recursive: true, force: true })
    }
    testInfo.annotations.push({ type: 'kill points', description: String(results.length) })
    mkdirSync(REPORT_DIR, { recursive: true })
    writeFileSync(join(REPORT_DIR, `${kind}.json`), JSON.stringify(results))
    // Kill points that caught the work in the middle, not only before or after it: something
    // was acknowledged before the kill (a grade and its undo leave \`acked\` at 0, yet both were).
    if (kind === 'grade' || kind === 'undo')
      expect(results.filter((r) => r.acts > 0).length).toBeGreaterThan(points / 2)
  })
