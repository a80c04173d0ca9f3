import { useLiveQuery } from 'dexie-react-hooks'
import { startTransition, useEffect, useState } from 'react'
import { DEFAULT_SETTINGS, readSettings, type Settings } from '../app/settings'
import {
  deckOverviews,
  sectionOverview,
  studyDayAt,
  type DeckOverview,
  type SectionOverview,
} from '../app/study-queue'
import { searchCards } from '../app/search'
import { cardInfo, type CardInfo } from '../app/card-view'
import { noteTypes } from '../app/note-types'
import { DEFAULT_PRESET_ID, listPresets, type Preset } from '../app/presets'
import type { NoteRow } from '../app/collection'
import { trashedDecks, trashedNotes } from '../app/editing'
import { keptVersions, versionsOf } from '../app/versions'
import type { VersionedTable } from '../app/collection'
import type { NoteType } from '../core/notes/note-types'
import { exportCollection } from '../app/exchange/export-collection'
import { examPlan } from '../app/exam-plan'
import { keyFigures } from '../app/key-figures'
import { estimatedDailyReviews } from '../app/workload'
import { noteSource } from '../app/note-source'
import { examHistory, examItems } from '../app/mock-exam'
import type { Statistics, StatsPeriod } from '../app/statistics'
import { statisticsInWorker } from './import/read-in-worker'
import { db, scheduler, startApp, store, type StartupReport } from './app-services'
import { loadSyncConfig } from './sync/sync-config'
import { commands } from './commands'
import { storageErrorMessage } from './storage/storage-errors'

// What the window reads: hooks kept current by Dexie's live queries (which also see the writes
// of workers and other tabs), and a few reads made once. Every write is a command
// (`commands.ts`).

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
    const update = () => {
      const next = studyDayAt(settings, new Date()).index
      if (next !== index) void commands.cards.unbury().then(() => setIndex(next))
    }
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

/**
 * A notice about the database shared with other tabs: an upgrade waiting for an older tab to
 * close, or this tab's connection closed by a newer one. Null when all is well.
 */
export function useStorageNotice(): string | null {
  const [notice, setNotice] = useState<string | null>(null)
  useEffect(() => {
    const onBlocked = () =>
      setNotice(
        'Attaché was updated, and another tab or window still has the old version open. Close ' +
          'or reload it, and this page will continue by itself. Nothing is lost.',
      )
    const onReady = () => setNotice(null)
    const onVersionChange = () =>
      setNotice('A newer Attaché was opened in another tab. Reload this page to go on studying.')
    db.on('blocked', onBlocked)
    db.on('ready', onReady)
    db.on('versionchange', onVersionChange)
    return () => {
      db.on('blocked').unsubscribe(onBlocked)
      db.on('ready').unsubscribe(onReady)
      db.on('versionchange').unsubscribe(onVersionChange)
    }
  }, [])
  return notice
}

/** Per-section counts for one deck; undefined while loading. */
export function useSectionOverview(
  deckId: string,
  settings: Settings,
): SectionOverview | undefined {
  const day = useStudyDayIndex(settings)
  // The deck's card digest, made once (a write, so not inside the live query): the counts are
  // read from its rows from then on. Until it is there they come from the card rows.
  useEffect(() => {
    store
      .makeDigest(deckId)
      .catch((e: unknown) =>
        console.warn(`The Sections screen reads every card of this deck: ${String(e)}`),
      )
  }, [deckId])
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
    startApp(new Date()).then(
      (report) => {
        setStartup(report)
        // Sync (and PouchDB's code) only on a device that was given a server.
        if (loadSyncConfig())
          void import('./sync/sync-service').then((sync) => sync.startAutoSync())
      },
      (e: unknown) => setFatal(storageErrorMessage(e)),
    )
  }, [])
  return { startup, fatal }
}

/** Whether the first-run welcome was dismissed; undefined while the settings load (so it never flashes). */
export function useWelcomeSeen(): boolean | undefined {
  return useLiveQuery(async () => (await readSettings(store)).welcomeSeen, [])
}

/** The note types a user can pick, and every type (to edit any note); undefined while loading. */
export function useNoteTypes(): NoteType[] | undefined {
  return useLiveQuery(() => noteTypes(store), [])
}

/** Every note type of the collection, read now (an import names them). */
export function allNoteTypes(): Promise<NoteType[]> {
  return noteTypes(store)
}

/** A note, read once for the editor; undefined while loading, null when it is gone. */
export function useNote(noteId: string | null): NoteRow | null | undefined {
  return useLiveQuery(
    async () => (noteId ? ((await store.getNote(noteId)) ?? null) : null),
    [noteId],
  )
}

/** The decks in the trash; undefined while loading. */
export function useTrashedDecks() {
  return useLiveQuery(() => trashedDecks(store), [])
}

/** Every tag in the collection, for completion; undefined while loading. */
export function useAllTags(): string[] | undefined {
  return useLiveQuery(() => store.allTags(), [])
}

