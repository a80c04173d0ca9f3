import { unzipSync, type UnzipFileInfo } from 'fflate'
import { joinChunks } from '../chunks'
import { Decompress } from 'fzstd'
import { ImportError } from '../import-error'
import { strictUtf8 } from '../text-decoding'
import { BIDI_CONTROL, CONTROL, shownName } from '../shown-name'
import { messageFields, stringField, varintField, wireFields } from './protobuf'

/**
 * Limits on what a package may ask of memory: a zip bomb (a tiny file that inflates to
 * gigabytes) is refused from the sizes its directory declares, before anything is inflated.
 */
export const PACKAGE_LIMITS = {
  packageBytes: 512 * 2 ** 20,
  /** The most any one entry or the collection may inflate to. */
  entryBytes: 512 * 2 ** 20,
  totalBytes: 1024 * 2 ** 20,
  /** Entries in one package: a media file each, and a few of Anki's own. */
  entries: 200_000,
  /** Larger entries may not inflate more than this many times their packed size. */
  ratio: 1000,
  ratioFloorBytes: 16 * 2 ** 20,
} as const

/** The three collection formats, oldest first (Anki's `meta` versions 1–3). */
export type CollectionFormat = 'anki2' | 'anki21' | 'anki21b'

const COLLECTION_ENTRY: Record<CollectionFormat, string> = {
  anki2: 'collection.anki2',
  anki21: 'collection.anki21',
  anki21b: 'collection.anki21b',
}

export interface PackageContents {
  format: CollectionFormat
  /** The collection's SQLite file, inflated. */
  collection: Uint8Array
  /** Media files by their name in the collection (the name notes refer to). */
  media: Map<string, Uint8Array>
}

const ZIP_MAGIC = [0x50, 0x4b]

/** Whether a zip entry's path stays inside the package (no `..`, no absolute or drive paths, no control characters). */
export function isSafeEntryPath(name: string) {
  if (name.startsWith('/') || name.includes('\\') || /^[a-zA-Z]:/.test(name)) return false
  if (CONTROL.test(name)) return false
  return !name.split('/').some((part) => part === '..')
}

/** Whether a media file name can be kept as it is: one plain file name, as Anki writes them. */
export function isSafeMediaName(name: string) {
  const plain = !name.includes('/') && !name.includes('\\') && !CONTROL.test(name)
  return plain && name !== '' && name !== '.' && name !== '..' && name.length <= 255
}

/**
 * The collection and media of an `.apkg`/`.colpkg`. The newest collection in the package is
 * read (a current Anki adds a stub `collection.anki2` that only asks to update); the latest
 * format's zstd entries are inflated. Throws ImportError naming the entry and the reason.
 */
export function readAnkiPackage(bytes: Uint8Array, file: string): PackageContents {
  const fail = (place: string | null, reason: string) => new ImportError(file, place, reason)
  if (bytes.length > PACKAGE_LIMITS.packageBytes)
    throw fail(null, `the package is larger than ${mb(PACKAGE_LIMITS.packageBytes)}`)
  if (bytes[0] !== ZIP_MAGIC[0] || bytes[1] !== ZIP_MAGIC[1])
    throw fail(null, 'not an Anki package (.apkg and .colpkg files are zip archives)')

  let declaredTotal = 0
  const names = new Set<string>()
  const checkEntry = (info: UnzipFileInfo) => {
    if (!isSafeEntryPath(info.name))
      throw fail(
        `entry "${shownName(info.name)}"`,
        CONTROL.test(info.name)
          ? 'its name holds a control character'
          : 'the path leaves the package (unsafe path)',
      )
    // A second entry of one name would silently replace the first (which one Anki reads is unsaid).
    if (names.has(info.name))
      throw fail(`entry "${shownName(info.name)}"`, 'the package holds two entries of this name')
    names.add(info.name)
    if (names.size > PACKAGE_LIMITS.entries)
      throw fail(null, `the package holds more than ${PACKAGE_LIMITS.entries} files`)
    declaredTotal += info.originalSize
    if (info.originalSize > PACKAGE_LIMITS.entryBytes)
      throw fail(
        `entry "${shownName(info.name)}"`,
        `inflates to more than ${mb(PACKAGE_LIMITS.entryBytes)}`,
      )
    if (declaredTotal > PACKAGE_LIMITS.totalBytes)
      throw fail(
        `entry "${shownName(info.name)}"`,
        `the package's files inflate to more than ${mb(PACKAGE_LIMITS.totalBytes)} in all (${mb(declaredTotal)} with this one)`,
      )
    if (
      info.originalSize > PACKAGE_LIMITS.ratioFloorBytes &&
      info.originalSize > PACKAGE_LIMITS.ratio * Math.max(1, info.size)
    )
      throw fail(
        `entry "${shownName(info.name)}"`,
        'compressed suspiciously well (a zip bomb?); refused',
      )
    return true
  }
  let entries: Record<string, Uint8Array>
  try {
    entries = unzipSync(bytes, { filter: checkEntry })
  } catch (e) {
    if (e instanceof ImportError) throw e
    throw fail(null, 'the zip archive is damaged or truncated')
  }

  const format = newestFormat(entries, readMeta(entries.meta, fail))
  if (!format) throw fail(null, 'no Anki collection in it (collection.anki21b, .anki21 or .anki2)')
  const packed = entries[COLLECTION_ENTRY[format]] as Uint8Array
  const compressed = format === 'anki21b'
  // zstd entries inflate past what the zip declares: they count against the package's total too.
  const budget: Budget = { used: declaredTotal, fail }
  const collection = compressed ? inflateZstd(packed, budget, COLLECTION_ENTRY[format]) : packed
  return { format, collection, media: readMedia(entries, compressed, budget) }
}

