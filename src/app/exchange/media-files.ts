import mime from 'mime/lite'
import { fnv1aBytes } from '../../core/hash'
import type { MediaRow } from '../collection'

/** A media row for a file's bytes, its type from the name as Anki's media folder does. */
export function mediaRow(name: string, data: Uint8Array, now: number): MediaRow {
  return {
    name,
    type: mime.getType(name) ?? 'application/octet-stream',
    data,
    size: data.length,
    addedAt: now,
  }
}

/** Whether two files hold the same bytes. */
export function sameBytes(a: Uint8Array, b: Uint8Array) {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/**
 * A name for an incoming file whose name is taken by other bytes: Anki's rule, the content's
 * hash before the extension, so the same file imported twice gets the same name.
 */
export function renamedMedia(name: string, data: Uint8Array) {
  const dot = name.lastIndexOf('.')
  const hash = fnv1aBytes(data).toString(16).padStart(8, '0')
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
