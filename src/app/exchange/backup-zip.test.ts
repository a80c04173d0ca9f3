import { strToU8, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { bytesSource } from '../../core/formats/byte-source'
import { joinChunks } from '../../core/formats/chunks'
import { at } from '../../core/testing/factories'
import { cardIdOf, versionIdOf } from '../collection'
import { addNote, createDeck } from '../editing'
import { answer, scheduler, t0 } from '../testing'
import { backupZipChunks, readBackupZip } from './backup-zip'
import type { CollectionData } from './collection-data'
import { exportCollection } from './export-collection'
import { restoreCollection } from './import-collection'
import { contentStoredIn, mediaBytes, mediaRow, putMediaFiles } from './media-files'
import { type Collection, memoryCollection } from '../collection-writes'

const now = at('2026-12-05T10:00:00Z')

/** Bytes that look random (and hold zip signatures, which a stored entry must not be cut at). */
function noise(size: number, seed: number) {
  const out = new Uint8Array(size)
  let x = seed
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0
    out[i] = x >>> 24
  }
  // A local-header and a data-descriptor signature in the middle of the file.
  out.set([0x50, 0x4b, 0x03, 0x04, 0x50, 0x4b, 0x07, 0x08], size >> 1)
  return out
}

/** Deck "Exam", two notes (one answered), a 3 MB sound and one image under two names. */
async function collection() {
  const store = memoryCollection()
  await createDeck(store, { id: 'exam', name: 'Exam' }, t0)
  for (const [guid, front] of [
    ['n1', 'UNCLOS? <img src="map.png">[sound:talk.mp3]'],
    ['n2', 'PKO Act? <img src="map copy.png">'],
  ] as const)
    await addNote(
      store,
      scheduler,
      { guid, deckId: 'exam', typeId: 'basic', fields: { Front: front, Back: '1982' }, tags: [] },
      t0,
    )
  const image = noise(5000, 1)
  await putMediaFiles(store, [
    mediaRow('map.png', image, t0.getTime()),
    mediaRow('map copy.png', image, t0.getTime()),
    mediaRow('talk.mp3', noise(3 * 2 ** 20 + 17, 2), t0.getTime()),
  ])
  await answer(store, cardIdOf('n1', 0), 3, t0)
  // A version of a note that lost a sync conflict: the user's data too.
  const note = await store.getNote('n1')
  if (!note) throw new Error('no note n1')
  const lost = { ...note, fields: { ...note.fields, Back: '1994' } }
  await store.putVersions([
    {
      id: versionIdOf('notes', 'n1', t0.getTime(), 'aaaaaaaaaaaaaaaa'),
      table: 'notes',
      key: 'n1',
      at: t0.getTime(),
      by: 'aaaaaaaaaaaaaaaa',
      keptAt: t0.getTime() + 1,
      row: lost as unknown as Record<string, unknown>,
    },
  ])
  return store
}

/** The backup archive of a store, and the largest chunk it was written in. */
async function backupOf(store: Collection) {
  const rows = await exportCollection(store, { mediaBytes: false })
  const content = async (hash: string) => (await store.getMediaContent([hash]))[0]
  const chunks: Uint8Array[] = []
  for await (const chunk of backupZipChunks(rows, content, now)) chunks.push(chunk)
  const size = chunks.reduce((n, c) => n + c.length, 0)
  return {
    rows,
    bytes: joinChunks(chunks, size),
    largestChunk: Math.max(...chunks.map((c) => c.length)),
  }
}

const read = (bytes: Uint8Array, store = memoryCollection()) =>
  readBackupZip(bytesSource('backup.zip', bytes), contentStoredIn(store))

