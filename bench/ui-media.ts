import { chromium } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromiumLaunchOptions } from '../e2e/chromium'
import type { BenchResult } from './browser-entry'
import { writeMediaPackage } from './media-package'
import { samplePeak, treeMemory } from './process-memory'

/**
 * Issue 19's memory measure: an Anki package holding 1 GB of media (64 MB with --tiny), and the
 * same package with none, each imported through the Import dialog of a Chromium of its own
 * while the memory of all its processes (PSS) is sampled. A persistent profile, so IndexedDB
 * is on disk as a user's is (a Playwright page's default context keeps it in memory), and an
 * empty collection, so the backup an import makes first is nothing beside the package. The
 * worker reads the package a piece at a time and stores each media file as it is read: the
 * peak with the media should stay near the peak without (the ratio), whatever their size.
 */
export async function measureMediaImportMemory(
  base: string,
  tiny: boolean,
): Promise<BenchResult[]> {
  const mediaBytes = tiny ? 64 * 2 ** 20 : 2 ** 30
  const notes = 300
  const runs: Record<string, { peak: number; before: number; ms: number }> = {}
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
      const before = treeMemory(marker)
      const sampler = samplePeak(marker)
      const t0 = performance.now()
      await page.getByRole('button', { name: 'Import', exact: true }).click()
      const dialog = page.getByRole('dialog', { name: 'Import' })
      await dialog.getByLabel('File to import').setInputFiles(path)
      await dialog.getByRole('button', { name: 'Import', exact: true }).click()
      // "Imported …", or the refusal in words (then the figure below says so).
      const outcome = dialog.getByRole('status').or(dialog.getByRole('alert'))
      await outcome.waitFor()
      const ms = performance.now() - t0
      const peak = sampler.stop()
      const status = (await outcome.textContent()) ?? ''
      if (!status.startsWith('Imported')) throw new Error(`media import: ${status}`)
      runs[deck] = { peak, before, ms }
      console.log(
        `media import: ${(size / 2 ** 20).toFixed(0)} MB package (${(bytes / 2 ** 20).toFixed(0)} MB of media) imported in ${(ms / 1000).toFixed(1)} s; Chromium's memory ${(before / 2 ** 20).toFixed(0)} MB before, peak ${(peak / 2 ** 20).toFixed(0)} MB (${status})`,
      )
    } finally {
      await context.close()
      rmSync(path, { force: true })
      rmSync(profile, { recursive: true, force: true })
    }
  }
  const bare = runs['bare'] as { peak: number }
  const media = runs['media'] as { peak: number; ms: number }
  return [
    {
      id: 'import-media-peak-memory',
      what: `Import dialog, a package with ${(mediaBytes / 2 ** 20).toFixed(0)} MB of media (${(media.ms / 1000).toFixed(0)} s): peak memory of all Chromium's processes (PSS, MB)`,
      ours: media.peak / 2 ** 20,
      baseline: bare.peak / 2 ** 20,
      unit: 'MB',
      ratio: media.peak / bare.peak,
      cards: notes,
      stat: 'max',
      baselineWhat: 'the same import with no media',
    },
  ]
}
