import createDOMPurify from 'dompurify'
import { useEffect, useState } from 'react'
import { mediaKindOf } from '../core/media/media-kind'
import { mediaReferences } from '../core/notes/media-refs'
import { store } from './app-services'

/**
 * SVG is sanitized before it gets a URL: an object URL opened as a page ("Open image in new
 * tab") is a document of the app's origin, outside the page's CSP, so what it holds must not
 * run or load anything. A purifier of its own, so its hook never touches note HTML.
 */
const svgPurifier = createDOMPurify(window)
svgPurifier.addHook('uponSanitizeAttribute', (_node, data) => {
  // Only references inside the file itself (`#id`); nothing is fetched from anywhere.
  if (/^(?:xlink:)?href$/i.test(data.attrName) && !data.attrValue.trim().startsWith('#'))
    data.keepAttr = false
})

/** The blob a media file is shown from: images and sounds as their types, SVG sanitized, nothing else. */
export function mediaBlob(data: Uint8Array): Blob | null {
  const kind = mediaKindOf(data)
  if (!kind) return null
  if (kind.kind === 'svg') {
    const clean = svgPurifier.sanitize(new TextDecoder().decode(data), {
      USE_PROFILES: { svg: true, svgFilters: true },
      FORBID_TAGS: ['foreignObject', 'script', 'style'],
    })
    return new Blob([clean], { type: kind.type })
  }
  return new Blob([data as Uint8Array<ArrayBuffer>], { type: kind.type })
}

/**
 * Media files as object URLs, made once per file and kept for the window's life: a card's
 * image or sound shows from IndexedDB, offline, and nothing is fetched from anywhere.
 */
const urls = new Map<string, string>()

/** The object URLs of `names` that the collection holds (unknown names are left out). */
export async function mediaUrls(names: readonly string[]): Promise<Map<string, string>> {
  const missing = names.filter((n) => !urls.has(n))
  if (missing.length > 0) {
    const rows = (await store.getMedia(missing)).flatMap((r) => (r ? [r] : []))
    const content = await store.getMediaContent(rows.map((r) => r.hash))
    rows.forEach((row, i) => {
      const data = content[i]
      if (!data || urls.has(row.name)) return
      // A file that is neither an image nor a sound (HTML, script, text) gets no URL at all.
      const blob = mediaBlob(data)
      if (blob) urls.set(row.name, URL.createObjectURL(blob))
    })
  }
  return new Map(names.flatMap((n) => (urls.has(n) ? [[n, urls.get(n) as string]] : [])))
}

/** Drops every URL: a restore (here or in a worker) replaced the media they were made from. */
store.onCommit((news) => {
  if (!news.cleared) return
  for (const url of urls.values()) URL.revokeObjectURL(url)
  urls.clear()
})

const NONE = new Map<string, string>()

/** The object URLs of the media `html` refers to; empty until they are read. */
export function useMediaUrls(html: string): ReadonlyMap<string, string> {
  const key = mediaReferences(html).join('\u0000')
  const [found, setFound] = useState<{ key: string; urls: ReadonlyMap<string, string> }>({
    key: '',
    urls: NONE,
  })
  useEffect(() => {
    if (!key) return
    let live = true
    void mediaUrls(key.split('\u0000')).then((m) => live && setFound({ key, urls: m }))
    return () => {
      live = false
    }
  }, [key])
  return key && found.key === key ? found.urls : NONE
}
