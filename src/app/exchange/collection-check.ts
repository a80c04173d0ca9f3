import { z } from 'zod'
import { issueText } from '../../core/decks/parse-deck'
import { ImportError } from '../../core/formats/import-error'
import { LATEST_TIME } from '../../core/formats/time-range'
import { CardState, Rating } from '../../core/scheduling/scheduler'
import { MAX_DECK_DEPTH, Queue, versionedKeyOf } from '../collection'
import { presetSchema } from '../presets'
import { isSettingKey, settingValueProblem } from '../settings'
import { MAX_STABILITY } from '../../core/scheduling/scheduler'
import type { CollectionData } from './collection-data'
import { DAY_MS } from '../../core/units'

/**
 * One check of every value a collection's rows may hold (issue 19), run on whatever an import
 * reads — an Anki package, a CSV file, a backup — before anything is written, and by
 * `npm run cli -- validate`: a value that cannot be right is refused with its record and
 * field named, never stored to turn up later as "Invalid Date" or "NaN d".
 */

/** FSRS's bounds: stability in days (ts-fsrs clamps it to 36,500), difficulty 1–10 (0 while new). */
export { MAX_STABILITY }
export const MAX_DIFFICULTY = 10
/** Days between two times in range. */
const MAX_DAYS = Math.ceil(LATEST_TIME / DAY_MS)
/** Anki's cloze numbers stop well short of this; a standard type's ordinals are its templates. */
const MAX_ORDINAL = 9_999

const id = z.string().min(1)
/** A key taken from the file (a field's name): never one that would reach an object's prototype. */
const ownKey = z.string().refine((k) => k !== '__proto__', 'the name "__proto__" is not allowed')
export const time = z
  .number()
  .finite()
  .min(0, 'a time before 1970')
  .max(LATEST_TIME, 'a time after the year 2200')
const count = z.number().int().min(0)
const days = z.number().finite().min(0).max(MAX_DAYS, `more than ${MAX_DAYS} days`)
const stability = z.number().finite().min(0).max(MAX_STABILITY, `more than ${MAX_STABILITY} days`)
const difficulty = z.number().finite().min(0).max(MAX_DIFFICULTY, `more than ${MAX_DIFFICULTY}`)

const storedState = {
  due: time,
  last_review: time.optional(),
  stability,
  difficulty,
  elapsed_days: days,
  scheduled_days: days,
  learning_steps: count,
  reps: count,
  lapses: count,
  state: z.enum(CardState),
}

const noteTypeSchema = z.object({
  id,
  name: z.string(),
  kind: z.enum(['standard', 'cloze']),
  fields: z.array(ownKey),
  templates: z.array(
    z.object({
      name: z.string(),
      front: z.string(),
      back: z.string(),
      context: z.string().optional(),
    }),
  ),
  sortField: count.max(MAX_ORDINAL).optional(),
  css: z.string().optional(),
  ankiTemplates: z.array(z.object({ front: z.string(), back: z.string() })).optional(),
})

const deckSchema = z.object({
  id,
  name: z
    .string()
    .min(1)
    .refine((n) => n.split('::').some((part) => part.trim() !== ''), 'a deck name with no words')
    .refine(
      (n) => n.split('::').length <= MAX_DECK_DEPTH,
      `a deck nested more than ${MAX_DECK_DEPTH} levels deep`,
    ),
  description: z.string(),
  sourceTitle: z.string().nullable(),
  origin: z.enum(['built-in', 'user']),
  updatedAt: time,
  fingerprint: z.number().optional(),
  nextPosition: count.optional(),
  deletedAt: time.optional(),
  presetId: z.string().optional(),
  examDate: z.iso.date('not a date (YYYY-MM-DD)').optional(),
  examCap: z.boolean().optional(),
  ankiCreated: z
    .number()
    .int()
    .min(0)
    .max(LATEST_TIME / 1000)
    .optional(),
})

const noteSchema = z.object({
  id,
  typeId: id,
  deckId: id,
  fields: z.record(ownKey, z.string()),
  shipped: z.record(ownKey, z.string()).optional(),
  tags: z.array(z.string()),
  section: z.array(z.string()),
  position: z.number().finite(),
  retired: z.union([z.literal(0), z.literal(1)]),
  modifiedAt: time,
  createdAt: time.optional(),
  deletedAt: time.optional(),
  source: z.object({ media: z.string().min(1), block: count }).optional(),
})

const queue = z.literal(Object.values(Queue))

/** An Anki column as imported: an exact integer (Anki's are 64-bit; JSON keeps 53 bits). */
const ankiInteger = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER)

