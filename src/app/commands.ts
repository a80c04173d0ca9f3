import { bringBackVersion } from './versions'
import type { Scheduler } from '../core/scheduling/scheduler'
import type { SourceDocument } from '../core/generate/document'
import { answerCard, undoAnswer, type AnswerInput, type AnswerReceipt } from './answer'
import {
  changeCard,
  changeCards,
  resetCards,
  unburyCards,
  undoCardChange,
  undoCardChanges,
  type CardAction,
  type CardChange,
} from './card-actions'
import type { Collection } from './collection-writes'
import {
  addNote,
  createDeck,
  editNote,
  undoEdit,
  type EditReceipt,
  moveNotes,
  renameDeck,
  restoreDeck,
  restoreNote,
  restoreNotes,
  retagNotes,
  trashDeck,
  trashNotes,
  type NoteInput,
} from './editing'
import { setExamDate } from './exam-plan'
import type { AcceptedProposal } from './exchange/from-generated'
import { applyImport, type ConflictChoice, type ImportSummary } from './exchange/import-collection'
import { storePastedMedia } from './media'
import { recordExam, sendToReview, type ExamRecord } from './mock-exam'
import { updatePreset } from './optimize'
import { setDeckPreset, type Preset } from './presets'
import { writeSetting, type Settings } from './settings'
import { studyDayAt } from './study-queue'

/**
 * What the commands need of the host they run in. The host's own work (a backup written to
 * its folder, rescheduling in a worker, an import read and written by a worker) comes in here,
 * so the commands and their rules are the same in every host and in the tests.
 */
export interface CommandHost {
  readonly collection: Collection
  readonly scheduler: Scheduler
  /** Writes a backup of the collection as it is now. */
  backup(): Promise<unknown>
  /**
   * The app's words for a failure of the storage itself (a full disk, a closed database);
   * null for any other error, which is passed on as it is (it already says what is wrong).
   */
  storageFailure(error: unknown): string | null
  /** `length` random characters for a new id. */
  randomId(length: number): string
  now(): Date
  /** Rescheduling a preset's cards elsewhere (a worker); without it they are rescheduled here. */
  reschedule?(request: RescheduleRequest): Promise<number>
}

export interface RescheduleRequest {
  preset: Preset
  deckId: string
  settings: Settings
}

/** An import already read and planned, written when asked (the import worker's session). */
export interface PlannedImport {
  apply(conflict: ConflictChoice, replace: boolean): Promise<ImportSummary | null>
}

/** A command could not back the collection up first, so it changed nothing. */
export class BackupFirstError extends Error {
  override name = 'BackupFirstError'
}

type Command<A extends unknown[], R> = (...args: A) => Promise<R>

/**
 * Every write the app's screens can ask for, grouped by what it changes. Each command is one
 * use case (one transaction), with the rules every write follows applied here once:
 * - work that rewrites much of the collection (an import, a restore, a reschedule) writes a
 *   backup first, and does nothing when it cannot;
 * - a failure of the storage itself is said in the app's words (`storageFailure`); an error a
 *   use case raised to explain itself (an EditError, an ImportError) is passed on as it is;
 * - change notification is the Collection's (`onCommit`, and its channel for workers' writes).
 */
