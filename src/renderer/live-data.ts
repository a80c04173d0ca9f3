import { useLiveQuery } from 'dexie-react-hooks'
import { startTransition, useEffect, useState } from 'react'
import { DEFAULT_SETTINGS, readSettings, writeSetting, type Settings } from '../app/settings'
import {
  deckOverviews,
  sectionOverview,
  studyDayAt,
  type DeckOverview,
  type SectionOverview,
} from '../app/study-queue'
import { changeCards, resetCards, unburyCards } from '../app/card-actions'
import { searchCards } from '../app/search'
import { cardInfo, type CardInfo } from '../app/card-view'
import { noteTypes } from '../app/note-types'
import { DEFAULT_PRESET_ID, listPresets, setDeckPreset, type Preset } from '../app/presets'
import type { NoteRow } from '../app/collection'
import {
  addNote,
  createDeck,
  editNote,
  moveNotes,
  renameDeck,
  restoreDeck,
  restoreNote,
  retagNotes,
  trashDeck,
  trashNote,
  trashNotes,
  trashedDecks,
  trashedNotes,
  type NoteInput,
} from '../app/editing'
import type { NoteType } from '../core/notes/note-types'
import type { CollectionData } from '../app/exchange/collection-data'
import { exportCollection } from '../app/exchange/export-collection'
import { applyImport, type ConflictChoice } from '../app/exchange/import-collection'
import { storePastedMedia } from '../app/media'
import { examPlan, setExamDate } from '../app/exam-plan'
import { keyFigures } from '../app/key-figures'
import { estimatedDailyReviews } from '../app/workload'
import { updatePreset } from '../app/optimize'
import { saveAndRescheduleInWorker } from './optimize/optimize-in-worker'
import { noteSource } from '../app/note-source'
import type { AcceptedProposal } from '../app/exchange/from-generated'
import type { SourceDocument } from '../core/generate/document'
import { examFacts, examHistory, recordExam, sendToReview, type ExamRecord } from '../app/mock-exam'
import type { Statistics } from '../app/statistics'
import { statisticsInWorker } from './import/read-in-worker'
import platform from '@platform'
import { forgetMediaUrls } from './media-urls'
import { db, scheduler, startApp, store, type StartupReport } from './app-services'
import { storageErrorMessage, writeErrorMessage } from './storage/storage-errors'
import { EditError } from '../app/editing'
import { ImportError } from '../core/formats/import-error'

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
      if (next !== index) void unburyCards(store, new Date()).then(() => setIndex(next))
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

/** Saves one setting; live queries pick it up. Rejects with a message in the app's words. */
export async function updateSetting<K extends keyof Settings>(
  key: K,
  value: Settings[K],
): Promise<void> {
  try {
    await writeSetting(store, key, value)
  } catch (e) {
    throw new Error(storageErrorMessage(e), { cause: e })
  }
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
    startApp(new Date()).then(setStartup, (e: unknown) => setFatal(storageErrorMessage(e)))
  }, [])
  return { startup, fatal }
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

/** An id no other note or deck has: Anki's guids are 10 base-91 characters of chance. */
function randomId(length = 10): string {
  const alphabet =
    'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!$%&()*+,-./:;<=>?@[]^_`{|}~'
  const bytes = crypto.getRandomValues(new Uint8Array(length))
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('')
}

/** Creates one of the user's decks; rejects with an `EditError` saying what is wrong. */
export function createUserDeck(name: string) {
  return createDeck(store, { id: `deck-${randomId(8)}`, name }, new Date())
}

/** Adds a note with a fresh guid; rejects with an `EditError` saying why it cannot be saved. */
export function saveNewNote(input: Omit<NoteInput, 'guid'>) {
  return addNote(store, scheduler, { ...input, guid: randomId() }, new Date())
}

/** Saves an edited note (and moves it to `deckId`); rejects with an `EditError` saying why not. */
export function saveNoteEdit(
  noteId: string,
  fields: Record<string, string>,
  tags: string[],
  deckId?: string,
) {
  return editNote(
    store,
    scheduler,
    { noteId, fields, tags, ...(deckId ? { deckId } : {}) },
    new Date(),
  )
}

