import { sha1 } from '@noble/hashes/legacy'
import { decodeHTML } from 'entities'

// What Anki's rslib does to a note's first field for `notes.csum` and `notes.sfld`
// (rslib/src/text.rs, strip_html_preserving_media_filenames; rslib/src/notes/mod.rs,
// field_checksum): media tags become their file names between spaces, the rest of the HTML
// goes, character references are decoded (a no-break space becomes a space).

/** `<img|audio|video|object|source … src|data=name …>`, the name quoted either way or bare. */
const MEDIA_TAG =
  /<\b(?:img|audio|video|object|source)\b(?:[^>]|"[^"]+?"|'[^']+?')+?\b(?:src|data)\b=(?:"([^"]+?)"[^>]*>|'([^']+?)'[^>]*>|([^ >]+?)(?: [^>]*>|>))/gis
const HTML = /(<!--.*?-->)|(<style.*?>.*?<\/style>)|(<script.*?>.*?<\/script>)|(<.*?>)/gis

/** A field as Anki compares and sorts it: text only, media file names kept. */
export function ankiSortText(html: string): string {
  const withNames = html.replace(
    MEDIA_TAG,
    (_tag, double?: string, single?: string, bare?: string) =>
      ` ${double ?? single ?? bare ?? ''} `,
  )
  const text = withNames.replace(HTML, '')
  return text.includes('&') ? decodeHTML(text).replace(/\u00a0/g, ' ') : text
}

/** Anki's duplicate check: the first 4 bytes of the SHA-1 of the first field's sort text. */
export function ankiFieldChecksum(firstField: string): number {
  const digest = sha1(new TextEncoder().encode(ankiSortText(firstField)))
  return (
    (((digest[0] ?? 0) << 24) |
      ((digest[1] ?? 0) << 16) |
      ((digest[2] ?? 0) << 8) |
      (digest[3] ?? 0)) >>>
    0
  )
}