const ankiCardOrigin = z.object({
  id: ankiInteger.min(1),
  factor: ankiInteger,
  left: ankiInteger,
  data: z.string(),
})

const ankiReviewOrigin = z.object({
  type: ankiInteger,
  ease: ankiInteger,
  ivl: ankiInteger,
  lastIvl: ankiInteger,
  factor: ankiInteger,
  time: ankiInteger,
})

const cardSchema = z.object({
  ...storedState,
  id,
  noteId: id,
  ord: count.max(MAX_ORDINAL),
  deckId: id,
  position: z.number().finite(),
  sectionKey: z.string(),
  queue,
  revision: count,
  flag: z.number().int().min(0).max(7).optional(),
  buriedUntil: time.optional(),
  queueBeforeTrash: queue.optional(),
  anki: ankiCardOrigin.optional(),
})

const logSchema = z.object({
  /** The answer time in ms, as Anki's revlog ids. */
  id: z.number().int().min(0).max(LATEST_TIME, 'a time after the year 2200'),
  cardId: id,
  noteId: id,
  durationMs: z.number().finite().min(0),
  rating: z.enum(Rating),
  state: z.enum(CardState),
  due: time,
  stability,
  difficulty,
  elapsed_days: days,
  last_elapsed_days: days,
  scheduled_days: days,
  learning_steps: count,
  review: time,
  before: cardSchema.optional(),
  taggedLeech: z.literal(true).optional(),
  anki: ankiReviewOrigin.optional(),
  /** For a log made on another device and synced here: its id there and that device. */
  origin: z.object({ device: z.string().min(1).max(64), id: z.number().int().min(0) }).optional(),
  /** The time zone it was answered in ("Asia/Tokyo"); one this runtime lacks replays in its own. */
  zone: z
    .string()
    .regex(/^[A-Za-z0-9_+\-/]{1,64}$/, 'not a time zone name')
    .optional(),
})

export const mediaFields = z.object({
  name: z.string().min(1),
  type: z.string(),
  size: count,
  addedAt: time,
})

/** A media file's content hash (SHA-256 in hex), the key its bytes are stored under. */
export const contentHashSchema = z.string().regex(/^[0-9a-f]{64}$/)

const settingSchema = z
  .object({ key: z.string().min(1), value: z.unknown() })
  .superRefine(({ key, value }, ctx) => {
    const problem = settingValueProblem(key, value)
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['key'] })
  })

/** A kept version (sync's losers): its row checked as that table's rows are. */
const versionSchema = z
  .object({
    id: z.string().min(1).max(2_000),
    table: z.enum(['notes', 'decks', 'presets', 'settings']),
    key: z.string().min(1),
    at: time,
    by: z.string().max(64),
    keptAt: time,
    row: z.record(z.string(), z.unknown()),
  })
  .superRefine((v, ctx) => {
    const schema = {
      notes: noteSchema,
      decks: deckSchema,
      presets: presetSchema,
      settings: settingSchema,
    }[v.table]
    const row = schema.safeParse(v.row)
    if (!row.success) {
      const issue = row.error.issues[0]
      ctx.addIssue({
        code: 'custom',
        message: issue?.message ?? 'invalid',
        path: ['row', ...(issue?.path ?? []).map((p) => (typeof p === 'symbol' ? String(p) : p))],
      })
    } else if (versionedKeyOf(v.table, v.row) !== v.key)
      ctx.addIssue({ code: 'custom', message: 'is not the row the version is of', path: ['key'] })
    // A setting's version is of a setting the user chose (not the exams' history, not sync's
    // own bookkeeping).
    else if (v.table === 'settings' && !isSettingKey(v.key))
      ctx.addIssue({
        code: 'custom',
        message: 'is not a setting a version is kept of',
        path: ['key'],
      })
  })

/** One row of each table, checked as a backup's rows are (sync checks what a server sends with them). */
export const rowSchemas = {
  noteType: noteTypeSchema,
  deck: deckSchema,
  preset: presetSchema,
  note: noteSchema,
  card: cardSchema,
  log: logSchema,
  setting: settingSchema,
  version: versionSchema,
}

/** The tables of a collection, as a backup and an import hold them (media apart: bytes or base64). */
export const collectionRows = {
  noteTypes: z.array(noteTypeSchema),
  decks: z.array(deckSchema),
  presets: z.array(presetSchema),
  notes: z.array(noteSchema),
  cards: z.array(cardSchema),
  reviewLogs: z.array(logSchema),
  settings: z.array(settingSchema),
  /** Absent from backups made before kept versions existed, and from deck exports. */
  versions: z.array(versionSchema).optional(),
}

