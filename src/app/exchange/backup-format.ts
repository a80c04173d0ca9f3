import { contentHash } from '../../core/media/content-hash'
import { base64Decode, base64Encode } from '@bufbuild/protobuf/wire'
import { joinChunks } from '../../core/formats/chunks'
import { Gunzip } from 'fflate'
import { z } from 'zod'
import { ImportError } from '../../core/formats/import-error'
import { firstJsonError } from '../../core/formats/json-syntax'
import { strictUtf8 } from '../../core/formats/text-decoding'
import { collectionRows, issuesOf, mediaFields, referenceProblems, time } from './collection-check'
import type { CollectionData } from './collection-data'

/**
 * The app's own backup: every table of the collection as JSON, media as base64, readable by
 * people and by `npm run cli`. Restoring it gives back exactly what was saved.
 */
export const BACKUP_FORMAT = 'attache-backup'
export const BACKUP_VERSION = 1

const mediaSchema = mediaFields.extend({ data: z.string() })

export const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: time,
  ...collectionRows,
  media: z.array(mediaSchema),
})

/** A collection as backup JSON text. */
export function backupJson(data: CollectionData, now: Date): string {
  const backup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: now.getTime(),
    ...data,
    media: data.media.map(({ hash: _hash, data, ...m }) => {
      if (!data) throw new Error(`media "${m.name}": its bytes were not read for the backup`)
      return { ...m, data: base64Encode(data) }
    }),
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
  } catch (e) {
    return {
      data: null,
      problems: [e instanceof BackupTooLarge ? e.message : 'the gzip data is damaged or truncated'],
    }
  }
  const parsed = parseBackupText(unpacked, backupSchema)
  if ('problems' in parsed) return { data: null, problems: parsed.problems }
  const { format: _format, version: _version, createdAt: _createdAt, ...rows } = parsed.value
  const media: CollectionData['media'] = []
  for (const [i, m] of rows.media.entries()) {
    const bytes = base64OrNull(m.data)
    if (!bytes) return { data: null, problems: [`media[${i}].data: not base64`] }
    media.push({ ...m, data: bytes, hash: contentHash(bytes) })
  }
  const data: CollectionData = { ...rows, media }
  // The rows passed the schema above: only what they point at is left to check.
  const problems = referenceProblems(data)
  return { data: problems.length ? null : data, problems }
}

/**
 * A backup's JSON text checked against `schema`: the value, or every problem with its place
 * (text too long, not UTF-8, not JSON with the line and column, values out of range).
 */
export function parseBackupText<T>(
  bytes: Uint8Array,
  schema: z.ZodType<T>,
): { value: T } | { problems: string[] } {
  if (bytes.length > MAX_BACKUP_TEXT_BYTES) return { problems: [BackupTooLarge.text(bytes.length)] }
  const text = strictUtf8(bytes)
  if (text === null) return { problems: ['the file is not UTF-8 text'] }
  let json: unknown
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  } catch {
    return { problems: [jsonSyntaxProblem(text)] }
  }
  const parsed = schema.safeParse(json)
  return parsed.success ? { value: parsed.data } : { problems: issuesOf(parsed.error) }
}

/** Base64 text as bytes; null when it is not base64 (the decoder's own error never reaches a user). */
function base64OrNull(text: string): Uint8Array | null {
  try {
    return base64Decode(text)
  } catch {
    return null
  }
}

/** A backup file's collection; throws ImportError with the first problems found. */
export function parseBackup(bytes: Uint8Array, file: string): CollectionData {
  const { data, problems } = backupProblems(bytes)
  if (data) return data
  throw backupRefusal(file, problems)
}

/** A backup refused, with its first problems. */
export function backupRefusal(file: string, problems: readonly string[]) {
  const more = problems.length > 3 ? ` (and ${problems.length - 3} more problems)` : ''
  return new ImportError(
    file,
    null,
    `not a usable Attaché backup: ${problems.slice(0, 3).join('; ')}${more}`,
  )
}

/** Where and why text is not JSON, in our words (line and column; never the engine's message). */
function jsonSyntaxProblem(text: string): string {
  const error = firstJsonError(text)
  if (!error) return 'not JSON'
  const before = text.slice(0, error.offset)
  const line = before.split('\n').length
  const column = error.offset - before.lastIndexOf('\n')
  return `not JSON: ${error.reason} at line ${line}, column ${column}`
}

/**
 * The most JSON text a backup may hold: a JavaScript string cannot be longer than about 512
 * MiB (V8's limit), so a larger backup could never be read, only fail later with a worse word.
 */
export const MAX_BACKUP_TEXT_BYTES = 500 * 2 ** 20
/**
 * Why a collection with these media cannot be one backup file, or null when it can: a backup
 * holds its media as base64 in its JSON text, a third larger than the files (issue 19: a
 * collection with GBs of audio imports, but cannot be backed up as one file of this format).
 */
export function backupRoomProblem(media: readonly { size: number }[]): string | null {
  const bytes = media.reduce((n, m) => n + m.size, 0)
  if ((bytes * 4) / 3 <= MAX_BACKUP_TEXT_BYTES) return null
  return `its media (${Math.round(bytes / 2 ** 20)} MB) are too large for a backup file, which holds at most ${Math.round(MAX_BACKUP_TEXT_BYTES / 2 ** 20)} MB of text with media as base64`
}

/** A gzip stream that inflates more than this many times its size is a bomb, not a backup. */
const GZIP_BOMB_RATIO = 1000
const GZIP_BOMB_FLOOR = 16 * 2 ** 20

class BackupTooLarge extends Error {
  static text = (bytes: number) =>
    `the backup holds more than ${Math.round(MAX_BACKUP_TEXT_BYTES / 2 ** 20)} MB of text${bytes ? ` (${Math.round(bytes / 2 ** 20)} MB)` : ''}, more than one file can be read as; its media are too large for a backup file`
}

/**
 * The JSON bytes of a backup file, gzipped (automatic backups) or not. The gzip stream is
 * inflated chunk by chunk and stopped as soon as it passes the limit or inflates like a bomb,
 * so a tiny file can never take gigabytes (issue 19).
 */
export function unpackBackup(bytes: Uint8Array): Uint8Array {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes
  const chunks: Uint8Array[] = []
  let size = 0
  let ended = false
  const gunzip = new Gunzip((chunk, final) => {
    size += chunk.length
    if (size > GZIP_BOMB_FLOOR && size > GZIP_BOMB_RATIO * bytes.length)
      throw new BackupTooLarge(
        `the gzip data inflates more than ${GZIP_BOMB_RATIO} times its size (a gzip bomb?); refused`,
      )
    if (size > MAX_BACKUP_TEXT_BYTES) throw new BackupTooLarge(BackupTooLarge.text(0))
    chunks.push(chunk)
    if (final) ended = true
  })
  // Pushed in slices, so a bomb is stopped after one slice's output, not after all of it.
  const SLICE = 64 * 1024
  for (let at = 0; at < bytes.length; at += SLICE)
    gunzip.push(bytes.subarray(at, at + SLICE), at + SLICE >= bytes.length)
  if (!ended) throw new Error('the gzip data ends early')
  return joinChunks(chunks, size)
}
