import platform from '@platform'
import { parseDecks, type DeckProblem } from '../core/decks/parse-deck'
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
 * Loads the host's deck files, validates them with core, and upserts each good deck by stable
 * ids. A malformed file is reported and skipped; the other decks still load.
 */
export async function startApp(now: Date): Promise<StartupReport> {
  const files = await platform.deckFiles()
  const { decks, problems } = parseDecks(files.sources)
  for (const deck of decks) await syncDeck(db, deck, scheduler, now)
  // Ask the browser not to evict study data under storage pressure.
  const persisted = (await navigator.storage?.persist?.().catch(() => false)) ?? false
  return { problems: [...files.problems, ...problems], persisted }
}
