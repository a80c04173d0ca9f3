import { z } from 'zod'
import type { NoteType } from '../../core/notes/note-types'
import type { StoredState } from '../../core/scheduling/stored-state'
import {
  versionIdOf,
  type CardRow,
  type DeckRow,
  type MediaRow,
  type NoteRow,
  type ReviewLogRow,
  type SettingRow,
  type VersionRow,
} from '../collection'
import type { Preset } from '../presets'
import { contentHash } from '../../core/media/content-hash'
import { contentHashSchema, mediaFields, rowSchemas } from '../exchange/collection-check'

/**
 * The documents a collection is kept as on a CouchDB server (issue 22). Each user row is one
 * document; which version of a document wins is decided here, the same way on every device:
 *
 * - decks, note types, notes, presets and shared settings: the newest edit (`at`, then the
 *   device `by`) wins whole; the others stay in the replica as CouchDB conflicts until the
 *   next push resolves them.
 * - review logs: append-only, one document per answer, never edited (an undo deletes it).
 * - kept versions (a losing version of a note, deck, preset or shared setting): written once,
 *   never edited; the same loss found on two devices is one document.
 * - cards: what a user sets on a card (deck, flag, suspended, buried) are separate registers,
 *   each won by its newest setting, so a suspend on one device and a flag on another both
 *   stay; the scheduling state is a base (the card as created, imported, reset or
 *   rescheduled) followed by every answer after it in time order, from every device.
 */
export const SYNC_DOC_VERSION = 1

/** Who made a version of a document, and when (epoch ms). */
export interface Stamp {
  at: number
  by: string
}

/** Whether `a` is newer than `b`: later, or at the same moment from the greater device id. */
export const isNewer = (a: Stamp, b: Stamp) => (a.at !== b.at ? a.at > b.at : a.by > b.by)

/** The newest of some stamped versions (the first of equals). */
export function newest<T extends Stamp>(versions: readonly T[]): T | undefined {
  let best: T | undefined
  for (const v of versions) if (!best || isNewer(v, best)) best = v
  return best
}

/** A value set by one device at one moment: the newest setting wins. */
export interface Register<T> extends Stamp {
  v: T
}

/** A card's scheduling state at a moment answers are replayed from. */
export interface CardBase extends Stamp {
  state: StoredState
}

/** What a card document holds: the card's place and registers, and its scheduling base. */
export interface CardBody {
  noteId: string
  ord: number
  position: number
  sectionKey: string
  anki?: CardRow['anki']
  deckId: Register<string>
  flag: Register<number>
  suspended: Register<boolean>
  /** Epoch ms the card is buried until; 0 for not buried. */
  buriedUntil: Register<number>
  base: CardBase
}

/** A log as synced: without the card it replaced (that is for undo on the device that answered). */
export type LogBody = Omit<ReviewLogRow, 'before' | 'taggedLeech' | 'origin'>

/**
 * A media file's bytes, once per content hash: the document's `data` attachment (inside the
 * ciphertext when encrypted). Its name and type are the `media` documents that point at it.
 */
export interface BlobBody {
  hash: string
  size: number
}

interface Bodies {
  media: MediaRow
  blob: BlobBody
  deck: DeckRow
  noteType: NoteType
  note: NoteRow
  preset: Preset
  setting: SettingRow
  log: LogBody
  card: CardBody
  version: VersionRow
}
export type DocKind = keyof Bodies

export type SyncDocOf<K extends DocKind> = Stamp & {
  _id: string
  _rev?: string
  _deleted?: boolean
  _conflicts?: string[]
  kind: K
  v: typeof SYNC_DOC_VERSION
  body: Bodies[K]
  /**
   * For a document that merges whole: the `meaningHash` of each version it was made over
   * (the versions its device had, and what they had seen). A conflicting version listed here
   * did not lose: the winner was made knowing it.
   */
  seen?: string[]
}
export type SyncDoc = { [K in DocKind]: SyncDocOf<K> }[DocKind]

/** The settings every device shares; the others (theme, the welcome) are this device's own. */
export const SHARED_SETTINGS: ReadonlySet<string> = new Set([
  'rolloverHour',
  'newPerDay',
  'reviewsPerDay',
  'leechThreshold',
  'leechAction',
  'mockExams',
])

/** How many earlier versions a document remembers having seen. */
export const MAX_SEEN = 32

/**
 * The part of a row a user decides, for telling a lost edit from bookkeeping: two versions of a
 * deck that differ only in the position its next note takes are not a loss.
 */
export function meaningOf(kind: DocKind, body: object): unknown {
  if (kind === 'note') {
    const { fields, tags, deckId, deletedAt } = body as NoteRow
    return { fields, tags, deckId, deletedAt }
  }
  if (kind === 'deck') {
    const { name, description, deletedAt, presetId, examDate, examCap } = body as DeckRow
    return { name, description, deletedAt, presetId, examDate, examCap }
  }
  return body
}

/** JSON with every object's keys in order, undefined values left out: equal data, equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`
  return JSON.stringify(value) ?? 'null'
}

/** A version's meaning as a hash (SHA-256 in hex), what a document's `seen` lists. */
export const meaningHash = (kind: DocKind, body: object) =>
  contentHash(new TextEncoder().encode(canonicalJson(meaningOf(kind, body))))

/** A log's document id: its id and device where it was made, unique across devices. */
export const logDocId = (id: number, device: string) => `log:${id}:${device}`

