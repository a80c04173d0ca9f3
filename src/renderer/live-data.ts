import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useState } from 'react'
import { DEFAULT_SETTINGS, readSettings, writeSetting, type Settings } from '../app/settings'
import {
  deckOverviews,
  sectionOverview,
  studyDayAt,
  type DeckOverview,
  type SectionOverview,
} from '../app/study-queue'
import { startApp, store, type StartupReport } from './app-services'

/** The current settings; defaults until the first read finishes. */
export function useSettings(): Settings {
  return useLiveQuery(() => readSettings(store), [], DEFAULT_SETTINGS)
}

/**
 * The index of the current study day, updated when the day rolls over (a timer set for the
 * day's end) or when the window comes back into view, so counts that depend on the day are
 * read again then.
 */
function useStudyDayIndex(settings: Settings): number {
  const [index, setIndex] = useState(() => studyDayAt(settings, new Date()).index)
  useEffect(() => {
    const update = () => setIndex(studyDayAt(settings, new Date()).index)
    update()
    const end = studyDayAt(settings, new Date()).end.getTime()
    const timer = setTimeout(update, Math.max(0, end - Date.now()) + 1000)
    document.addEventListener('visibilitychange', update)
    return () => {
      clearTimeout(timer)
      document.removeEventListener('visibilitychange', update)
    }
  }, [settings, index])
  return index
}

/** Deck list with live counts; undefined while loading. Subscribed only while it is shown. */
export function useDeckOverviews(settings: Settings): DeckOverview[] | undefined {
  const day = useStudyDayIndex(settings)
  return useLiveQuery(() => deckOverviews(store, settings, new Date()), [settings, day])
}

/** Saves one setting; live queries pick it up. */
export function updateSetting<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
  return writeSetting(store, key, value)
}

/** Per-section counts for one deck; undefined while loading. */
export function useSectionOverview(
  deckId: string,
  settings: Settings,
): SectionOverview | undefined {
  const day = useStudyDayIndex(settings)
  return useLiveQuery(
    () => sectionOverview(store, deckId, settings, new Date()),
    [deckId, settings, day],
  )
}

/** Start-up: the host's decks brought into the collection; a fatal error in words. */
export function useStartup(): { startup: StartupReport | null; fatal: string | null } {
  const [startup, setStartup] = useState<StartupReport | null>(null)
  const [fatal, setFatal] = useState<string | null>(null)
  useEffect(() => {
    startApp(new Date()).then(setStartup, (e: unknown) =>
      setFatal(e instanceof Error ? e.message : String(e)),
    )
  }, [])
  return { startup, fatal }
}
