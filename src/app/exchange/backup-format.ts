import { base64Decode, base64Encode } from '@bufbuild/protobuf/wire'
import { gunzipSync } from 'fflate'
import { z } from 'zod'
import { issueText } from '../../core/decks/parse-deck'
import { ImportError } from '../../core/formats/import-error'
import { strictUtf8 } from '../../core/formats/text-decoding'
import { CardState, Rating } from '../../core/scheduling/scheduler'
import { Queue } from '../collection'
import { presetSchema } from '../presets'
import { examHistorySchema } from '../mock-exam'
import { settingValueProblem } from '../settings'
import type { CollectionData } from './collection-data'

/**
 * The app's own backup: every table of the collection as JSON, media as base64, readable by
 * people and by `npm run cli`. Restoring it gives back exactly what was saved.
 */
export const BACKUP_FORMAT = 'attache-backup'
export const BACKUP_VERSION = 1

const id = z.string().min(1)
/** A key taken from the file (a field's name): never one that would reach an object's prototype. */
const ownKey = z.string().refine((k) => k !== '__proto__', 'the name "__proto__" is not allowed')
const time = z.number().finite()
const count = z.number().int().min(0)

const storedState = {
  due: time,
  last_review: time.optional(),
  stability: z.number().finite().min(0),
  difficulty: z.number().finite().min(0),
  elapsed_days: z.number().finite().min(0),
  scheduled_days: z.number().finite().min(0),
  learning_steps: count,
  reps: count,
  lapses: count,
  state: z.enum(CardState),
}

const noteTypeSchema = z.object({
  id,
  name: z.string(),
  kind: z.enum(['standard', 'cloze']),
  fields: z.array(z.string()),
  templates: z.array(
    z.object({
      name: z.string(),
      front: z.string(),
      back: z.string(),
      context: z.string().optional(),
    }),
  ),
})

const deckSchema = z.object({
  id,
  name: z.string().min(1),
  description: z.string(),
  sourceTitle: z.string().nullable(),
  origin: z.enum(['built-in', 'user']),
  updatedAt: time,
  fingerprint: z.number().optional(),
  nextPosition: count.optional(),
  deletedAt: time.optional(),
  presetId: z.string().optional(),
  examDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  examCap: z.boolean().optional(),
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

const cardSchema = z.object({
  ...storedState,
  id,
  noteId: id,
  ord: count,
  deckId: id,
  position: z.number().finite(),
  sectionKey: z.string(),
  queue,
  revision: count,
  flag: z.number().int().min(0).max(7).optional(),
  buriedUntil: time.optional(),
  queueBeforeTrash: queue.optional(),
})

const logSchema = z.object({
  id: z.number().int(),
  cardId: id,
  noteId: id,
  durationMs: z.number().finite().min(0),
  rating: z.enum(Rating),
  state: z.enum(CardState),
  due: time,
  stability: z.number().finite(),
  difficulty: z.number().finite(),
  elapsed_days: z.number().finite(),
  last_elapsed_days: z.number().finite(),
  scheduled_days: z.number().finite(),
  learning_steps: count,
  review: time,
  before: cardSchema.optional(),
  taggedLeech: z.literal(true).optional(),
})

const mediaSchema = z.object({
  name: z.string().min(1),
  type: z.string(),
  size: count,
  addedAt: time,
  data: z.string(),
})

export const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: time,
  noteTypes: z.array(noteTypeSchema),
  decks: z.array(deckSchema),
  presets: z.array(presetSchema),
  notes: z.array(noteSchema),
  cards: z.array(cardSchema),
  reviewLogs: z.array(logSchema),
  media: z.array(mediaSchema),
  settings: z.array(
    z.object({ key: z.string().min(1), value: z.unknown() }).superRefine(({ key, value }, ctx) => {
      const problem =
        key === 'mockExams'
          ? examHistorySchema.safeParse(value).success
            ? null
            : 'not a mock exam history'
          : settingValueProblem(key, value)
      if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['key'] })
    }),
  ),
})

