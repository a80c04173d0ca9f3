/**
 * What a media file is, read from its bytes rather than its name or a stored type: only
 * images and sounds are ever given a URL, as what they are, so a file that is really HTML (or
 * an SVG with script) can never be opened as a page in the app's origin (issue 19).
 * Signatures: https://mimesniff.spec.whatwg.org/#matching-an-image-type-pattern and
 * #matching-an-audio-or-video-type-pattern.
 */
export type MediaKind =
  | { kind: 'image' | 'audio' | 'video'; type: string }
  /** SVG: shown only after it is sanitized as SVG (it can hold script). */
  | { kind: 'svg'; type: 'image/svg+xml' }

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0) =>
  sig.every((b, i) => bytes[at + i] === b)

const ascii = (bytes: Uint8Array, at: number, length: number) =>
  String.fromCharCode(...bytes.subarray(at, at + length))

/** The kind and type of a media file from its first bytes; null for anything else. */
export function mediaKindOf(bytes: Uint8Array): MediaKind | null {
  const image = (type: string): MediaKind => ({ kind: 'image', type })
  const audio = (type: string): MediaKind => ({ kind: 'audio', type })
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return image('image/png')
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return image('image/jpeg')
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return image('image/gif')
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return image('image/webp')
  if (ascii(bytes, 0, 2) === 'BM' && bytes.length > 14) return image('image/bmp')
  if (startsWith(bytes, [0, 0, 1, 0]) || startsWith(bytes, [0, 0, 2, 0]))
    return image('image/x-icon')
  if (ascii(bytes, 4, 4) === 'ftyp') {
    const brand = ascii(bytes, 8, 4)
    if (brand === 'avif' || brand === 'avis') return image('image/avif')
    if (brand.startsWith('M4A') || brand === 'M4B ') return audio('audio/mp4')
    return { kind: 'video', type: 'video/mp4' }
  }
  if (ascii(bytes, 0, 3) === 'ID3') return audio('audio/mpeg')
  // An MPEG audio frame: 11 set sync bits, then a layer other than "reserved".
  if (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0 && ((bytes[1] ?? 0) & 0x06) !== 0)
    return audio('audio/mpeg')
  if (ascii(bytes, 0, 4) === 'OggS') return audio('audio/ogg')
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WAVE') return audio('audio/wav')
  if (ascii(bytes, 0, 4) === 'fLaC') return audio('audio/flac')
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return { kind: 'video', type: 'video/webm' }
  if (looksLikeSvg(bytes)) return { kind: 'svg', type: 'image/svg+xml' }
  return null
}

/** An XML document whose root element is `<svg`: a prolog, comments and a doctype may come first. */
function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = ascii(bytes, 0, Math.min(bytes.length, 4096)).replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
  const rest = head.replace(/^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*/i, '')
  return /^<svg[\s>/]/i.test(rest)
}