describe('the backup archive (version 2)', () => {
  it('restores every row and media file exactly, written in pieces of at most about 1 MB', async () => {
    const source = await collection()
    const { rows, bytes, largestChunk } = await backupOf(source)
    // Rows first, then each distinct file once (the image under two names is stored once).
    expect(rows.media.every((m) => m.data === undefined)).toBe(true)
    expect(largestChunk).toBeLessThan(1.1 * 2 ** 20)

    const target = memoryCollection()
    const { data, problems } = await read(bytes, target)
    expect(problems).toEqual([])
    expect(data).toEqual(rows)
    await restoreCollection(target, data as CollectionData)
    for (const name of ['map.png', 'map copy.png', 'talk.mp3']) {
      const [before, after] = [await mediaBytes(source, name), await mediaBytes(target, name)]
      // Compared as buffers: a deep equality of 3 MB element by element takes seconds.
      expect(after && before && Buffer.from(after).equals(before)).toBe(true)
    }
    expect(await exportCollection(target, { mediaBytes: false })).toEqual(rows)
    expect((await target.versionsOf('notes', 'n1')).map((v) => v.row['fields'])).toMatchObject([
      { Back: '1994' },
    ])
  })

  it('refuses a media file whose bytes do not match their hash, naming the entry', async () => {
    const { bytes } = await backupOf(await collection())
    // Stored blocks keep the sound's bytes as they are: flip one of them.
    const damaged = bytes.slice()
    const at = Buffer.from(damaged).indexOf(
      Buffer.from(noise(3 * 2 ** 20 + 17, 2).subarray(1000, 1032)),
    )
    expect(at).toBeGreaterThan(0)
    damaged[at] = (damaged[at] ?? 0) ^ 0xff
    const store = memoryCollection()
    const { data, problems } = await read(damaged, store)
    expect(data).toBeNull()
    expect(problems).toEqual([
      expect.stringMatching(/^entry "media\/[0-9a-f]+…": its bytes do not match their hash/),
    ])
  })

  it('says which media files are missing, what an entry is doing there, and rows out of range', async () => {
    const { bytes } = await backupOf(await collection())
    const { data } = await read(bytes)
    const rows = JSON.stringify({
      format: 'attache-backup',
      version: 2,
      createdAt: now.getTime(),
      ...data,
    })
    const zip = (entries: Record<string, Uint8Array>) => zipSync(entries)
    expect((await read(zip({ 'backup.json': strToU8(rows) }))).problems).toEqual([
      expect.stringMatching(/^media\[0\]: its file \(media\/[0-9a-f]{64}\) is not in the backup$/),
      expect.stringMatching(/^media\[1\]: /),
      expect.stringMatching(/^media\[2\]: /),
    ])
    expect(
      (await read(zip({ 'backup.json': strToU8(rows), 'notes.txt': strToU8('hello') }))).problems,
    ).toEqual(['entry "notes.txt": a backup holds no such entry'])
    expect(
      (await read(zip({ 'media/x': strToU8('hello'), 'backup.json': strToU8(rows) }))).problems,
    ).toEqual(['not an Attaché backup: its first entry is "media/x", not backup.json'])
    const farDue = rows.replace(/"due":\d+/, '"due":8640000000000000')
    expect((await read(zip({ 'backup.json': strToU8(farDue) }))).problems).toEqual([
      'cards[0].due: a time after the year 2200',
    ])
    expect((await read(strToU8(rows))).problems).toEqual([
      'not an Attaché backup (a backup .zip file is a zip archive)',
    ])
  })

  it('stores no media file before the rows are known to be usable', async () => {
    const { bytes } = await backupOf(await collection())
    const { data } = await read(bytes)
    const rows = JSON.stringify({ format: 'attache-backup', version: 2, createdAt: -1, ...data })
    const stored: string[] = []
    const { problems } = await readBackupZip(
      bytesSource('b.zip', zipSync({ 'backup.json': strToU8(rows) })),
      async (hash) => {
        stored.push(hash)
      },
    )
    expect(problems).toEqual(['createdAt: a time before 1970'])
    expect(stored).toEqual([])
  })
})
