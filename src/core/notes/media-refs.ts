import { decodeHTMLAttribute } from 'entities'

/**
 * References from note HTML to the collection's media files, as Anki writes them:
 * `<img src="name.png">` (any `src`) and `[sound:name.mp3]`.
 * https://docs.ankiweb.net/importing/text-files.html#importing-media
 */

/** Whether a `src` value names a media file rather than a URL (`https:`, `data:`, `blob:` …). */
export const isMediaName = (src: string) =>
  src !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(src) && !src.startsWith('//')

// A quoted value may hold spaces and parentheses ("Image from Facebook (10).jpg", issue 20);
// an unquoted one ends at a space or `>`.
const SRC = /\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi
const SOUND = /\[sound:([^\]]+)\]/g

function decodeName(src: string) {
  try {
    return decodeURIComponent(src)
  } catch {
    return src
  }
}

/** The media names a field refers to, once each. */
export function mediaReferences(html: string): string[] {
  const names = new Set<string>()
  for (const m of html.matchAll(SRC)) {
    // As a browser reads the attribute: character references decoded (`&amp;` is `&`).
    const src = decodeHTMLAttribute((m[1] ?? m[2] ?? m[3] ?? '').trim())
    if (isMediaName(src)) names.add(decodeName(src))
  }
  for (const m of html.matchAll(SOUND)) names.add(m[1] as string)
  return [...names]
}

/** `[sound:name]` as an audio player when `name` is known, else left as the text it is. */
export function soundTagsAsAudio(html: string, known: (name: string) => boolean): string {
  return html.replace(SOUND, (whole, name: string) =>
    known(name) ? `<audio controls src="${name.replace(/"/g, '&quot;')}"></audio>` : whole,
  )
}
