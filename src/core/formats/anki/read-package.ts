import { joinChunks } from '../chunks'
import { Decompress } from 'fzstd'
import type { ByteSource } from '../byte-source'
import { ImportError, noProgress, type Progress } from '../import-error'
import { strictUtf8 } from '../text-decoding'
import { BIDI_CONTROL, CONTROL, shownName } from '../shown-name'
import {
  entryPlace,
  HeldEntry,
  streamZip,
  type Fail,
  type ZipBudget,
  type ZipLimits,
} from '../zip-stream'
import { messageFields, stringField, varintField, wireFields } from './protobuf'

/**
 * Limits on what a package may ask. Memory holds one entry at a time (media are handed to
 * storage as each is read), so the package itself may be as large as a language learner's
 * audio collection; what one entry inflates to, and how much more than the package all of them
 * inflate to (a zip or zstd bomb), are checked as the data streams.
 */
export const PACKAGE_LIMITS: ZipLimits = {
  archiveBytes: 4 * 2 ** 30,
  /** The most any one entry or the collection may inflate to: what memory holds at once. */
  entryBytes: 512 * 2 ** 20,
  /** What all entries may inflate to together (written to storage, never held together). */
  totalBytes: 8 * 2 ** 30,
  /** Entries in one package: a media file each, and a few of Anki's own. */
  entries: 200_000,
  /** The entries may not inflate to more than this many times the bytes read so far… */
  ratio: 1000,
  /** …beyond this much (small packages of text compress very well). */
  ratioFloorBytes: 16 * 2 ** 20,
}

/** The three collection formats, oldest first (Anki's `meta` versions 1–3). */
export type CollectionFormat = 'anki2' | 'anki21' | 'anki21b'

const COLLECTION_ENTRY: Record<CollectionFormat, string> = {
  anki2: 'collection.anki2',
  anki21: 'collection.anki21',
  anki21b: 'collection.anki21b',
}

/** Anki's own entries, held in memory; numbered entries are media, handed on as they come. */
const OWN_ENTRIES = new Set(['meta', 'media', ...Object.values(COLLECTION_ENTRY)])
const MEDIA_ENTRY = /^\d{1,9}$/

/** A media file read from a package: its bytes went to the store under `hash`. */
export interface PackageMedia {
  hash: string
  size: number
  /** Whether the entry was zstd data (the latest format's, and only its). */
  zstd?: boolean
}

/** Where a package's media go as they are read: stored under their content hash. */
export type MediaStorer = (hash: string, bytes: Uint8Array) => Promise<void>

export interface PackageContents {
  format: CollectionFormat
  /** The collection's SQLite file, inflated. */
  collection: Uint8Array
  /** Media files by their name in the collection (the name notes refer to). */
  media: Map<string, PackageMedia>
}

/** A zstd frame's first bytes (RFC 8878, 3.1.1). */
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd]

/** Whether a media file name can be kept as it is: one plain file name, as Anki writes them. */
export function isSafeMediaName(name: string) {
  const plain = !name.includes('/') && !name.includes('\\') && !CONTROL.test(name)
  return plain && name !== '' && name !== '.' && name !== '..' && name.length <= 255
}

/** One entry's bytes as they inflate: held for Anki's own entries, hashed for media. */
class EntryReader {
  private readonly held: HeldEntry
  private zstd: Decompress | null = null
  /** The first bytes, held until they say whether the entry is zstd data (`'sniff'`). */
  private head: Uint8Array | null = null

  constructor(
    readonly name: string,
    private readonly budget: ZipBudget,
    /** Whether the entry is zstd data; `'sniff'`: its first bytes say (the format is not yet known). */
    private compressed: boolean | 'sniff',
    readonly media: boolean,
  ) {
    this.held = new HeldEntry(name, budget, media)
    if (compressed === true) this.zstd = this.decompressor()
  }

  private decompressor() {
    return new Decompress((piece) => this.held.take(piece))
  }

  /** Whether the entry turned out to be zstd data. */
  get zstdData() {
    return this.compressed === true
  }

  /** The entry's zip data, inflated by fflate: zstd entries are inflated once more. */
  push(data: Uint8Array, final: boolean) {
    if (this.compressed === 'sniff') {
      const head = this.head ? joinChunks([this.head, data], this.head.length + data.length) : data
      if (head.length < ZSTD_MAGIC.length && !final) {
        this.head = head
        return
      }
      this.head = null
      this.compressed = ZSTD_MAGIC.every((b, i) => head[i] === b)
      if (this.compressed) this.zstd = this.decompressor()
      data = head
    }
    if (!this.zstd) this.held.take(data)
    else
      try {
        this.zstd.push(data, final)
      } catch (e) {
        if (e instanceof ImportError) throw e
        throw this.budget.fail(entryPlace(this.name), 'its zstd data is damaged or truncated')
      }
  }

