import mime from 'mime/lite'
import { contentHash } from '../../core/media/content-hash'
import type { MediaFile } from './collection-data'
import type { Collection } from '../collection-writes'

/** A media file with its bytes, its type from the name as Anki's media folder does. */
export function mediaRow(name: string, data: Uint8Array, now: number) {
  return { ...storedMediaRow(name, contentHash(data), data.length, now), data }
}

/** A media file whose bytes are already stored under `hash`. */
export function storedMediaRow(name: string, hash: string, size: number, now: number): MediaFile {
  return { name, type: mime.getType(name) ?? 'application/octet-stream', size, addedAt: now, hash }
}

/**
 * A name for an incoming file whose name is taken by other bytes: Anki's rule, the content's
 * hash before the extension, so the same file imported twice gets the same name.
 */
export function renamedMedia(name: string, contentHash: string) {
  const dot = name.lastIndexOf('.')
  const hash = contentHash.slice(0, 8)
  return dot > 0 ? `${name.slice(0, dot)}-${hash}${name.slice(dot)}` : `${name}-${hash}`
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * A field with every reference to media `from` pointing at `to`: `src="from"` (images, audio)
 * and `[sound:from]`, as Anki writes them.
 */
export function renameMediaReferences(html: string, from: string, to: string): string {
  const name = escapeRegExp(from)
  return html
    .replace(
      new RegExp(`(src\\s*=\\s*)(["']?)${name}\\2`, 'g'),
      (_m, attr: string, q: string) => `${attr}${q}${to}${q}`,
    )
    .replace(new RegExp(`\\[sound:${name}\\]`, 'g'), `[sound:${to}]`)
}

/**
 * Stores media rows, and the bytes of those that carry them (files read as a stream were
 * stored as they were read: their rows carry only the hash).
 */
export async function putMediaFiles(store: Collection, files: readonly MediaFile[]) {
  const content = new Map<string, Uint8Array>()
  for (const f of files) if (f.data) content.set(f.hash, f.data)
  if (content.size)
    await store.putMediaContent([...content].map(([hash, data]) => ({ hash, data })))
  await store.putMedia(files.map(({ data: _data, ...row }) => row))
}

/**
 * Deletes stored bytes no media row uses: what an import stored before it was cancelled or
 * refused, or what a replaced collection held. Run when no import is storing files.
 */
export function sweepMediaContent(store: Collection): Promise<number> {
  return store.transaction(async () => {
    const rows = await store.getMedia(await store.mediaNames())
    const used = new Set(rows.flatMap((r) => (r ? [r.hash] : [])))
    const unused = (await store.mediaContentHashes()).filter((h) => !used.has(h))
    await store.deleteMediaContent(unused)
    return unused.length
  }, ['media', 'mediaContent'])
}

/** The bytes of the media file `name`, if the collection holds it. */
export async function mediaBytes(store: Collection, name: string) {
  const [row] = await store.getMedia([name])
  if (!row) return undefined
  const [bytes] = await store.getMediaContent([row.hash])
  return bytes
}

/** Where a package read as a stream stores each media file: this store's content, by hash. */
export const contentStoredIn =
  (store: Collection) =>
  (hash: string, data: Uint8Array): Promise<void> =>
    store.putMediaContent([{ hash, data }])
