import platform from '@platform'
import type { DeckProblem } from '../core/decks/parse-deck'
import { Scheduler } from '../core/scheduling/scheduler'
import { openDb } from './storage/db'
import { syncDeck } from './storage/deck-sync'

/** The one database and scheduler of this window. */
export const db = openDb()
export const scheduler = new Scheduler()
export { platform }

export interface StartupReport {
  problems: DeckProblem[]
  persisted: boolean
}

/**
 * Takes the host's validated decks and upserts each by stable ids; the files the host skipped
 * are reported. Reloading or updating a deck never resets review progress.
 */
export async function startApp(now: Date): Promise<StartupReport> {
  const { decks, problems } = await platform.loadDecks()
  for (const deck of decks) await syncDeck(db, deck, scheduler, now)
  // Ask the browser not to evict study data under storage pressure.
  const persisted = (await navigator.storage?.persist?.().catch(() => false)) ?? false
  return { problems, persisted }
}