/** The decks in the trash; undefined while loading. */
export function useTrashedDecks() {
  return useLiveQuery(() => trashedDecks(store), [])
}

/** Renames a deck of the user's and the decks inside it. */
export function renameUserDeck(id: string, name: string) {
  return renameDeck(store, id, name, new Date())
}

/** Moves a deck and the decks inside it to the trash; nothing is deleted. */
export function trashUserDeck(id: string) {
  return trashDeck(store, id, new Date())
}

/** Brings a deck back from the trash. */
export function restoreTrashedDeck(id: string) {
  return restoreDeck(store, id)
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

/**
 * Gives the deck a preset, saving it first when it was changed (`preset`); with `reschedule`,
 * the preset's cards are rescheduled from their history in the same transaction. Returns how
 * many cards were rescheduled.
 */
export async function saveDeckOptions(
  deckId: string,
  presetId: string,
  preset: Preset | null,
  options: { settings: Settings; reschedule: boolean },
): Promise<number> {
  if (!preset) {
    await setDeckPreset(store, deckId, presetId)
    return 0
  }
  if (!options.reschedule)
    return updatePreset(store, preset, { ...options, now: new Date(), deckId })
  // Rescheduling replays every card's history: in a worker, so the window never waits on it.
  return saveAndRescheduleInWorker({ preset, deckId, settings: options.settings, now: Date.now() })
}

/** A new preset's id (chance is the caller's). */
export const newPresetId = () => `preset-${randomId(8)}`

/** The notes in the trash; undefined while loading. */
export function useTrashedNotes() {
  return useLiveQuery(() => trashedNotes(store), [])
}

/** Moves a note to the trash (nothing is deleted). */
export function trashUserNote(noteId: string) {
  return trashNote(store, noteId, new Date())
}

/** Brings a note back from the trash. */
export function restoreTrashedNote(noteId: string) {
  return restoreNote(store, noteId)
}

/**
 * The cards a search finds (the first `limit`), kept current; undefined while searching.
 * `firstRowsOnly` stops at `limit` for a quick first screen.
 */
export function useSearch(query: string, settings: Settings, limit: number, firstRowsOnly = false) {
  return useLiveQuery(
    () => searchCards(store, query, settings, new Date(), limit, firstRowsOnly),
    [query, settings, limit, firstRowsOnly],
  )
}

/** Suspends, unsuspends or flags many cards at once; how many changed. */
export function changeManyCards(
  cardIds: readonly string[],
  action: Parameters<typeof changeCards>[2],
) {
  return changeCards(store, cardIds, action)
}

/** Moves these notes to the trash, in one transaction. */
export function trashNotesOf(noteIds: readonly string[]) {
  return trashNotes(store, noteIds, new Date())
}

/** Adds tags to, or removes tags from, these notes. */
export function retagManyNotes(noteIds: readonly string[], add: string[], remove: string[]) {
  return retagNotes(store, noteIds, { add, remove }, new Date())
}

/** Moves these notes (with their cards) to a deck. */
export function moveManyNotes(noteIds: readonly string[], deckId: string) {
  return moveNotes(store, scheduler, noteIds, deckId, new Date())
}

/** Makes these cards new again, or due in `inDays` study days. */
export function resetManyCards(
  cardIds: readonly string[],
  settings: Settings,
  inDays: number | null,
) {
  const now = new Date()
  return resetCards(
    store,
    scheduler,
    cardIds,
    inDays === null
      ? { kind: 'new' }
      : { kind: 'due', inDays, dayStart: studyDayAt(settings, now).start.getTime() },
    now,
  )
}

/** Opens an https link in the system browser (the host checks it against its allow-list). */
export function openExternal(url: string) {
  // The platform's method, not Electron's shell: the main process checks the URL.
  return platform.openExternal(url) // eng-disable OPEN_EXTERNAL_JS_CHECK
}

/**
 * Imports `data` in one transaction; the media cache learns the new files on next view. A
 * write the storage refuses is said in the app's words (nothing of it was written).
 */
export async function importData(data: CollectionData, conflict: ConflictChoice) {
  try {
    return await applyImport(store, data, conflict, new Date())
  } catch (e) {
    if (e instanceof ImportError || e instanceof EditError) throw e
    throw new Error(writeErrorMessage(e), { cause: e })
  }
}

/** The collection (or one deck of it, with the decks inside) as rows without media bytes, for a text export. */
export function collectionForExport(deckId?: string) {
  return exportCollection(store, { mediaBytes: false, ...(deckId ? { deckId } : {}) })
}

/** After a restore made elsewhere (the import worker): the media shown before are forgotten. */
export function forgetShownMedia() {
  forgetMediaUrls()
}

/** Stores a pasted or dropped file in the collection's media; resolves to its name. */
export async function storePastedFile(file: File): Promise<string> {
  return storePastedMedia(store, new Uint8Array(await file.arrayBuffer()), file.type, new Date())
}

/**
 * Statistics of a deck (and the decks inside it) or the whole collection, counted in a worker
 * so a large history never blocks the window; undefined while counting.
 */
export function useStatistics(settings: Settings, deckId: string | null) {
  const [found, setFound] = useState<{ key: string; stats: Statistics } | null>(null)
  const key = JSON.stringify([settings, deckId])
  useEffect(() => {
    let live = true
    // A transition: the screen's charts and tables (hundreds of rows for screen readers) render
    // in slices, so the window answers input while they appear.
    void statisticsInWorker(settings, deckId).then(
      (stats) => live && startTransition(() => setFound({ key, stats })),
    )
    return () => {
      live = false
    }
  }, [key, settings, deckId])
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

/** Sets or clears a deck's exam date. */
export function saveExamDate(deckId: string, date: string | null, cap: boolean) {
  return setExamDate(store, deckId, date, cap)
}

/** A deck's exam plan (null without an exam date); undefined while loading. */
export function useExamPlan(settings: Settings, deckId: string) {
  return useLiveQuery(() => examPlan(store, deckId, settings, new Date()), [settings, deckId])
}

/** The facts a mock exam on a deck can ask about. */
export function factsForExam(deckId: string) {
  return examFacts(store, deckId)
}

/** Past mock exams, oldest first; undefined while loading. */
export function useExamHistory() {
  return useLiveQuery(() => examHistory(store), [])
}

/** Keeps a finished mock exam in the history. */
export function saveExamRecord(record: ExamRecord) {
  return recordExam(store, record)
}

/** Makes the studied cards of missed notes due now. */
export function reviewMissed(noteIds: readonly string[]) {
  return sendToReview(store, noteIds, new Date())
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

/**
 * Saves accepted proposals as Cloze notes in the deck named `deckName` (made if there is none),
 * the document kept beside them: one transaction, as an import. Returns the deck and counts.
 */
export async function saveGeneratedDeck(
  doc: SourceDocument,
  accepted: readonly AcceptedProposal[],
  options: { file: string; deckName: string },
) {
  // Loaded with the screen that needs it, not at start-up.
  const { collectionFromProposals } = await import('../app/exchange/from-generated')
  const data = collectionFromProposals(doc, accepted, options, new Date())
  const summary = await importData(data, 'update')
  const name = data.decks[0]?.name ?? options.deckName
  const deck = (await store.listDecks()).find(
    (d) => d.deletedAt === undefined && d.name.toLowerCase() === name.toLowerCase(),
  )
  return { summary, deckId: deck?.id ?? data.decks[0]?.id ?? '', deckName: deck?.name ?? name }
}

/** Where a generated note came from, for "Show in source"; null when it has no source. */
export function useNoteSource(noteId: string | null, ord: number) {
  return useLiveQuery(async () => (noteId ? noteSource(store, noteId, ord) : null), [noteId, ord])
}
