import { Unzip, UnzipInflate, type UnzipFile } from 'fflate'
import { piecesOf, type ByteSource } from './byte-source'
import { joinChunks } from './chunks'
import { ImportError } from './import-error'
import { contentHasher } from '../media/content-hash'
import { CONTROL, shownName } from './shown-name'
import { centralDirectoryStart } from './zip-end'

/**
 * A zip archive read a piece at a time (Anki packages, the app's own backups): the entries are
 * handed on as they inflate, the central directory is never read as an entry, and the limits
 * below are checked as the data streams, so a package of any size is read in the memory of its
 * largest entry and a bomb is stopped after one piece of its output.
 */
export interface ZipLimits {
  archiveBytes: number
  /** The most any one entry may inflate to: what memory holds at once. */
  entryBytes: number
  /** What all entries may inflate to together (handed on, never held together). */
  totalBytes: number
  entries: number
  /** The entries may not inflate to more than this many times the bytes read so far… */
  ratio: number
  /** …beyond this much (small archives of text compress very well). */
  ratioFloorBytes: number
}

/** A refusal naming the place (an entry) and the reason. */
export type Fail = (place: string | null, reason: string) => ImportError

/** What the archive's entries have inflated to so far, against its limits. */
export interface ZipBudget {
  readonly noun: string
  /** Archive bytes read so far. */
  read: number
  /** What they inflated to. */
  used: number
  readonly limits: ZipLimits
  readonly fail: Fail
}

export const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`
export const entryPlace = (name: string) => `entry "${shownName(name)}"`

/** Counts `n` inflated bytes of `entry`; throws when the archive's budget is spent. */
export function spend(budget: ZipBudget, n: number, entry: string) {
  budget.used += n
  const { limits } = budget
  if (budget.used > limits.totalBytes)
    throw budget.fail(
      entryPlace(entry),
      `the ${budget.noun}'s files inflate to more than ${mb(limits.totalBytes)} in all`,
    )
  if (budget.used > limits.ratio * budget.read + limits.ratioFloorBytes)
    throw budget.fail(entryPlace(entry), 'compressed suspiciously well (a zip bomb?); refused')
}

/** Whether a zip entry's path stays inside the archive (no `..`, no absolute or drive paths, no control characters). */
export function isSafeEntryPath(name: string) {
  if (name.startsWith('/') || name.includes('\\') || /^[a-zA-Z]:/.test(name)) return false
  if (CONTROL.test(name)) return false
  return !name.split('/').some((part) => part === '..')
}

/**
 * One entry's bytes held as they come, within the entry limit (and hashed for a media file);
 * `done` gives them whole.
 */
export class HeldEntry {
  private readonly pieces: Uint8Array[] = []
  private size = 0
  private readonly hasher

  constructor(
    readonly name: string,
    private readonly budget: ZipBudget,
    hashed: boolean,
  ) {
    this.hasher = hashed ? contentHasher() : null
  }

  take(piece: Uint8Array) {
    this.size += piece.length
    spend(this.budget, piece.length, this.name)
    if (this.size > this.budget.limits.entryBytes)
      throw this.budget.fail(
        entryPlace(this.name),
        `inflates to more than ${mb(this.budget.limits.entryBytes)}`,
      )
    this.pieces.push(piece)
    this.hasher?.update(piece)
  }

  done() {
    const bytes = joinChunks(this.pieces, this.size)
    this.pieces.length = 0
    return { bytes, hash: this.hasher?.digest() ?? '' }
  }
}

/** What becomes of one entry's data: pieces as they inflate, the last with `final`. */
export type EntryData = (data: Uint8Array, final: boolean) => void

export interface ZipReading {
  /** What the archive is called in messages: "package", "backup". */
  noun: string
  /** Says what the file is when it is not a zip archive at all. */
  notZip: string
  limits: ZipLimits
  fail: Fail
  /**
   * Where an entry's data go; null to let it pass (counted, not kept). Called once per entry,
   * in the archive's order, after its name was checked (safe path, unique, within the count).
   */
  open(entry: string, budget: ZipBudget): EntryData | null
  /** Runs after each piece of the archive: what finished may be stored now. */
  settle(): Promise<void>
  progress(fraction: number): void
}

/**
 * Reads the zip archive `source` a piece at a time and hands each entry's inflated data to
 * `reading.open`'s handler. Throws ImportError naming the entry and the reason.
 */
export async function streamZip(source: ByteSource, reading: ZipReading): Promise<void> {
  const { limits, fail, noun } = reading
  if (source.size > limits.archiveBytes)
    throw fail(null, `the ${noun} is larger than ${mb(limits.archiveBytes)}`)
  const start = await source.read(0, 2)
  if (start[0] !== 0x50 || start[1] !== 0x4b) throw fail(null, reading.notZip)
  // The entries end where the zip's directory starts: read no further, or bytes of the
  // directory could be taken for an entry.
  const end = await centralDirectoryStart(source)
  if (end === null) throw fail(null, 'the zip archive is damaged or truncated')

  const budget: ZipBudget = { read: 0, used: 0, limits, fail, noun }
  const names = new Set<string>()
  let failure: unknown = null
  const check = (entry: UnzipFile) => {
    const { name } = entry
    if (!isSafeEntryPath(name))
      throw fail(
        entryPlace(name),
        CONTROL.test(name)
          ? 'its name holds a control character'
          : `the path leaves the ${noun} (unsafe path)`,
      )
    // A second entry of one name would silently replace the first (which one a reader takes is unsaid).
    if (names.has(name)) throw fail(entryPlace(name), `the ${noun} holds two entries of this name`)
    names.add(name)
    if (names.size > limits.entries)
      throw fail(null, `the ${noun} holds more than ${limits.entries} files`)
    const declared = entry.originalSize ?? 0
    if (declared > limits.entryBytes)
      throw fail(entryPlace(name), `inflates to more than ${mb(limits.entryBytes)}`)
    if (declared > limits.ratioFloorBytes && declared > limits.ratio * Math.max(1, entry.size ?? 0))
      throw fail(entryPlace(name), 'compressed suspiciously well (a zip bomb?); refused')
  }
  const unzip = new Unzip((entry) => {
    let data: EntryData | null
    try {
      check(entry)
      data = reading.open(entry.name, budget)
    } catch (e) {
      failure ??= e
      return
    }
    entry.ondata = (err, piece, final) => {
      if (failure) return
      if (err) {
        failure =
          err instanceof ImportError
            ? err
            : fail(entryPlace(entry.name), 'its data is damaged or truncated')
        return
      }
      try {
        if (data) data(piece, final)
        else spend(budget, piece.length, entry.name)
      } catch (e) {
        failure ??= e
      }
    }
    entry.start()
  })
  unzip.register(UnzipInflate)

  const settle = async () => {
    if (failure)
      throw failure instanceof ImportError
        ? failure
        : fail(null, 'the zip archive is damaged or truncated')
    await reading.settle()
  }
  const push = (piece: Uint8Array, final: boolean) => {
    try {
      unzip.push(piece, final)
    } catch (e) {
      failure ??= e
    }
  }
  for await (const piece of piecesOf(source, 0, end)) {
    budget.read += piece.length
    push(piece, false)
    await settle()
    reading.progress(budget.read / Math.max(1, end))
  }
  push(new Uint8Array(0), true)
  await settle()
}