/** What the package's files have inflated to so far, against PACKAGE_LIMITS.totalBytes. */
interface Budget {
  used: number
  fail: Fail
}

type Fail = (place: string | null, reason: string) => ImportError

/** The package version `meta` names (1–3), or 0 for packages from before it existed. */
function readMeta(meta: Uint8Array | undefined, fail: Fail): number {
  if (!meta) return 0
  try {
    return varintField(wireFields(meta), 1)
  } catch {
    throw fail('entry "meta"', 'the package metadata is not readable')
  }
}

function newestFormat(
  entries: Record<string, Uint8Array>,
  version: number,
): CollectionFormat | null {
  // Version 3 promises the zstd collection; older packages may still carry several copies.
  if (version >= 3 && !entries[COLLECTION_ENTRY.anki21b]) return null
  const formats: CollectionFormat[] = ['anki21b', 'anki21', 'anki2']
  return formats.find((f) => entries[COLLECTION_ENTRY[f]]) ?? null
}

function inflateZstd(data: Uint8Array, budget: Budget, entry: string): Uint8Array {
  const { fail } = budget
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    const stream = new Decompress((chunk) => {
      size += chunk.length
      budget.used += chunk.length
      if (budget.used > PACKAGE_LIMITS.totalBytes)
        throw fail(
          `entry "${shownName(entry)}"`,
          `the package's files inflate to more than ${mb(PACKAGE_LIMITS.totalBytes)} in all`,
        )
      if (size > PACKAGE_LIMITS.entryBytes)
        throw fail(
          `entry "${shownName(entry)}"`,
          `inflates to more than ${mb(PACKAGE_LIMITS.entryBytes)}`,
        )
      chunks.push(chunk)
    })
    stream.push(data, true)
  } catch (e) {
    if (e instanceof ImportError) throw e
    throw fail(`entry "${shownName(entry)}"`, 'its zstd data is damaged or truncated')
  }
  return joinChunks(chunks, size)
}

/** Media by name: the map says which numbered entry holds which file. */
function readMedia(
  entries: Record<string, Uint8Array>,
  compressed: boolean,
  budget: Budget,
): Map<string, Uint8Array> {
  const { fail } = budget
  const raw = entries.media
  if (!raw) throw fail(null, 'the media map ("media") is missing')
  const map = compressed
    ? protobufMediaMap(inflateZstd(raw, budget, 'media'), fail)
    : jsonMediaMap(raw, fail)
  const media = new Map<string, Uint8Array>()
  const folded = new Map<string, string>()
  for (const [entry, name] of map) {
    if (!isSafeMediaName(name))
      throw fail(`media "${shownName(name)}"`, 'not a plain file name (unsafe path)')
    if (BIDI_CONTROL.test(name))
      throw fail(
        `media "${shownName(name)}"`,
        'its name holds a text-direction control, which can disguise what the file is',
      )
    if (media.has(name))
      throw fail(`media "${shownName(name)}"`, 'the media map names this file twice')
    // Names that differ only by case are one file on macOS and Windows (and in Anki's folder there).
    const other = folded.get(name.toLowerCase())
    if (other !== undefined)
      throw fail(
        `media "${shownName(name)}"`,
        `"${shownName(other)}" differs from it only by case, and the two would be one file on macOS and Windows`,
      )
    folded.set(name.toLowerCase(), name)
    const data = entries[entry]
    if (!data)
      throw fail(
        `media "${shownName(name)}"`,
        `the map names entry "${shownName(entry)}", which is missing`,
      )
    media.set(name, compressed ? inflateZstd(data, budget, entry) : data)
  }
  return media
}

function jsonMediaMap(raw: Uint8Array, fail: Fail): [string, string][] {
  const text = strictUtf8(raw)
  if (text === null) throw fail('entry "media"', 'the media map is not UTF-8 text')
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw fail('entry "media"', 'the media map is not JSON')
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw fail('entry "media"', 'the media map is not a JSON object')
  return Object.entries(parsed).map(([entry, name]) => {
    if (typeof name !== 'string')
      throw fail(`media entry "${shownName(entry)}"`, 'its name is not text')
    return [entry, name]
  })
}

/** The latest format's map: `MediaEntries { repeated MediaEntry entries = 1 }`, entry i in zip entry "i". */
function protobufMediaMap(raw: Uint8Array, fail: Fail): [string, string][] {
  try {
    return messageFields(wireFields(raw), 1).map((entry, index) => {
      const fields = wireFields(entry)
      const name = stringField(fields, 1)
      if (name === null) throw fail(`media entry ${index}`, 'its name is not UTF-8')
      const legacy = fields.some((f) => f.no === 255)
      return [String(legacy ? varintField(fields, 255) : index), name]
    })
  } catch (e) {
    if (e instanceof ImportError) throw e
    throw fail('entry "media"', 'the media map is not readable')
  }
}

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`
