import { chromium } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromiumLaunchOptions } from '../e2e/chromium'
import type { BenchResult } from './browser-entry'
import { writeMediaPackage } from './media-package'
import { samplePeak, treeMemory } from './process-memory'

/**
 * Issue 19's memory measure: an Anki package holding 1 GB of media (16 MB with --tiny), and the
 * same package with none, each imported through the Import dialog of a Chromium of its own
 * while the memory of all its processes (PSS) is sampled. A persistent profile, so IndexedDB
 * is on disk as a user's is (a Playwright page's default context keeps it in memory), and an
 * empty collection, so the backup an import makes first is nothing beside the package. The
 * worker reads the package a piece at a time and stores each media file as it is read: the
 * peak with the media should stay near the peak without (the ratio), whatever their size.
 * The collection is then backed up and the backup restored from Settings, measured the same
 * way: the archive is written and read a media file at a time.
 */
export async function measureMediaImportMemory(
  base: string,
  tiny: boolean,
): Promise<BenchResult[]> {
  const mediaBytes = Number(process.env.MEDIA_MB ?? (tiny ? 16 : 1024)) * 2 ** 20
  const notes = 300
  type Run = { peak: number; before: number; ms: number }
  const runs: Record<string, { import: Run; backup: Run; restore: Run }> = {}
  for (const [deck, bytes] of [
    ['bare', 0],
    ['media', mediaBytes],
  ] as const) {
    const path = join(tmpdir(), `attache-bench-${deck}-${bytes}-${process.pid}.apkg`)
    const profile = mkdtempSync(join(tmpdir(), 'attache-bench-profile-'))
    // A switch of no meaning to Chromium, by which its processes are found in /proc.
    const marker = `--attache-bench=${process.pid}-${deck}`
    const launch = chromiumLaunchOptions()
    const context = await chromium.launchPersistentContext(profile, {
      ...launch,
      args: [...launch.args, marker],
    })
    try {
      const size = await writeMediaPackage(path, deck, notes, bytes)
      const page = context.pages()[0] ?? (await context.newPage())
      page.setDefaultTimeout(1_800_000)
      await page.goto(`${base}/`)
      await page.getByRole('button', { name: 'Import', exact: true }).waitFor()
      /** Runs one step while Chromium's memory is sampled; throws unless it ends in `done`. */
      const measured = async (what: string, step: () => Promise<string>, done: RegExp) => {
        const before = treeMemory(marker)
        const sampler = samplePeak(marker)
        const t0 = performance.now()
        const status = await step()
        const ms = performance.now() - t0
        const peak = sampler.stop()
        if (!done.test(status)) throw new Error(`media ${what}: ${status}`)
        console.log(
          `media ${what}: ${(bytes / 2 ** 20).toFixed(0)} MB of media in ${(ms / 1000).toFixed(1)} s; Chromium's memory ${(before / 2 ** 20).toFixed(0)} MB before, peak ${(peak / 2 ** 20).toFixed(0)} MB (${status})`,
        )
        return { peak, before, ms }
      }
      console.log(`media package: ${(size / 2 ** 20).toFixed(0)} MB`)
      const imported = await measured(
        'import',
        async () => {
          await page.getByRole('button', { name: 'Import', exact: true }).click()
          const dialog = page.getByRole('dialog', { name: 'Import' })
          await dialog.getByLabel('File to import').setInputFiles(path)
          await dialog.getByRole('button', { name: 'Import', exact: true }).click()
          // "Imported …", or the refusal in words (then the figure below says so).
          const outcome = dialog.getByRole('status').or(dialog.getByRole('alert'))
          await outcome.waitFor()
          const status = (await outcome.textContent()) ?? ''
          await dialog.getByRole('button', { name: 'Close' }).click()
          return status
        },
        /^Imported/,
      )
      // The collection with its media backed up (an archive written from the worker a
      // file at a time), then restored from Settings (read by the worker a piece at a time).
      await page.getByRole('button', { name: 'Settings' }).click()
      const settings = page.getByRole('region', { name: 'Backups' })
      const outcome = settings.getByRole('status').or(settings.getByRole('alert'))
      const backup = await measured(
        'backup',
        async () => {
          await settings.getByRole('button', { name: 'Back up now' }).click()
          await outcome.waitFor()
          return (await outcome.textContent()) ?? ''
        },
        /^Backed up/,
      )
      const restore = await measured(
        'restore',
        async () => {
          await settings.getByRole('button', { name: 'Restore…' }).first().click()
          const confirm = page.getByRole('dialog', { name: 'Restore a backup' })
          await confirm.getByRole('button', { name: 'Replace the collection' }).click()
          await outcome.filter({ hasNotText: /^Backed up/ }).waitFor()
          return (await outcome.textContent()) ?? ''
        },
        /^The collection is now the backup of /,
      )
      runs[deck] = { import: imported, backup, restore }
    } finally {
      await context.close()
      rmSync(path, { force: true })
      rmSync(profile, { recursive: true, force: true })
    }
  }
  const bare = runs['bare'] as (typeof runs)[string]
  const media = runs['media'] as (typeof runs)[string]
  const mb = (mediaBytes / 2 ** 20).toFixed(0)
  const result = (
    id: string,
    what: string,
    step: 'import' | 'backup' | 'restore',
  ): BenchResult => ({
    id,
    what: `${what} with ${mb} MB of media (${(media[step].ms / 1000).toFixed(0)} s): peak memory of all Chromium's processes (PSS, MB)`,
    ours: media[step].peak / 2 ** 20,
    baseline: bare[step].peak / 2 ** 20,
    unit: 'MB',
    ratio: media[step].peak / bare[step].peak,
    cards: notes,
    stat: 'max',
    baselineWhat: `the same ${step} with no media`,
  })
  return [
    result('import-media-peak-memory', 'Import dialog, a package', 'import'),
    result('backup-media-peak-memory', 'Settings ▸ Back up now, a collection', 'backup'),
    result('restore-media-peak-memory', 'Settings ▸ Restore, a backup', 'restore'),
  ]
}