/** Every deck not in the trash, by name, for pickers. */
export function useDeckNames(): { id: string; name: string }[] | undefined {
  return useLiveQuery(async () =>
    (await store.listDecks())
      .filter((d) => d.deletedAt === undefined)
      .map((d) => ({ id: d.id, name: d.name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  )
}

/** Card info (state, history) for the card info dialog; undefined while loading. */
export function useCardInfo(cardId: string): CardInfo | null | undefined {
  return useLiveQuery(() => cardInfo(store, scheduler, cardId, new Date()), [cardId])
}

/** Every preset (Default first); undefined while loading. */
export function usePresets(settings: Settings): Preset[] | undefined {
  return useLiveQuery(() => listPresets(store, settings), [settings])
}

/** The deck's current preset id; undefined while loading. */
export function useDeckPresetId(deckId: string): string | undefined {
  return useLiveQuery(
    async () => (await store.getDeck(deckId))?.presetId ?? DEFAULT_PRESET_ID,
    [deckId],
  )
}

/** The notes in the trash; undefined while loading. */
/** The versions of a note, deck or preset kept from sync conflicts, newest first. */
export function useVersionsOf(table: VersionedTable, key: string | null) {
  return useLiveQuery(
    () => (key ? versionsOf(store, table, key) : Promise.resolve([])),
    [table, key],
  )
}

/** Every version kept from a sync conflict, the most recently kept first. */
export function useKeptVersions() {
  return useLiveQuery(() => keptVersions(store), [])
}

export function useTrashedNotes() {
  return useLiveQuery(() => trashedNotes(store), [])
}

/**
 * The cards a search finds (the first `limit`), kept current, with the query they answer:
 * while the next query runs the last answer stays (its rows may stay on screen; its count is
 * not the new query's). `firstRowsOnly` stops at `limit` for a quick first screen.
 */
export function useSearch(query: string, settings: Settings, limit: number, firstRowsOnly = false) {
  return useLiveQuery(
    async () => ({
      query,
      result: await searchCards(store, query, settings, new Date(), limit, firstRowsOnly),
    }),
    [query, settings, limit, firstRowsOnly],
  )
}

/** The collection (or one deck of it, with the decks inside) as rows without media bytes, for a text export. */
export function collectionForExport(deckId?: string) {
  return exportCollection(store, { mediaBytes: false, ...(deckId ? { deckId } : {}) })
}

/**
 * Statistics of a deck (and the decks inside it) or the whole collection, counted in a worker
 * so a large history never blocks the window; undefined while counting.
 */
export function useStatistics(settings: Settings, deckId: string | null, days: StatsPeriod) {
  const [found, setFound] = useState<{ key: string; stats: Statistics } | null>(null)
  const key = JSON.stringify([settings, deckId, days])
  useEffect(() => {
    let live = true
    // A transition: the screen's charts and tables (hundreds of rows for screen readers) render
    // in slices, so the window answers input while they appear.
    void statisticsInWorker(settings, deckId, days).then(
      (stats) => live && startTransition(() => setFound({ key, stats })),
    )
    return () => {
      live = false
    }
  }, [key, settings, deckId, days])
  return found?.key === key ? found.stats : undefined
}

/** The figures and dates of a deck with their recall; undefined while loading. */
export function useKeyFigures(settings: Settings, deckId: string) {
  return useLiveQuery(() => keyFigures(store, deckId, settings, new Date()), [settings, deckId])
}

/** A deck's exam date and cap, for its options; undefined while loading. */
export function useDeckExam(deckId: string) {
  return useLiveQuery(async () => {
    const deck = await store.getDeck(deckId)
    return { date: deck?.examDate ?? '', cap: deck?.examCap ?? false }
  }, [deckId])
}

/** A deck's exam plan (null without an exam date); undefined while loading. */
export function useExamPlan(settings: Settings, deckId: string) {
  return useLiveQuery(() => examPlan(store, deckId, settings, new Date()), [settings, deckId])
}

/** What a mock exam on a deck can ask: its cards, whatever their note type. */
export function itemsForExam(deckId: string) {
  return examItems(store, deckId)
}

/** Past mock exams, oldest first; undefined while loading. */
export function useExamHistory() {
  return useLiveQuery(() => examHistory(store), [])
}

/**
 * Reviews a day a deck's cards in review would ask for at `retention`; null for a retention
 * outside 0.70–0.99 (while it is being typed), undefined while counting.
 */
export function useWorkload(deckId: string, retention: number) {
  return useLiveQuery(
    () =>
      retention >= 0.7 && retention <= 0.99
        ? estimatedDailyReviews(store, deckId, retention)
        : null,
    [deckId, retention],
  )
}

/** Where a generated note came from, for "Show in source"; null when it has no source. */
export function useNoteSource(noteId: string | null, ord: number) {
  return useLiveQuery(async () => (noteId ? noteSource(store, noteId, ord) : null), [noteId, ord])
}
