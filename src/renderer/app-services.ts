import platform from '@platform'
import { unburyCards } from '../app/card-actions'
import { syncBuiltInDeck } from '../app/deck-sync'
import { readSettingsReport } from '../app/settings'
import type { DeckProblem } from '../core/decks/parse-deck'
import { Scheduler } from '../core/scheduling/scheduler'
import { openDb } from './storage/db'
import { dexieCollection } from './storage/open-collection'

/** The one database, collection and scheduler of this window. */
export const db = openDb()
export const store = dexieCollection(db, { listen: true })
export const scheduler = new Scheduler()

export interface StartupReport {
  problems: DeckProblem[]
  /** Stored settings that could not be used (the defaults are used instead), each with why. */
  settingsDropped: string[]
}

/**
 * Takes the host's validated decks and brings each into the collection (new facts added, the
 * user's edits kept); the files the host skipped are reported.
 */
export async function startApp(now: Date): Promise<StartupReport> {
  const { decks, problems } = await platform.loadDecks()
  for (const deck of decks) await syncBuiltInDeck(store, deck, scheduler, now)
  // Cards buried on an earlier study day come back.
  await unburyCards(store, now)
  // The derived tables catch up with what was written before a crash or in another tab —
  // beside start-up, not in front of it: nothing read at start waits for them (the Sections
  // screen reads cards written since their cursor from the rows, the statistics follow first).
  void store.follow().catch(() => undefined)
  // Ask the browser not to evict study data under storage pressure.
  await navigator.storage?.persist?.().catch(() => false)
  const { dropped } = await readSettingsReport(store)
  return { problems, settingsDropped: dropped }
}