  done() {
    return this.held.done()
  }
}

/**
 * The collection and media of an `.apkg`/`.colpkg`, read a piece at a time: Anki's own entries
 * are held, each media file is handed to `storeMedia` as soon as it is read, so memory holds
 * one entry at a time whatever the package's size. The newest collection in the package is
 * read (a current Anki adds a stub `collection.anki2` that only asks to update); the latest
 * format's zstd entries are inflated. Throws ImportError naming the entry and the reason;
 * media stored before a refusal are left for the store's sweep (no row names them).
 */
export async function readAnkiPackage(
  source: ByteSource,
  storeMedia: MediaStorer,
  progress: Progress = noProgress,
): Promise<PackageContents> {
  const file = source.name
  const fail: Fail = (place, reason) => new ImportError(file, place, reason)
  const held = new Map<string, Uint8Array>()
  const stored = new Map<string, PackageMedia>()
  const finished: EntryReader[] = []
  let version: number | null = null
  // Anki's own entries are kept as they end, the meta read at once: it says how the media
  // after it are compressed.
  const keep = (reader: EntryReader) => {
    const { bytes } = reader.done()
    held.set(reader.name, bytes)
    if (reader.name !== 'meta') return
    version = readMeta(bytes, fail)
  }
  await streamZip(source, {
    noun: 'package',
    notZip: 'not an Anki package (.apkg and .colpkg files are zip archives)',
    limits: PACKAGE_LIMITS,
    fail,
    open(name, budget) {
      const own = OWN_ENTRIES.has(name)
      const media = !own && MEDIA_ENTRY.test(name)
      if (!own && !media) return null
      // The latest format compresses its collection, media map and media with zstd.
      // Media before the meta (a package not written by Anki) say by their first bytes.
      const latest = (version ?? 0) >= 3
      const compressed =
        name === 'collection.anki21b' ||
        (name === 'media' && latest) ||
        (media && (version === null ? 'sniff' : latest))
      const reader = new EntryReader(name, budget, compressed, media)
      return (data, final) => {
        reader.push(data, final)
        if (!final) return
        if (reader.media) finished.push(reader)
        else keep(reader)
      }
    },
    async settle() {
      for (const reader of finished.splice(0)) {
        const { bytes, hash } = reader.done()
        await storeMedia(hash, bytes)
        stored.set(reader.name, { hash, size: bytes.length, zstd: reader.zstdData })
      }
    },
    progress: (fraction) => progress(fraction, 'Reading the package'),
  })

  const format = newestFormat(held, version ?? 0)
  if (!format) throw fail(null, 'no Anki collection in it (collection.anki21b, .anki21 or .anki2)')
  if (format === 'anki21b' && (version ?? 0) < 3)
    throw fail('entry "meta"', 'it does not say version 3, which collection.anki21b needs')
  const collection = held.get(COLLECTION_ENTRY[format]) as Uint8Array
  return { format, collection, media: readMedia(held, stored, format === 'anki21b', fail) }
}

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
  entries: ReadonlyMap<string, Uint8Array>,
  version: number,
): CollectionFormat | null {
  // Version 3 promises the zstd collection; older packages may still carry several copies.
  if (version >= 3 && !entries.has(COLLECTION_ENTRY.anki21b)) return null
  const formats: CollectionFormat[] = ['anki21b', 'anki21', 'anki2']
  return formats.find((f) => entries.has(COLLECTION_ENTRY[f])) ?? null
}

/** Media by name: the map says which numbered entry holds which file. */
function readMedia(
  entries: ReadonlyMap<string, Uint8Array>,
  stored: ReadonlyMap<string, PackageMedia>,
  latest: boolean,
  fail: Fail,
): Map<string, PackageMedia> {
  const raw = entries.get('media')
  if (!raw) throw fail(null, 'the media map ("media") is missing')
  const map = latest ? protobufMediaMap(raw, fail) : jsonMediaMap(raw, fail)
  const media = new Map<string, PackageMedia>()
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
    const file = stored.get(entry)
    if (!file)
      throw fail(
        `media "${shownName(name)}"`,
        `the map names entry "${shownName(entry)}", which is missing`,
      )
    if (Boolean(file.zstd) !== latest)
      throw fail(
        `media "${shownName(name)}"`,
        latest
          ? 'its entry is not zstd data, as the latest format has every file'
          : 'its entry is zstd data, which only the latest format uses',
      )
    media.set(name, { hash: file.hash, size: file.size })
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
