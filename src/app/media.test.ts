import { describe, expect, it } from 'vitest'
import { storePastedMedia } from './media'
import { mediaBytes, mediaRow, putMediaFiles, sweepMediaContent } from './exchange/media-files'
import { t0 } from './testing'
import { memoryCollection } from './collection-writes'

describe('pasted media', () => {
  it('is stored once under a name made from its content, and never takes another file’s name', async () => {
    const store = memoryCollection()
    const png = new Uint8Array([137, 80, 78, 71, 1])
    const name = await storePastedMedia(store, png, 'image/png', t0)
    expect(name).toMatch(/^pasted-[0-9a-f]{8}\.png$/)
    expect(await storePastedMedia(store, png, 'image/png', t0)).toBe(name)
    expect(await store.mediaNames()).toEqual([name])
    // Another file whose content hashes to a taken name (forced here) gets a name of its own.
    await putMediaFiles(store, [mediaRow(name.replace('.png', '.jpg'), new Uint8Array([1]), 0)])
    const jpeg = await storePastedMedia(store, png, 'image/jpeg', t0)
    expect(jpeg).toBe(name.replace('.png', '-2.jpg'))
    expect(await mediaBytes(store, jpeg)).toEqual(png)
    // The same bytes under two names are stored once.
    expect(await store.mediaContentHashes()).toHaveLength(2)
  })

  it('keeps bytes a row names and sweeps away those an unfinished import left', async () => {
    const store = memoryCollection()
    const kept = mediaRow('kept.png', new Uint8Array([1, 2]), 0)
    await putMediaFiles(store, [kept])
    // What a cancelled import stored before its notes were written: bytes no row names.
    const left = mediaRow('left.png', new Uint8Array([3]), 0)
    await store.putMediaContent([{ hash: left.hash, data: left.data }])
    expect(await sweepMediaContent(store)).toBe(1)
    expect(await store.mediaContentHashes()).toEqual([kept.hash])
    expect(await mediaBytes(store, 'kept.png')).toEqual(new Uint8Array([1, 2]))
  })
})