export function makeCommands(host: CommandHost) {
  const { collection: store, scheduler } = host

  function command<A extends unknown[], R>(
    run: Command<A, R>,
    backupFirst?: (...args: A) => boolean,
  ): Command<A, R> {
    return async (...args) => {
      if (backupFirst?.(...args)) {
        try {
          await host.backup()
        } catch (e) {
          throw new BackupFirstError(
            `A backup of the collection could not be written first, so nothing was changed (${e instanceof Error ? e.message : String(e)}).`,
            { cause: e },
          )
        }
      }
      try {
        return await run(...args)
      } catch (e) {
        const words = host.storageFailure(e)
        if (words === null) throw e
        throw new Error(words, { cause: e })
      }
    }
  }

  return {
    settings: {
      /** Saves one setting. */
      update: command(<K extends keyof Settings>(key: K, value: Settings[K]) =>
        writeSetting(store, key, value),
      ),
    },
    decks: {
      /** Creates one of the user's decks; an EditError says what is wrong with the name. */
      create: command((name: string) =>
        createDeck(store, { id: `deck-${host.randomId(8)}`, name }, host.now()),
      ),
      /** Renames a deck of the user's and the decks inside it. */
      rename: command((id: string, name: string) => renameDeck(store, id, name, host.now())),
      /** Moves a deck and the decks inside it to the trash; nothing is deleted. */
      trash: command((id: string) => trashDeck(store, id, host.now())),
      /** Brings a deck back from the trash. */
      restore: command((id: string) => restoreDeck(store, id)),
      /**
       * Gives the deck a preset, saving it first when it was changed (`preset`); with
       * `reschedule`, the preset's cards are rescheduled from their history in the same
       * transaction, after a backup. Returns how many cards were rescheduled.
       */
      saveOptions: command(
        (
          deckId: string,
          presetId: string,
          preset: Preset | null,
          options: { settings: Settings; reschedule: boolean },
        ): Promise<number> => {
          if (!preset) return setDeckPreset(store, deckId, presetId).then(() => 0)
          if (options.reschedule && host.reschedule)
            return host.reschedule({ preset, deckId, settings: options.settings })
          return updatePreset(store, preset, { ...options, deckId })
        },
        (_deck, _id, preset, options) => preset !== null && options.reschedule,
      ),
      /** Sets or clears a deck's exam date. */
      setExam: command((deckId: string, date: string | null, cap: boolean) =>
        setExamDate(store, deckId, date, cap),
      ),
    },
    notes: {
      /** Adds a note with a fresh guid; an EditError says why it cannot be saved. */
      add: command((input: Omit<NoteInput, 'guid'>) =>
        addNote(store, scheduler, { ...input, guid: host.randomId(10) }, host.now()),
      ),
      /** Saves an edited note (and moves it to `deckId`). */
      edit: command(
        (noteId: string, fields: Record<string, string>, tags: string[], deckId?: string) =>
          editNote(
            store,
            scheduler,
            { noteId, fields, tags, ...(deckId ? { deckId } : {}) },
            host.now(),
          ),
      ),
      /** Takes a saved edit back, or says why it cannot (an EditError; nothing written). */
      undoEdit: command((receipt: EditReceipt) => undoEdit(store, receipt, host.now())),
      /** Moves these notes to the trash, all or none (nothing is deleted). */
      trash: command((noteIds: readonly string[]) => trashNotes(store, noteIds, host.now())),
      /** Brings a note back from the trash. */
      restore: command((noteId: string) => restoreNote(store, noteId)),
      /** Brings notes back from the trash, all or none (undo of a bulk trash). */
      restoreMany: command((noteIds: readonly string[]) => restoreNotes(store, noteIds)),
      /** Adds tags to, or removes tags from, these notes. */
      retag: command((noteIds: readonly string[], add: string[], remove: string[]) =>
        retagNotes(store, noteIds, { add, remove }, host.now()),
      ),
      /** Moves these notes (with their cards) to a deck. */
      move: command((noteIds: readonly string[], deckId: string) =>
        moveNotes(store, scheduler, noteIds, deckId, host.now()),
      ),
    },
    versions: {
      /** Makes a version kept from a sync conflict the current one again (a new edit). */
      bringBack: command((id: string) => bringBackVersion(store, scheduler, id, host.now())),
    },
    cards: {
      /** Suspends, unsuspends or flags many cards at once; how many changed. */
      changeMany: command(
        (cardIds: readonly string[], action: Exclude<CardAction, { kind: 'bury' }>) =>
          changeCards(store, cardIds, action),
      ),
      /** Takes a bulk change back, all or none (a StaleCardError when a card changed since). */
      undoMany: command((changes: readonly CardChange[]) => undoCardChanges(store, changes)),
      /** Makes these cards new again, or due in `inDays` study days. */
      reset: command((cardIds: readonly string[], settings: Settings, inDays: number | null) => {
        const now = host.now()
        return resetCards(
          store,
          scheduler,
          cardIds,
          inDays === null
            ? { kind: 'new' }
            : { kind: 'due', inDays, dayStart: studyDayAt(settings, now).start.getTime() },
          now,
        )
      }),
      /** Brings back the cards buried on an earlier study day. */
      unbury: command(() => unburyCards(store, host.now())),
    },
    study: {
      /** Answers the card (its log and new state in one transaction). */
      answer: command((cardScheduler: Scheduler, input: AnswerInput) =>
        answerCard(store, cardScheduler, input),
      ),
      /** Takes an answer back: the card as it was, its log gone. */
      undoAnswer: command((receipt: AnswerReceipt) => undoAnswer(store, receipt)),
      /**
       * Buries (until `dayEnd`), suspends or flags the card shown; its revision must be the one
       * shown.
       */
      change: command((cardId: string, revision: number, action: CardAction, dayEnd: number) =>
        changeCard(store, cardId, revision, action, dayEnd),
      ),
      /** Takes a bury, suspend or flag back. */
      undoChange: command((change: CardChange) => undoCardChange(store, change)),
    },
    exams: {
      /** Keeps a finished mock exam in the history. */
      record: command((record: ExamRecord) => recordExam(store, record)),
      /** Makes the studied cards of missed notes due now. */
      reviewMissed: command((noteIds: readonly string[]) =>
        sendToReview(store, noteIds, host.now()),
      ),
    },
    media: {
      /** Stores a pasted or dropped file in the collection's media; resolves to its name. */
      storePasted: command((bytes: Uint8Array, type: string) =>
        storePastedMedia(store, bytes, type, host.now()),
      ),
    },
    exchange: {
      /**
       * Writes an import read and planned elsewhere (`replace`: a restore, the collection
       * replaced by the backup), after a backup of the collection as it is.
       */
      apply: command(
        (job: PlannedImport, conflict: ConflictChoice, replace: boolean) =>
          job.apply(conflict, replace),
        () => true,
      ),
      /**
       * Saves accepted proposals as Cloze notes in the deck named `deckName` (made if there is
       * none), the document kept beside them: one transaction, as an import.
       */
      saveGenerated: command(
        async (
          doc: SourceDocument,
          accepted: readonly AcceptedProposal[],
          options: { file: string; deckName: string },
        ) => {
          // Loaded with the screen that needs it, not at start-up.
          const { collectionFromProposals } = await import('./exchange/from-generated')
          const data = collectionFromProposals(doc, accepted, options, host.now())
          const summary = await applyImport(store, data, 'update', host.now())
          const name = data.decks[0]?.name ?? options.deckName
          const deck = (await store.listDecks()).find(
            (d) => d.deletedAt === undefined && d.name.toLowerCase() === name.toLowerCase(),
          )
          return {
            summary,
            deckId: deck?.id ?? data.decks[0]?.id ?? '',
            deckName: deck?.name ?? name,
          }
        },
      ),
    },
  }
}

/** The typed map of every command, as the host made it. */
export type Commands = ReturnType<typeof makeCommands>