/** A collection as backup JSON text. */
export function backupJson(data: CollectionData, now: Date): string {
  const backup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: now.getTime(),
    ...data,
    media: data.media.map((m) => ({ ...m, data: base64Encode(m.data) })),
  }
  return JSON.stringify(backup)
}

/** Every problem of a backup file, each with its place (`notes[3].fields`) and reason. */
export function backupProblems(bytes: Uint8Array): {
  data: CollectionData | null
  problems: string[]
} {
  let unpacked: Uint8Array
  try {
    unpacked = unpackBackup(bytes)
  } catch {
    return { data: null, problems: ['the gzip data is damaged'] }
  }
  const text = strictUtf8(unpacked)
  if (text === null) return { data: null, problems: ['the file is not UTF-8 text'] }
  let json: unknown
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  } catch (e) {
    return { data: null, problems: [`not JSON (${e instanceof Error ? e.message : String(e)})`] }
  }
  const parsed = backupSchema.safeParse(json)
  if (!parsed.success)
    return {
      data: null,
      problems: parsed.error.issues.map((i) => `${placeOf(i.path)}: ${issueText(i.message)}`),
    }
  const { format: _format, version: _version, createdAt: _createdAt, ...rows } = parsed.data
  const data: CollectionData = {
    ...rows,
    media: rows.media.map((m) => ({ ...m, data: base64Decode(m.data) })),
  }
  const problems = referenceProblems(data)
  return { data: problems.length ? null : data, problems }
}

/** A backup file's collection; throws ImportError with the first problems found. */
export function parseBackup(bytes: Uint8Array, file: string): CollectionData {
  const { data, problems } = backupProblems(bytes)
  if (data) return data
  const more = problems.length > 3 ? ` (and ${problems.length - 3} more problems)` : ''
  throw new ImportError(
    file,
    null,
    `not a usable Attaché backup: ${problems.slice(0, 3).join('; ')}${more}`,
  )
}

function placeOf(path: readonly PropertyKey[]) {
  return (
    path.reduce<string>(
      (out, key) =>
        typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key),
      '',
    ) || '(top level)'
  )
}

/** Rows that point at rows the backup does not have. */
function referenceProblems(data: CollectionData): string[] {
  const problems: string[] = []
  const types = new Set(data.noteTypes.map((t) => t.id))
  const decks = new Set(data.decks.map((d) => d.id))
  const notes = new Set(data.notes.map((n) => n.id))
  const cards = new Set(data.cards.map((c) => c.id))
  data.notes.forEach((n, i) => {
    if (!types.has(n.typeId))
      problems.push(`notes[${i}].typeId: no note type "${n.typeId}" in the backup`)
    if (!decks.has(n.deckId))
      problems.push(`notes[${i}].deckId: no deck "${n.deckId}" in the backup`)
  })
  data.cards.forEach((c, i) => {
    if (!notes.has(c.noteId))
      problems.push(`cards[${i}].noteId: no note "${c.noteId}" in the backup`)
    if (!decks.has(c.deckId))
      problems.push(`cards[${i}].deckId: no deck "${c.deckId}" in the backup`)
  })
  data.reviewLogs.forEach((l, i) => {
    if (!cards.has(l.cardId))
      problems.push(`reviewLogs[${i}].cardId: no card "${l.cardId}" in the backup`)
  })
  const seen = new Set<string>()
  data.media.forEach((m, i) => {
    if (seen.has(m.name)) problems.push(`media[${i}].name: "${m.name}" appears twice`)
    seen.add(m.name)
    if (m.data.length !== m.size)
      problems.push(`media[${i}].size: says ${m.size} bytes, holds ${m.data.length}`)
  })
  return problems
}

/** The JSON bytes of a backup file, gzipped (automatic backups) or not. */
export function unpackBackup(bytes: Uint8Array): Uint8Array {
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes
}
