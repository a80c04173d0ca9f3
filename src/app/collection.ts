import type { StoredReview, StoredState } from '../core/scheduling/stored-state'

/**
 * The collection's rows, as every store keeps them. Times are epoch milliseconds.
 * Identity follows Anki: a note has a `guid` (its id here), a card is its note + ordinal, the
 * deck is a column a card can change, and a review log's id is the answer time in ms.
 */

export interface DeckRow {
  id: string
  name: string
  description: string
  sourceTitle: string | null
  /** Built in (from `decks/`); imported and user decks come with the custom-deck issues. */
  origin: 'built-in' | 'user'
  updatedAt: number
  /** Fingerprint of the deck file last synced; an unchanged file is not synced again. */
  fingerprint?: number
  /** The position the next note added to this deck takes (new cards come in this order). */
  nextPosition?: number
  /** Set when the deck was moved to the trash (epoch ms); its notes, cards and history stay. */
  deletedAt?: number
  /** The preset of deck options it studies with; absent for the Default preset. */
  presetId?: string
  /** The day of the exam this deck prepares for (YYYY-MM-DD, local), if the user set one. */
  examDate?: string
  /** Keep every card's next review on or before the exam day (intervals capped to reach it). */
  examCap?: boolean
  /**
   * For a deck from an Anki package: the package collection's creation (`col.crt`, epoch
   * seconds), which its review cards' due days count from; an export counts from it again.
   */
  ankiCreated?: number
}

/** Nested deck names, as Anki's: `Exam::Treaties` is `Treaties` inside `Exam`. */
export const DECK_SEPARATOR = '::'

/**
 * The deepest a deck may nest (`A::B::C` is 3): the deck list draws every level, and a name
 * 500 levels deep once kept the window busy for minutes. Anki's own decks rarely pass five.
 */
export const MAX_DECK_DEPTH = 32

/** A note: written once, viewed through the cards its type makes. */
export interface NoteRow {
  /** The note's guid (Anki's `notes.guid`): stable across edits, imports and exports. */
  id: string
  typeId: string
  /** The deck new cards of this note go to. */
  deckId: string
  fields: Record<string, string>
  /**
   * For notes of a built-in deck: the field values the deck file last gave. A field whose
   * value differs from it was edited by the user and is never overwritten by an update.
   */
  shipped?: Record<string, string>
  tags: string[]
  /** Section path (the chapter's headings), outermost first; [] when the deck has none. */
  section: string[]
  /** The note's place in its deck: new cards are introduced in this order. */
  position: number
  /** 1 when the deck file no longer has it: its cards leave the queue, its history stays. */
  retired: 0 | 1
  modifiedAt: number
  /** When the note was added (epoch ms); absent on notes from before it was kept. */
  createdAt?: number
  /** Set when the note was moved to the trash (epoch ms); restoring brings it back whole. */
  deletedAt?: number
  /**
   * For a note made from a document (issue 10): the media file holding that document and the
   * paragraph the note came from, so studying can show it in its source.
   */
  source?: NoteSource
}

/** Where a generated note came from: the document (a media file) and its paragraph. */
export interface NoteSource {
  media: string
  block: number
}

/** Where a card is in the study cycle; the first three are ts-fsrs's states, indexed. */
export const Queue = {
  /** Not shown: its note was retired or its template no longer makes it. */
  Retired: -1,
  /** Not shown until the user unsuspends it (Anki's `@`, or a leech). */
  Suspended: -2,
  /** Not shown until its `buriedUntil` (the next study day; Anki's `-`). */
  Buried: -3,
  /** Its note is in the trash; `queueBeforeTrash` says where it goes back to. */
  Trashed: -4,
  New: 0,
  Learning: 1,
  Review: 2,
} as const
export type Queue = (typeof Queue)[keyof typeof Queue]

/**
 * Whether a card in `queue` counts toward its deck's cards (`Collection.countCards`): studied,
 * suspended or buried ones do; retired and trashed ones are not the deck's any more.
 */
export const isCounted = (queue: number) => queue !== Queue.Retired && queue !== Queue.Trashed

export type CardRow = StoredState & {
  /** `${noteId}#${ord}`: unambiguous whatever the guid holds, since the ordinal is digits. */
  id: string
  noteId: string
  /** The template (standard types) or cloze number − 1 (cloze types) this card shows. */
  ord: number
  deckId: string
  /** The note's position: siblings share it, as in Anki, so they come on following days. */
  position: number
  /** The note's section path as one key (each heading followed by U+001F), for prefix ranges. */
  sectionKey: string
  queue: Queue
  /** Bumped on every write; an answer names the revision it saw, or is refused. */
  revision: number
  /** Anki's flags: 0 none, 1 red, 2 orange, 3 green, 4 blue, 5 pink, 6 turquoise, 7 purple. */
  flag?: number
  /** For a buried card: when it comes back (epoch ms, the end of the day it was buried). */
  buriedUntil?: number
  /** For a card whose note is in the trash: the queue it returns to on restore. */
  queueBeforeTrash?: Queue
  /** For a card that came from Anki: what Anki kept that this app does not use, for export. */
  anki?: AnkiCardOrigin
}

/**
 * The columns of an Anki card this app does not schedule with, kept as imported so an export
 * gives them back unchanged (issue 20): its id, its SM-2 ease factor, its learning steps left,
 * and what else Anki kept in `cards.data` (original position, custom data) as JSON.
 */
export interface AnkiCardOrigin {
  id: number
  factor: number
  left: number
  /** `cards.data` without the memory keys this app writes itself (s, d, dr, decay, lrt); '' for none. */
  data: string
}

