import { useLiveQuery } from 'dexie-react-hooks'
import { sectionOverview, type SectionOverview } from './storage/section-overview'
import { db } from './app-services'
import { deckOverviews, type DeckOverview } from './storage/deck-overview'
import { DEFAULT_SETTINGS, readSettings, writeSetting, type Settings } from './storage/settings'

/** The current settings; defaults until the first read finishes. */
export function useSettings(): Settings {
  return useLiveQuery(() => readSettings(db), [], DEFAULT_SETTINGS)
}

/** Deck list with live counts; undefined while loading. */
export function useDeckOverviews(
  settings: Settings,
  refreshKey: number,
): DeckOverview[] | undefined {
  return useLiveQuery(() => deckOverviews(db, settings, new Date()), [settings, refreshKey])
}

/** Saves one setting; live queries pick it up. */
export function updateSetting<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
  return writeSetting(db, key, value)
}

/** Per-section counts for one deck; undefined while loading. */
export function useSectionOverview(
  deckId: string,
  settings: Settings,
): SectionOverview | undefined {
  return useLiveQuery(() => sectionOverview(db, deckId, settings, new Date()), [deckId, settings])
}
