import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire'
import { strToU8, unzipSync, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { ankiPackageOf } from '../app/exchange/anki-package'
import { exportCollection } from '../app/exchange/export-collection'
import { readImportBytes } from '../app/exchange/read-import'
import { addNote, createDeck } from '../app/editing'
import { scheduler, t0 } from '../app/testing'
import { nodeSqlEngine } from './node-sqlite'
import { memoryCollection } from '../app/collection-writes'

/**
 * The current package layout (Anki ≥ 2.1.50): `meta` says version 3, the collection and every
 * media file are zstd frames, and the media map is protobuf (`MediaEntries`). Built here byte
 * by byte — zstd frames of raw blocks are valid zstd — so the path is tested with media, which
 * the real anki21b fixture does not carry.
 */

/** A zstd frame holding `data` in raw (stored) blocks of at most 128 KB (RFC 8878 §3.1). */
function zstdStored(data: Uint8Array): Uint8Array {
  const size = new Uint8Array(8)
  new DataView(size.buffer).setBigUint64(0, BigInt(data.length), true)
  // Magic number, then a header: single segment, 8-byte content size.
  const parts: Uint8Array[] = [new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0xe0]), size]
  const MAX = 128 * 1024
  let at = 0
  do {
    const chunk = data.subarray(at, at + MAX)
    at += MAX
    const block = (chunk.length << 3) | (at >= data.length ? 1 : 0) // type 0: raw; last flag
    parts.push(new Uint8Array([block & 0xff, (block >> 8) & 0xff, (block >> 16) & 0xff]), chunk)
  } while (at < data.length)
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const p of parts) {
    out.set(p, offset)
    offset += p.length
  }
  return out
}

function mediaEntries(entries: { name: string; size: number; legacyZipName?: number }[]) {
  const w = new BinaryWriter()
  for (const e of entries) {
    w.tag(1, WireType.LengthDelimited).fork()
    w.tag(1, WireType.LengthDelimited).string(e.name)
    w.tag(2, WireType.Varint).uint32(e.size)
    if (e.legacyZipName !== undefined) w.tag(255, WireType.Varint).uint32(e.legacyZipName)
    w.join()
  }
  return w.finish()
}

const meta = (version: number) =>
  new BinaryWriter().tag(1, WireType.Varint).uint32(version).finish()

async function collectionBytes() {
  const store = memoryCollection()
  await createDeck(store, { id: 'd', name: 'Music::Chords' }, t0)
  await addNote(
    store,
    scheduler,
    {
      guid: 'chord',
      deckId: 'd',
      typeId: 'basic',
      fields: { Front: 'Which chord? <img src="chord.png">[sound:chord.mp3]', Back: 'C major' },
      tags: [],
    },
    t0,
  )
  const apkg = ankiPackageOf(await exportCollection(store), await nodeSqlEngine(), t0)
  return unzipSync(apkg)['collection.anki21'] as Uint8Array
}

describe('the latest package format (meta 3, zstd, protobuf media map)', () => {
  it('reads the zstd collection and zstd media files named by the protobuf map, never the stub', async () => {
    const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3])
    const mp3 = new Uint8Array(200_000).map((_, i) => i % 251) // more than one zstd block
    const pkg = zipSync({
      meta: meta(3),
      'collection.anki2': strToU8('Please update to the latest Anki version'),
      'collection.anki21b': zstdStored(await collectionBytes()),
      media: zstdStored(
        mediaEntries([
          { name: 'chord.png', size: png.length },
          { name: 'chord.mp3', size: mp3.length, legacyZipName: 7 },
        ]),
      ),
      '0': zstdStored(png),
      '7': zstdStored(mp3),
    })
    const read = await readImportBytes('music.apkg', pkg, await nodeSqlEngine(), t0)
    expect(read.data.notes.map((n) => n.fields.Front)).toEqual([
      'Which chord? <img src="chord.png">[sound:chord.mp3]',
    ])
    expect(read.data.decks.map((d) => d.name).sort()).toEqual(['Music', 'Music::Chords'])
    const media = new Map(read.data.media.map((m) => [m.name, m]))
    expect(media.get('chord.png')?.data).toEqual(png)
    expect(media.get('chord.mp3')?.data).toEqual(mp3)
    expect(media.get('chord.mp3')?.type).toBe('audio/mpeg')
  })

  it('names a damaged zstd entry and a meta that promises a collection the package lacks', async () => {
    const collection = zstdStored(await collectionBytes())
    const broken = zipSync({
      meta: meta(3),
      'collection.anki21b': collection.subarray(0, 40),
      media: zstdStored(mediaEntries([])),
    })
    await expect(readImportBytes('cut.apkg', broken, {} as never, t0)).rejects.toThrow(
      /^cut\.apkg, entry "collection\.anki21b": its zstd data is damaged/,
    )
    const missing = zipSync({
      meta: meta(3),
      'collection.anki2': strToU8('stub'),
      media: zstdStored(mediaEntries([])),
    })
    await expect(readImportBytes('stub.apkg', missing, {} as never, t0)).rejects.toThrow(
      'stub.apkg: no Anki collection in it (collection.anki21b, .anki21 or .anki2)',
    )
  })
})
