import { describe, expect, it } from 'vitest'
import { MemoryStore } from './memory-store'
import { storePastedMedia } from './media'
import { t0 } from './testing'

describe('pasted media', () => {
  it('is stored once under a name made from its content, and never takes another file’s name', async () => {
    const store = new MemoryStore()
    const png = new Uint8Array([137, 80, 78, 71, 1])
    const name = await storePastedMedia(store, png, 'image/png', t0)
    expect(name).toMatch(/^pasted-[0-9a-f]{8}\.png$/)
    expect(await storePastedMedia(store, png, 'image/png', t0)).toBe(name)
    expect(await store.mediaNames()).toEqual([name])
    // Another file whose content hashes to a taken name (forced here) gets a name of its own.
    await store.putMedia([
      {
        name: name.replace('.png', '.jpg'),
        type: 'image/jpeg',
        data: new Uint8Array([1]),
        size: 1,
        addedAt: 0,
      },
    ])
    const jpeg = await storePastedMedia(store, png, 'image/jpeg', t0)
    expect(jpeg).toBe(name.replace('.png', '-2.jpg'))
    expect((await store.getMedia([jpeg]))[0]?.data).toEqual(png)
  })
})