/**
 * An Anki revlog row's columns as imported, written back unchanged on export: the row's type
 * (0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled), the button (0 for none),
 * the interval and last interval (days, or negative seconds), the ease factor and the time.
 */
export interface AnkiReviewOrigin {
  type: number
  ease: number
  ivl: number
  lastIvl: number
  factor: number
  time: number
}

/**
 * One answer, append-only. A row with rating 0 (ts-fsrs's Manual) is history that is not an
 * answer — an Anki reschedule, reset, set due date or a filtered-deck preview: statistics show
 * it, the scheduler and the optimizer skip it.
 */
export type ReviewLogRow = StoredReview & {
  /** The answer time in ms, made unique (Anki's revlog id): the same history stored twice is stored once. */
  id: number
  cardId: string
  noteId: string
  /** Time from showing the card to the grade, capped (Anki: 60 s). */
  durationMs: number
  /** The card as it was before this answer, so undo restores it exactly (absent on imported history). */
  before?: CardRow
  /** Set when this answer made the note a leech (tagged it): undo takes the tag off again. */
  taggedLeech?: true
  /** For a row that came from Anki's revlog: its columns as they were. */
  anki?: AnkiReviewOrigin
  /**
   * For a log made on another device and synced here: its id there and that device. Its id
   * here differs only when two devices answered in the same millisecond.
   */
  origin?: { device: string; id: number }
  /**
   * The time zone the answer was given in (an IANA name), whose study days the scheduler
   * counted: a device elsewhere replays it in them, so every device computes the same card.
   * Absent on imported history and on answers from before it was recorded (they replay in the
   * replaying device's zone).
   */
  zone?: string
}

/**
 * A media file notes refer to by name (`<img src="name.png">`, `[sound:name.mp3]`), as Anki's
 * media folder. Its bytes are stored apart, under their content hash (`MediaContentRow`): an
 * import writes a package's files one at a time before its notes, so memory holds one file at
 * a time whatever the package's size, and one file is stored once whatever its names.
 */
export interface MediaRow {
  name: string
  /** MIME type, from the name's extension. */
  type: string
  size: number
  addedAt: number
  /** SHA-256 of the bytes, in hex: the key of its `MediaContentRow`. */
  hash: string
}

/**
 * A media file's bytes, by content hash. Bytes rather than a Blob: every store and host clones
 * them (Chromium keeps large values as blob files on disk either way).
 */
export interface MediaContentRow {
  hash: string
  data: Uint8Array
}

export interface SettingRow {
  key: string
  value: unknown
}

/** The tables whose rows merge whole in sync, newest edit winning: a losing version is kept. */
export type VersionedTable = 'notes' | 'decks' | 'presets' | 'settings'

/**
 * A version of a note, deck, preset or shared setting that lost to a newer edit made elsewhere
 * (sync, issue 22): kept so the user can see it and bring it back. Never changed once written.
 */
export interface VersionRow {
  /** `table:key:at:by`: the same lost version has the same id on every device. */
  id: string
  table: VersionedTable
  /** The id of the row it is a version of (a setting's key). */
  key: string
  /** When that version was made (epoch ms), and on which device. */
  at: number
  by: string
  /** When it was kept here (epoch ms). */
  keptAt: number
  /** The row as that version had it: a NoteRow, DeckRow, Preset or SettingRow, as `table` says. */
  row: Record<string, unknown>
}

/** The key of a versioned table's row: a setting's key, the others' id. */
export const versionedKeyOf = (table: VersionedTable, row: Record<string, unknown>) =>
  row[table === 'settings' ? 'key' : 'id']

/** The id a kept version has on every device. */
export const versionIdOf = (table: VersionedTable, key: string, at: number, by: string) =>
  `${table}:${key}:${at}:${by}`

/** A card's id from its note and ordinal. */
export const cardIdOf = (noteId: string, ord: number) => `${noteId}#${ord}`

/** The note a card id belongs to (everything before the last `#`). */
export const noteIdOf = (cardId: string) => cardId.slice(0, cardId.lastIndexOf('#'))

/** Ends each heading in a section key. */
export const SECTION_END = '\u001f'

/** The key of a section path; a section's key is a prefix of every key inside it. */
export const sectionKeyOf = (path: readonly string[]) => path.map((p) => p + SECTION_END).join('')

/** The section path a key was made from. */
export const sectionPathOf = (key: string) => key.split(SECTION_END).slice(0, -1)

/** Whether a card is in one of the queues studied today's cards come from. */
export const isStudiable = (c: { queue: number }) => c.queue >= 0

/** Whether a card is part of the collection (not retired by its deck file, not in the trash). */
export const isInCollection = (c: { queue: number }) =>
  c.queue !== Queue.Retired && c.queue !== Queue.Trashed

/** The queue a scheduling state puts a card in. */
export const queueOf = (state: number): Queue =>
  state === 0 ? Queue.New : state === 2 ? Queue.Review : Queue.Learning

/**
 * What a history row that is not an answer (rating 0) was, in Anki's words: a filtered-deck
 * preview, a reset to new, a set due date or a rescheduling.
 */
export function nonAnswerName(log: Pick<ReviewLogRow, 'anki'>): string {
  const a = log.anki
  if (!a) return 'Manual'
  if (a.type === 3) return 'Preview (not counted)'
  if (a.type === 4) return a.factor === 0 ? 'Reset to new' : 'Set due date'
  if (a.type === 5) return 'Rescheduled'
  return 'Manual'
}
