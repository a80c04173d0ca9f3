import { Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js'
import { strToU8 } from 'fflate'
import { z } from 'zod'
import { wholeBytes, type ByteSource } from '../../core/formats/byte-source'
import { ImportError, noProgress, type Progress } from '../../core/formats/import-error'
import { shownName } from '../../core/formats/shown-name'
import {
  entryPlace,
  HeldEntry,
  mb,
  streamZip,
  type Fail,
  type ZipLimits,
} from '../../core/formats/zip-stream'
import {
  BACKUP_FORMAT,
  backupProblems,
  backupRefusal,
  MAX_BACKUP_TEXT_BYTES,
  parseBackup,
  parseBackupText,
} from './backup-format'
import {
  collectionRows,
  contentHashSchema,
  mediaFields,
  referenceProblems,
  time,
} from './collection-check'
import { backupName } from './backups'
import { countsOf, type CollectionData, type MediaFile } from './collection-data'

/**
 * The app's backup as a zip archive (version 2): `backup.json` holds every table as JSON, the
 * media rows naming their content by SHA-256; each distinct file follows as `media/<hash>`.
 * Written and read a piece at a time, so a collection of GBs of audio is backed up and restored
 * in the memory of its largest file (issue 19: as one JSON string with base64 media, a
 * collection whose media passed ~375 MB could not be backed up at all).
 */
export const BACKUP_ZIP_VERSION = 2
export const BACKUP_ROWS_ENTRY = 'backup.json'
const MEDIA_ENTRY = /^media\/([0-9a-f]{64})$/
const mediaEntry = (hash: string) => `media/${hash}`

/**
 * What a backup archive may hold: one file is at most what an Anki package's entry may be; the
 * whole at most what a package may be (the streaming reader reads the zip64 end records, but
 * nothing larger has been tried).
 */
export const BACKUP_LIMITS: ZipLimits = {
  archiveBytes: 4 * 2 ** 30 - 2 ** 20,
  entryBytes: 512 * 2 ** 20,
  totalBytes: 4 * 2 ** 30,
  entries: 1_000_001,
  ratio: 1000,
  ratioFloorBytes: 16 * 2 ** 20,
}

const rowsSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_ZIP_VERSION),
  createdAt: time,
  ...collectionRows,
  media: z.array(mediaFields.extend({ hash: contentHashSchema })),
})

/** Why a collection with these media cannot be one backup archive, or null when it can. */
export function backupZipRoomProblem(
  media: readonly { size: number; hash: string }[],
): string | null {
  // Each distinct file is written once; the rest of the archive is left for the rows.
  const room = BACKUP_LIMITS.archiveBytes - 64 * 2 ** 20
  const sizes = new Map(media.map((m) => [m.hash, m.size]))
  const bytes = [...sizes.values()].reduce((n, s) => n + s, 0)
  if (bytes < room) return null
  return `its media (${mb(bytes)}) are more than one backup file holds (${mb(room)} with its rows)`
}

/** A media file's bytes by content hash, read when its entry is written. */
export type MediaContent = (hash: string) => Promise<Uint8Array | undefined>

/**
 * The backup of `data` as a zip archive, a chunk at a time: the rows first, then each distinct
 * media file, its bytes from the row or from `content`, so memory holds one file at a time.
 * Every entry's sizes are in its local header (no data descriptors): a streaming reader then
 * knows where each ends without scanning for the next signature, which a sound or an image can
 * hold. Media are stored as they are (audio and images do not compress); the rows are deflated.
 */
export async function* backupZipChunks(
  data: CollectionData,
  content: MediaContent,
  now: Date,
): AsyncGenerator<Uint8Array> {
  const room = backupZipRoomProblem(data.media)
  if (room) throw new Error(room)
  const out: Uint8Array[] = []
  const zip = new ZipWriter(
    new WritableStream<Uint8Array>({
      write(chunk) {
        out.push(chunk)
      },
    }),
    { dataDescriptor: false, level: 0, lastModDate: now, useWebWorkers: false },
  )
  await zip.add(BACKUP_ROWS_ENTRY, new Uint8ArrayReader(strToU8(backupRowsJson(data, now))), {
    level: 6,
  })
  yield* out.splice(0)
  const written = new Set<string>()
  for (const m of data.media) {
    if (written.has(m.hash)) continue
    written.add(m.hash)
    const bytes = m.data ?? (await content(m.hash))
    if (!bytes) throw new Error(`media "${m.name}": its bytes are not in the collection`)
    await zip.add(mediaEntry(m.hash), new Uint8ArrayReader(bytes))
    yield* out.splice(0)
  }
  await zip.close()
  yield* out.splice(0)
}

/** The rows entry's text: every table, media rows without their bytes. */
function backupRowsJson(data: CollectionData, now: Date): string {
  return JSON.stringify({
    format: BACKUP_FORMAT,
    version: BACKUP_ZIP_VERSION,
    createdAt: now.getTime(),
    ...data,
    media: data.media.map(({ data: _data, ...row }): MediaFile => row),
  })
}

/**
 * Reads a backup archive a piece at a time: the rows are checked as soon as their entry ends
 * (before any media file is stored), each media file is checked against the hash its name
 * says and handed to `storeMedia`. Gives the rows, whose media carry only their hashes, or
 * every problem found with its place. Media stored before a refusal are left for the store's
 * sweep (no row names them).
 */
