import { Zip, ZipPassThrough, strToU8, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { contentHash } from '../../media/content-hash'
import { PIECE_BYTES, bytesSource, type ByteSource } from '../byte-source'
import { readAnkiPackage } from './read-package'
import { centralDirectoryStart } from '../zip-end'

/** A stored (not deflated) zip of `entries`, in order, with an archive comment. */
function storedZip(entries: [string, Uint8Array][], comment = '', fileComment = ''): Uint8Array {
  const parts: Uint8Array[] = []
  const zip = new Zip((err, chunk) => {
    if (err) throw err
    parts.push(chunk)
  })
  for (const [name, bytes] of entries) {
    const entry = new ZipPassThrough(name)
    // Kept in the zip's directory only.
    if (fileComment) entry.comment = fileComment
    zip.add(entry)
    entry.push(bytes, true)
  }
  zip.end()
  const whole = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    whole.set(p, at)
    at += p.length
  }
  if (!comment) return whole
  // The end record's comment length (its last two bytes), then the comment.
  const text = strToU8(comment)
  const out = new Uint8Array(whole.length + text.length)
  out.set(whole)
  out.set(text, whole.length)
  out[whole.length - 2] = text.length & 0xff
  out[whole.length - 1] = text.length >> 8
  return out
}

/** A source that records how much it was asked for at once. */
function watched(source: ByteSource) {
  const reads: number[] = []
  return {
    reads,
    source: { ...source, read: (s: number, e: number) => (reads.push(e - s), source.read(s, e)) },
  }
}

const file = (n: number, size: number) => {
  const bytes = new Uint8Array(size)
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + n) & 0xff
  return bytes
}

describe('reading a package a piece at a time', () => {
  it('hands each media file on by its content hash, and never reads more than a piece at once', async () => {
    const media = [file(1, 3 * PIECE_BYTES + 5), file(2, 2 * PIECE_BYTES)]
    const zip = storedZip([
      ['collection.anki21', strToU8('SQLite format 3\0')],
      ['0', media[0] as Uint8Array],
      ['1', media[1] as Uint8Array],
      ['media', strToU8(JSON.stringify({ 0: 'a.mp3', 1: 'b.png' }))],
    ])
    const { source, reads } = watched(bytesSource('big.apkg', zip))
    const stored: [string, number][] = []
    const contents = await readAnkiPackage(source, async (hash, bytes) => {
      expect(hash).toBe(contentHash(bytes))
      stored.push([hash, bytes.length])
    })
    expect(Math.max(...reads)).toBeLessThanOrEqual(PIECE_BYTES)
    expect(stored).toEqual(media.map((m) => [contentHash(m), m.length]))
    expect(contents.format).toBe('anki21')
    expect([...contents.media]).toEqual([
      ['a.mp3', { hash: contentHash(media[0] as Uint8Array), size: media[0]?.length }],
      ['b.png', { hash: contentHash(media[1] as Uint8Array), size: media[1]?.length }],
    ])
  })

  it('stops where the zip directory starts, past a comment, so its bytes are never an entry', async () => {
    // A comment in the directory that reads as an entry's start if the directory were scanned.
    const zip = storedZip(
      [
        ['collection.anki21', strToU8('x')],
        ['media', strToU8('{}')],
      ],
      'an archive comment',
      // A whole local header: stored, empty, named "media" (a second media map).
      `PK\u0003\u0004\u0014${'\u0000'.repeat(21)}\u0005\u0000\u0000\u0000media`,
    )
    const start = await centralDirectoryStart(bytesSource('c.apkg', zip))
    expect(start).not.toBeNull()
    expect([zip[start as number], zip[(start as number) + 1], zip[(start as number) + 2]]).toEqual([
      0x50, 0x4b, 0x01,
    ])
    const contents = await readAnkiPackage(bytesSource('c.apkg', zip), async () => undefined)
    expect(contents.media.size).toBe(0)
  })

  it('refuses a package whose media are zstd data when its format is not the latest', async () => {
    const zstdFrame = new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0, 0])
    const zip = zipSync({
      'collection.anki21': strToU8('x'),
      0: zstdFrame,
      media: strToU8(JSON.stringify({ 0: 'a.png' })),
    })
    await expect(
      readAnkiPackage(bytesSource('z.apkg', zip), async () => undefined),
    ).rejects.toThrow(
      /^z\.apkg, (entry "0": its zstd data is damaged|media "a\.png": its entry is zstd data)/,
    )
  })
})
