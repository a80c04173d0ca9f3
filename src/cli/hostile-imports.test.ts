import { strToU8, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { entriesOfValid, refused, validPackage } from './import-testing'
import { ankiPackageOf } from '../app/exchange/anki-package'
import { exportCollection } from '../app/exchange/export-collection'
import { readImportBytes } from '../app/exchange/read-import'
import { addNote, createDeck } from '../app/editing'
import { scheduler, t0 } from '../app/testing'
import { nodeSqlEngine } from './node-sqlite'
import { memoryCollection } from '../app/collection-writes'

/**
 * The hostile corpus (issue 9): files built here, byte by byte, that a careless importer would
 * crash on, hang on, or let write outside its place. Each must be refused with a message that
 * names the file, the place and the reason, and must leave the collection as it was.
 */

const engine = await nodeSqlEngine()

/** A zip whose directory claims an entry inflates to `size` bytes. */
function withDeclaredSize(zip: Uint8Array, size: number) {
  const out = zip.slice()
  const view = new DataView(out.buffer)
  for (let i = 0; i + 46 < out.length; i++) {
    const sig = view.getUint32(i, true)
    if (sig === 0x04034b50) view.setUint32(i + 22, size, true)
    if (sig === 0x02014b50) view.setUint32(i + 24, size, true)
  }
  return out
}

describe('hostile packages', () => {
  it('a valid package imports (the corpus below is built from it)', async () => {
    const read = await readImportBytes('ok.apkg', await validPackage(), engine, t0)
    expect(read.data.notes).toHaveLength(1)
    expect(read.data.media.map((m) => m.name)).toEqual(['a.png'])
  })

  it('not a zip', async () => {
    const e = await refused('notes.apkg', strToU8('just some text, not a package at all'))
    expect(e.message).toBe(
      'notes.apkg: not an Anki package (.apkg and .colpkg files are zip archives)',
    )
  })

  it('a truncated zip', async () => {
    const whole = await validPackage()
    const e = await refused('cut.apkg', whole.subarray(0, Math.floor(whole.length / 2)))
    expect(e.reason).toMatch(/^the zip archive is damaged or truncated/)
  })

  it('a zip bomb that inflates a thousandfold', async () => {
    const bomb = zipSync(
      { 'collection.anki21': new Uint8Array(20 * 2 ** 20), media: strToU8('{}') },
      { level: 9 },
    )
    expect(bomb.length).toBeLessThan(30_000)
    const e = await refused('bomb.apkg', bomb)
    expect(e.message).toBe(
      'bomb.apkg, entry "collection.anki21": compressed suspiciously well (a zip bomb?); refused',
    )
  })

  it('a zip whose directory claims gigabytes', async () => {
    const zip = withDeclaredSize(
      zipSync({ 'collection.anki21': strToU8('x'), media: strToU8('{}') }),
      0xfffffff0,
    )
    const e = await refused('huge.apkg', zip)
    expect(e.reason).toBe('inflates to more than 512 MB')
  })

  it('a path that climbs out of the package', async () => {
    const entries = await entriesOfValid()
    const e = await refused(
      'climb.apkg',
      zipSync({ ...entries, '../../evil.sh': strToU8('rm -rf ~') }),
    )
    expect(e.message).toBe(
      'climb.apkg, entry "../../evil.sh": the path leaves the package (unsafe path)',
    )
  })

  it('a media map that names a file outside the media folder', async () => {
    const entries = await entriesOfValid()
    const e = await refused(
      'media-path.apkg',
      zipSync({ ...entries, media: strToU8('{"0": "../../.bashrc"}') }),
    )
    expect(e.message).toBe(
      'media-path.apkg, media "../../.bashrc": not a plain file name (unsafe path)',
    )
  })

  it('a missing media map, a non-UTF-8 one, and one naming a missing entry', async () => {
    const { media: _media, ...entries } = await entriesOfValid()
    expect((await refused('no-map.apkg', zipSync(entries))).reason).toBe(
      'the media map ("media") is missing',
    )
    const latin1 = zipSync({
      ...entries,
      media: new Uint8Array([0x7b, 0x22, 0x30, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]),
    })
    expect((await refused('latin1.apkg', latin1)).message).toBe(
      'latin1.apkg, entry "media": the media map is not UTF-8 text',
    )
    const dangling = zipSync({ ...entries, media: strToU8('{"7": "b.png"}') })
    expect((await refused('dangling.apkg', dangling)).reason).toBe(
      'the map names entry "7", which is missing',
    )
  })

  it('a corrupt database and a database that is not Anki’s', async () => {
    const entries = await entriesOfValid()
    const header = strToU8('SQLite format 3\u0000')
    const corrupt = new Uint8Array(4096)
    corrupt.set(header)
    corrupt.fill(0xab, header.length)
    const e1 = await refused('corrupt.apkg', zipSync({ ...entries, 'collection.anki21': corrupt }))
    expect(e1.place).toBe('collection.anki21')
    expect(e1.reason).toMatch(/^the database cannot be (opened|read) \(/)

    const foreign = engine.create()
    foreign.run("CREATE TABLE people (name text); INSERT INTO people VALUES ('x')")
    const e2 = await refused(
      'foreign.apkg',
      zipSync({ ...entries, 'collection.anki21': foreign.bytes() }),
    )
    expect(e2.message).toBe(
      'foreign.apkg, collection.anki21: not an Anki collection (it has no "col" table)',
    )

    const text = await refused(
      'text.apkg',
      zipSync({ ...entries, 'collection.anki21': strToU8('hello') }),
    )
    expect(text.reason).toBe('not an SQLite database (damaged or not a collection)')
  })

  it('a 50 MB package without a collection', async () => {
    const filler = new Uint8Array(50 * 2 ** 20)
    for (let i = 0; i < filler.length; i += 4096) filler[i] = i % 251
    const zip = zipSync({ 'filler.bin': filler, media: strToU8('{}') }, { level: 0 })
    expect(zip.length).toBeGreaterThan(50 * 2 ** 20)
    const e = await refused('big.apkg', zip)
    expect(e.reason).toBe('no Anki collection in it (collection.anki21b, .anki21 or .anki2)')
  })

  it('a file of a kind it does not read', async () => {
    const e = await refused('deck.pdf', strToU8('%PDF-1.7'))
    expect(e.reason).toBe(
      'cannot import .pdf: choose one of .apkg .colpkg .zip .json .gz .csv .tsv .txt',
    )
  })

  it('keeps HTML payloads as text: nothing runs on import, the renderer sanitizes them', async () => {
    const payloads = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<a href="javascript:alert(1)">x</a>',
      '<svg onload=alert(1)></svg>',
      '<iframe src="https://evil.example"></iframe>',
      '<style>body{background:url(https://evil.example/t.png)}</style>',
    ]
    const store = memoryCollection()
    await createDeck(store, { id: 'd', name: 'Deck' }, t0)
    for (const [i, p] of payloads.entries())
      await addNote(
        store,
        scheduler,
        {
          guid: `p${i}`,
          deckId: 'd',
          typeId: 'basic',
          fields: { Front: `Q${i} ${p}`, Back: p },
          tags: [],
        },
        t0,
      )
    const apkg = ankiPackageOf(await exportCollection(store), engine, t0)
    const read = await readImportBytes('payloads.apkg', apkg, engine, t0)
    expect(read.data.notes.map((n) => n.fields.Back).sort()).toEqual([...payloads].sort())
  })
})
