import { useEffect, useState } from 'react'
import { mediaReferences } from '../core/notes/media-refs'
import { store } from './app-services'

/**
 * Media files as object URLs, made once per file and kept for the window's life: a card's
 * image or sound shows from IndexedDB, offline, and nothing is fetched from anywhere.
 */
const urls = new Map<string, string>()

/** The object URLs of `names` that the collection holds (unknown names are left out). */
export async function mediaUrls(names: readonly string[]): Promise<Map<string, string>> {
  const missing = names.filter((n) => !urls.has(n))
  if (missing.length > 0) {
    const rows = await store.getMedia(missing)
    for (const row of rows)
      if (row && !urls.has(row.name))
        urls.set(
          row.name,
          URL.createObjectURL(new Blob([row.data as Uint8Array<ArrayBuffer>], { type: row.type })),
        )
  }
  return new Map(names.flatMap((n) => (urls.has(n) ? [[n, urls.get(n) as string]] : [])))
}

/** Drops every URL (after a restore replaced the media they were made from). */
export function forgetMediaUrls() {
  for (const url of urls.values()) URL.revokeObjectURL(url)
  urls.clear()
}

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