export async function readBackupZip(
  source: ByteSource,
  storeMedia: (hash: string, bytes: Uint8Array) => Promise<void>,
  progress: Progress = noProgress,
): Promise<{ data: CollectionData | null; problems: string[] }> {
  const fail: Fail = (place, reason) => new ImportError(source.name, place, reason)
  let rows: CollectionData | null = null
  let rowProblems: string[] = []
  /** Media sizes by hash, as the rows say them. */
  const wanted = new Map<string, number>()
  const found = new Set<string>()
  const finished: { hash: string; entry: HeldEntry }[] = []
  let first = true
  try {
    await streamZip(source, {
      noun: 'backup',
      notZip: 'not an Attaché backup (a backup .zip file is a zip archive)',
      limits: BACKUP_LIMITS,
      fail,
      open(name, budget) {
        const isFirst = first
        first = false
        if (name === BACKUP_ROWS_ENTRY) {
          if (!isFirst) throw fail(entryPlace(name), 'the rows must come first in a backup')
          const held = new HeldEntry(name, budget, false)
          return (data, final) => {
            held.take(data)
            if (!final) return
            const parsed = parseBackupText(held.done().bytes, rowsSchema)
            if ('problems' in parsed) {
              rowProblems = parsed.problems
              throw fail(entryPlace(name), 'its rows are not usable')
            }
            const { format: _f, version: _v, createdAt: _c, ...read } = parsed.value
            rowProblems = referenceProblems(read)
            if (rowProblems.length) throw fail(entryPlace(name), 'its rows are not usable')
            for (const m of read.media) wanted.set(m.hash, m.size)
            rows = read
          }
        }
        if (isFirst)
          throw fail(
            null,
            `not an Attaché backup: its first entry is "${shownName(name)}", not ${BACKUP_ROWS_ENTRY}`,
          )
        const hash = MEDIA_ENTRY.exec(name)?.[1]
        if (!hash) throw fail(entryPlace(name), 'a backup holds no such entry')
        if (!wanted.has(hash)) throw fail(entryPlace(name), 'no media row names this file')
        const entry = new HeldEntry(name, budget, true)
        return (data, final) => {
          entry.take(data)
          if (final) finished.push({ hash, entry })
        }
      },
      async settle() {
        for (const { hash, entry } of finished.splice(0)) {
          const { bytes, hash: actual } = entry.done()
          if (actual !== hash)
            throw fail(
              entryPlace(entry.name),
              'its bytes do not match their hash (the file is damaged)',
            )
          if (bytes.length !== wanted.get(hash))
            throw fail(
              entryPlace(entry.name),
              `its media row says ${wanted.get(hash)} bytes, the file holds ${bytes.length}`,
            )
          await storeMedia(hash, bytes)
          found.add(hash)
        }
      },
      progress: (fraction) => progress(fraction, 'Reading the backup'),
    })
  } catch (e) {
    if (rowProblems.length) return { data: null, problems: rowProblems }
    if (e instanceof ImportError)
      return { data: null, problems: [e.place ? `${e.place}: ${e.reason}` : e.reason] }
    throw e
  }
  const data = rows as CollectionData | null
  if (!data)
    return { data: null, problems: [`not an Attaché backup: no ${BACKUP_ROWS_ENTRY} in it`] }
  const missing = data.media.flatMap((m, i) =>
    found.has(m.hash) ? [] : [`media[${i}]: its file (${mediaEntry(m.hash)}) is not in the backup`],
  )
  return missing.length ? { data: null, problems: missing } : { data, problems: [] }
}

/** A backup archive's collection; throws ImportError with the first problems found. */
export async function parseBackupZip(
  source: ByteSource,
  storeMedia: (hash: string, bytes: Uint8Array) => Promise<void>,
  progress: Progress = noProgress,
): Promise<CollectionData> {
  const { data, problems } = await readBackupZip(source, storeMedia, progress)
  if (data) return data
  throw backupRefusal(source.name, problems)
}

const isZip = async (source: ByteSource) => {
  const head = await source.read(0, 2)
  return head[0] === 0x50 && head[1] === 0x4b
}

/**
 * Any backup file: the archive (read a piece at a time, its media handed to `storeMedia`), or
 * the JSON of before (gzipped or not, media as base64 carried in the rows). Told apart by their
 * first bytes, not their names.
 */
export async function parseAnyBackup(
  source: ByteSource,
  storeMedia: (hash: string, bytes: Uint8Array) => Promise<void>,
  progress: Progress = noProgress,
): Promise<CollectionData> {
  if (await isZip(source)) return parseBackupZip(source, storeMedia, progress)
  return parseBackup(await backupTextBytes(source), source.name)
}

/** Every problem of any backup file (`npm run cli -- validate`); its media are checked, not kept. */
export async function anyBackupProblems(source: ByteSource): Promise<string[]> {
  if (await isZip(source)) return (await readBackupZip(source, async () => undefined)).problems
  return backupProblems(await backupTextBytes(source)).problems
}

/** A JSON backup's bytes, once its size is known to be one a string can hold. */
async function backupTextBytes(source: ByteSource) {
  if (source.size > MAX_BACKUP_TEXT_BYTES)
    throw new ImportError(
      source.name,
      null,
      `a JSON backup file may be at most ${MAX_BACKUP_TEXT_BYTES / 2 ** 20} MB; this one is ${(source.size / 2 ** 20).toFixed(1)} MB (backups with media as files are .zip archives)`,
    )
  return wholeBytes(source)
}

/**
 * A backup of `data` as a file: its name, and its bytes as an archive a chunk at a time (media
 * read from `content` as each is written).
 */
export function backupFile(
  data: CollectionData,
  content: MediaContent,
  now: Date,
): { name: string; chunks: AsyncIterable<Uint8Array> } {
  return { name: backupName(now, countsOf(data)), chunks: backupZipChunks(data, content, now) }
}
