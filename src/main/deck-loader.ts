import { parseDecks, type DeckProblem, type DeckSource } from '../core/decks/parse-deck'
import type { LoadedDecks } from '../shared/ipc'

/** What a path is, as `lstat` says (links are not followed). */
export type EntryKind = 'file' | 'dir' | 'link' | 'other'

/** The file-system calls deck loading needs (node:fs in the app and the build, a fake in tests). */
export interface DeckFs {
  readdir(dir: string): Promise<string[]>
  /** What `path` is and its size in bytes; null when nothing is there. */
  entry(path: string): Promise<{ kind: EntryKind; size: number } | null>
  /** The bytes of a regular file, refusing to wait longer than `timeoutMs`. */
  readBytes(path: string, timeoutMs: number): Promise<Uint8Array>
}

/** Each deck is a folder holding `deck.json`. */
const DECK_FILE = 'deck.json'

/** Bytes on disk beyond which a deck file is not read at all. */
export const MAX_DECK_BYTES = 16 * 1024 * 1024
/** How long reading one deck file may take. */
const READ_TIMEOUT_MS = 5_000

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Reads and validates `<dir>/<deck>/deck.json` for every deck folder in each directory. Only
 * real folders and regular files inside the decks folder are read (a symbolic link, a pipe or
 * a device named `deck.json` is refused, never followed or waited on), each within a size
 * limit and a time-out, and decoded as strict UTF-8. A file or folder that cannot be read or
 * does not validate is reported by name, line and reason and skipped; the other decks still
 * load. The Electron main process calls this at start-up, the web build at build time.
 */
export async function loadDecks(dirs: readonly string[], fs: DeckFs): Promise<LoadedDecks> {
  const sources: DeckSource[] = []
  const problems: DeckProblem[] = []
  for (const dir of dirs) {
    let entries: string[]
    try {
      entries = (await fs.readdir(dir)).sort()
    } catch (e) {
      problems.push({ file: dir, reason: `cannot list deck folder (${errorText(e)})` })
      continue
    }
    for (const entry of entries) {
      if (entry.startsWith('.')) continue
      const file = `${entry}/${DECK_FILE}`
      try {
        const source = await readDeckFile(fs, `${dir}/${entry}`, file)
        if (typeof source === 'string') problems.push({ file, reason: source })
        else if (source) sources.push(source)
      } catch (e) {
        problems.push({ file, reason: `cannot read (${errorText(e)})` })
      }
    }
  }
  const parsed = parseDecks(sources)
  return { decks: parsed.decks, problems: [...problems, ...parsed.problems] }
}

/** One deck folder's file: its text, a reason it is refused, or null when it is no deck folder. */
async function readDeckFile(
  fs: DeckFs,
  folder: string,
  file: string,
): Promise<DeckSource | string | null> {
  const dir = await fs.entry(folder)
  if (dir?.kind === 'link')
    return 'the deck folder is a symbolic link; decks must be real folders inside the decks folder'
  if (dir?.kind !== 'dir') return null
  const path = `${folder}/${DECK_FILE}`
  const found = await fs.entry(path)
  if (!found) return null
  if (found.kind === 'link') return 'is a symbolic link; a deck file must be a regular file'
  if (found.kind !== 'file') return 'is not a regular file (a pipe or a device?); it was not read'
  if (found.size > MAX_DECK_BYTES)
    return `is ${(found.size / 1024 / 1024).toFixed(1)} MB; a deck file may be at most ${MAX_DECK_BYTES / 1024 / 1024} MB`
  const bytes = await fs.readBytes(path, READ_TIMEOUT_MS)
  try {
    return { file, text: utf8.decode(bytes) }
  } catch {
    return `is not valid UTF-8 text (byte ${firstBadByte(bytes)}); save it as UTF-8`
  }
}

/** The offset of the first byte that breaks UTF-8, for the message. */
function firstBadByte(bytes: Uint8Array): number {
  let lo = 0
  let hi = bytes.length
  // The longest prefix that decodes: binary search on where decoding starts to fail.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true })
      lo = mid
    } catch {
      hi = mid - 1
    }
  }
  // The prefix may end inside the broken sequence: step back to where that sequence starts.
  let start = lo
  while (start > 0 && ((bytes[start - 1] ?? 0) & 0xc0) === 0x80) start--
  if (start > 0 && (bytes[start - 1] ?? 0) >= 0xc0) start--
  return start
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}