export const docIdOf = {
  // A file's name is the user's words: the id carries its hash, so an encrypted server learns
  // nothing of it.
  media: (name: string) => `media:${contentHash(new TextEncoder().encode(name))}`,
  blob: (hash: string) => `blob:${hash}`,
  deck: (id: string) => `deck:${id}`,
  noteType: (id: string) => `noteType:${id}`,
  note: (id: string) => `note:${id}`,
  preset: (id: string) => `preset:${id}`,
  setting: (key: string) => `setting:${key}`,
  card: (id: string) => `card:${id}`,
  version: (id: string) => `version:${id}`,
}

/**
 * The largest document accepted from a server, as JSON text: a chapter note is about 3 KB, a
 * note type with long templates tens of KB; anything past this is refused, not stored.
 */
export const MAX_DOC_CHARS = 1_000_000

const stamp = { at: z.number().int().min(0), by: z.string().max(64) }
const register = <T extends z.ZodType>(value: T) => z.object({ ...stamp, v: value })

const cardBody = z.object({
  noteId: z.string().min(1),
  ord: z.number().int().min(0),
  position: z.number().finite(),
  sectionKey: z.string(),
  anki: rowSchemas.card.shape.anki,
  deckId: register(z.string().min(1)),
  flag: register(z.number().int().min(0).max(7)),
  suspended: register(z.boolean()),
  buriedUntil: register(z.number().int().min(0)),
  base: z.object({
    ...stamp,
    state: rowSchemas.card.pick({
      due: true,
      last_review: true,
      stability: true,
      difficulty: true,
      elapsed_days: true,
      scheduled_days: true,
      learning_steps: true,
      reps: true,
      lapses: true,
      state: true,
    }),
  }),
})

/** The largest media file sync carries (Anki's own limit for one file is 100 MB). */
export const MAX_MEDIA_BYTES = 100 * 2 ** 20

const bodySchemas: Record<DocKind, z.ZodType> = {
  media: mediaFields.extend({ hash: contentHashSchema }),
  blob: z.object({ hash: contentHashSchema, size: z.number().int().min(0).max(MAX_MEDIA_BYTES) }),
  deck: rowSchemas.deck,
  noteType: rowSchemas.noteType,
  note: rowSchemas.note,
  preset: rowSchemas.preset,
  setting: rowSchemas.setting,
  log: rowSchemas.log.omit({ before: true, taggedLeech: true, origin: true }),
  card: cardBody,
  version: rowSchemas.version,
}

const envelope = z.object({
  _id: z.string().min(1),
  _rev: z.string().optional(),
  kind: z.enum(Object.keys(bodySchemas) as [DocKind, ...DocKind[]]),
  v: z.literal(SYNC_DOC_VERSION),
  ...stamp,
  body: z.unknown(),
  seen: z.array(contentHashSchema).max(MAX_SEEN).optional(),
})

/** The key a document's id must carry for its body (a note document holds that note). */
function idProblem(doc: SyncDoc): string | null {
  const b = doc.body as unknown as Record<string, unknown>
  const expected =
    doc.kind === 'log'
      ? doc._id.startsWith(`log:${String(b['id'])}:`)
      : doc.kind === 'setting'
        ? doc._id === docIdOf.setting(String(b['key']))
        : doc.kind === 'card'
          ? doc._id.startsWith('card:') && doc._id.slice(5).startsWith(`${String(b['noteId'])}#`)
          : doc.kind === 'media'
            ? doc._id === docIdOf.media(String(b['name']))
            : doc.kind === 'blob'
              ? doc._id === docIdOf.blob(String(b['hash']))
              : doc.kind === 'version'
                ? doc._id === docIdOf.version(doc.body.id) &&
                  doc.body.id ===
                    versionIdOf(doc.body.table, doc.body.key, doc.body.at, doc.body.by)
                : doc._id === docIdOf[doc.kind](String(b['id']))
  return expected ? null : 'its id does not name what it holds'
}

/** Why a document from a server cannot be used, or null: too large, not of this app, invalid. */
export function docProblem(doc: unknown): string | null {
  if ((doc as { undecryptable?: boolean } | null)?.undecryptable)
    return 'it cannot be opened with this passphrase (sealed with another key)'
  // A media file's bytes are its attachment, checked against its hash when read.
  const { _attachments: _a, ...rest } = (doc ?? {}) as Record<string, unknown>
  const size = JSON.stringify(rest)?.length ?? 0
  if (size > MAX_DOC_CHARS)
    return `${size} characters, more than any real document (${MAX_DOC_CHARS})`
  const parsed = envelope.safeParse(doc)
  if (!parsed.success) return firstIssue(parsed.error)
  const body = bodySchemas[parsed.data.kind].safeParse(parsed.data.body)
  if (!body.success) return firstIssue(body.error, 'body')
  if (parsed.data.kind === 'setting' && !SHARED_SETTINGS.has((body.data as SettingRow).key))
    return 'not a shared setting'
  const version = parsed.data.kind === 'version' ? (body.data as VersionRow) : null
  if (version?.table === 'settings' && !SHARED_SETTINGS.has(version.key))
    return 'a version of a setting that is not shared'
  return idProblem(doc as SyncDoc)
}

function firstIssue(error: z.ZodError, prefix?: string): string {
  const issue = error.issues[0]
  if (!issue) return 'invalid'
  const path = [...(prefix ? [prefix] : []), ...issue.path.map(String)].join('.')
  return path ? `${path}: ${issue.message}` : issue.message
}

/** Two JSON values equal as data (key order aside); what decides whether a row changed. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => sameData(x, b[i]))
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined)
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined)
  return (
    ka.length === kb.length &&
    ka.every((k) => sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  )
}