const collectionSchema = z.object({
  ...collectionRows,
  media: z.array(
    mediaFields.extend({
      hash: contentHashSchema,
      data: z.instanceof(Uint8Array).optional(),
    }),
  ),
})

/** A problem's place in the rows: `cards[3].due`. */
export function placeOf(path: readonly PropertyKey[]) {
  return (
    path.reduce<string>(
      (out, key) =>
        typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key),
      '',
    ) || '(top level)'
  )
}

/** Every problem of a zod parse, each with its place and reason. */
export const issuesOf = (error: z.ZodError) =>
  error.issues.map((i) => `${placeOf(i.path)}: ${issueText(i.message)}`)

/** Every value of `data` that cannot be right, and every row that points at nothing, with its place. */
export function collectionProblems(data: CollectionData): string[] {
  const parsed = collectionSchema.safeParse(data)
  if (!parsed.success) return issuesOf(parsed.error)
  return referenceProblems(data)
}

/** Throws ImportError naming the first problems of `data`, if it has any. */
export function assertUsable(data: CollectionData, file: string, what = 'not importable') {
  const problems = collectionProblems(data)
  if (problems.length === 0) return
  const more = problems.length > 3 ? ` (and ${problems.length - 3} more problems)` : ''
  throw new ImportError(file, null, `${what}: ${problems.slice(0, 3).join('; ')}${more}`)
}

/** Ids that appear twice in one table: the second would silently replace the first. */
function duplicateIds<T>(rows: readonly T[], table: string, idOf: (row: T) => string | number) {
  const problems: string[] = []
  const first = new Map<string | number, number>()
  rows.forEach((row, i) => {
    const key = idOf(row)
    const seen = first.get(key)
    if (seen === undefined) first.set(key, i)
    else
      problems.push(
        `${table}[${i}].id: ${JSON.stringify(key)} appears twice (also ${table}[${seen}])`,
      )
  })
  return problems
}

/** Rows that point at rows the collection does not have, ids twice, ordinals beyond the type. */
export function referenceProblems(data: CollectionData): string[] {
  const problems: string[] = [
    ...duplicateIds(data.noteTypes, 'noteTypes', (t) => t.id),
    ...duplicateIds(data.decks, 'decks', (d) => d.id),
    ...duplicateIds(data.presets, 'presets', (p) => p.id),
    ...duplicateIds(data.notes, 'notes', (n) => n.id),
    ...duplicateIds(data.cards, 'cards', (c) => c.id),
    ...duplicateIds(data.reviewLogs, 'reviewLogs', (l) => l.id),
    ...duplicateIds(data.settings, 'settings', (s) => s.key),
  ]
  const types = new Map(data.noteTypes.map((t) => [t.id, t]))
  const decks = new Set(data.decks.map((d) => d.id))
  const notes = new Map(data.notes.map((n) => [n.id, n]))
  const cards = new Set(data.cards.map((c) => c.id))
  data.notes.forEach((n, i) => {
    if (!types.has(n.typeId))
      problems.push(`notes[${i}].typeId: no note type "${n.typeId}" in the file`)
    if (!decks.has(n.deckId)) problems.push(`notes[${i}].deckId: no deck "${n.deckId}" in the file`)
  })
  data.cards.forEach((c, i) => {
    const note = notes.get(c.noteId)
    if (!note) problems.push(`cards[${i}].noteId: no note "${c.noteId}" in the file`)
    if (!decks.has(c.deckId)) problems.push(`cards[${i}].deckId: no deck "${c.deckId}" in the file`)
    if (c.id !== `${c.noteId}#${c.ord}`)
      problems.push(
        `cards[${i}].id: "${c.id}" is not its note and ordinal ("${c.noteId}#${c.ord}")`,
      )
    const type = note && types.get(note.typeId)
    if (type?.kind === 'standard' && c.ord >= type.templates.length)
      problems.push(
        `cards[${i}].ord: ${c.ord}, but its note type "${type.name}" has ${type.templates.length} card templates`,
      )
  })
  data.reviewLogs.forEach((l, i) => {
    if (!cards.has(l.cardId))
      problems.push(`reviewLogs[${i}].cardId: no card "${l.cardId}" in the file`)
  })
  const seen = new Set<string>()
  data.media.forEach((m, i) => {
    if (seen.has(m.name)) problems.push(`media[${i}].name: "${m.name}" appears twice`)
    seen.add(m.name)
    if (m.data && m.data.length !== m.size)
      problems.push(`media[${i}].size: says ${m.size} bytes, holds ${m.data.length}`)
  })
  return problems
}
