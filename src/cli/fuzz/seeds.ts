import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync, strToU8, zipSync } from 'fflate'
import { ankiPackageOf } from '../../app/exchange/anki-package'
import { backupJson } from '../../app/exchange/backup-format'
import { backupZipChunks } from '../../app/exchange/backup-zip'
import { joinChunks } from '../../core/formats/chunks'
import { notesCsv } from '../../app/exchange/csv-export'
import { exportCollection } from '../../app/exchange/export-collection'
import { applyImport } from '../../app/exchange/import-collection'
import { mediaRow, putMediaFiles } from '../../app/exchange/media-files'
import { readImportBytes } from '../../app/exchange/read-import'
import { cardIdOf } from '../../app/collection'
import { addNote, createDeck } from '../../app/editing'
import { answer, scheduler } from '../../app/testing'
import { bytesSource } from '../../core/formats/byte-source'
import { readAnkiPackage } from '../../core/formats/anki/read-package'
import { nodeSqlEngine } from '../node-sqlite'
import { SHARED_FIXTURES, readSharedFixture, sharedFixturesPresent } from '../shared-fixtures'
import { memoryCollection } from '../../app/collection-writes'

/**
 * The files the fuzzer starts from: every shared fixture package, text file and review log,
 * backups made from them, and files of the app's own making (so the run has seeds of every
 * kind even where ../shared is absent).
 */
export type SeedKind =
  /** A zip whose collection is plain SQLite (anki2, anki21): SQL mutations reach its rows. */
  | 'package'
  /** A zip in the newest format (zstd entries): only byte and entry mutations. */
  | 'package-zstd'
  | 'text'
  | 'backup'
  | 'backup-gz'
  /** The backup archive: rows, then media as files. */
  | 'backup-zip'
  /** A review-log CSV, read by `npm run cli -- optimize`. */
  | 'revlog'

export interface Seed {
  name: string
  kind: SeedKind
  bytes: Uint8Array
}

const now = new Date('2026-06-01T10:00:00Z')

/** A package of the app's own making: nested decks, Basic and Cloze notes, media and history. */
async function ownPackage(): Promise<Uint8Array> {
  const store = memoryCollection()
  const past = new Date('2026-01-10T09:00:00Z')
  await createDeck(store, { id: 'd', name: 'Own::Deck' }, past)
  const add = (guid: string, typeId: string, fields: Record<string, string>) =>
    addNote(store, scheduler, { guid, deckId: 'd', typeId, fields, tags: ['t'] }, past)
  await add('n1', 'basic', { Front: 'Q <img src="a.png">', Back: 'A [sound:s.mp3]' })
  await add('n2', 'basic-reversed', { Front: 'UNCLOS', Back: 'Law of the Sea' })
  await add('n3', 'cloze', { Text: '{{c1::1982}} and {{c2::1994}}', 'Back Extra': '' })
  await putMediaFiles(store, [
    mediaRow('a.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 0),
    mediaRow('s.mp3', strToU8('ID3\u0003\u0000\u0000'), 0),
  ])
  await answer(store, cardIdOf('n1', 0), 3, past)
  await answer(store, cardIdOf('n2', 0), 1, past)
  await answer(store, cardIdOf('n2', 0), 3, new Date('2026-01-10T09:10:00Z'))
  return ankiPackageOf(await exportCollection(store), await nodeSqlEngine(), past)
}

/** The newest format's package with its collection and media as plain entries (SQL can reach it). */
async function asLegacyPackage(bytes: Uint8Array, name: string): Promise<Uint8Array> {
  const content = new Map<string, Uint8Array>()
  const contents = await readAnkiPackage(bytesSource(name, bytes), async (hash, data) => {
    content.set(hash, data)
  })
  const entries: Record<string, Uint8Array> = { 'collection.anki21': contents.collection }
  const map: Record<string, string> = {}
  ;[...contents.media].forEach(([file, { hash }], i) => {
    map[String(i)] = file
    entries[String(i)] = content.get(hash) as Uint8Array
  })
  entries.media = strToU8(JSON.stringify(map))
  return zipSync(entries)
}

/** A backup (the archive, JSON and gzipped JSON) of what a package imports as. */
async function backupsOf(seed: Seed): Promise<Seed[]> {
  const store = memoryCollection()
  const read = await readImportBytes(seed.name, seed.bytes, await nodeSqlEngine(), now)
  await applyImport(store, read.data, 'keep', now)
  const data = await exportCollection(store)
  const json = strToU8(backupJson(data, now))
  const base = seed.name.replace(/\.[^.]+$/, '')
  const chunks: Uint8Array[] = []
  for await (const chunk of backupZipChunks(data, async () => undefined, now)) chunks.push(chunk)
  const archive = joinChunks(
    chunks,
    chunks.reduce((n, c) => n + c.length, 0),
  )
  return [
    { name: `${base}.zip`, kind: 'backup-zip', bytes: archive },
    { name: `${base}.json`, kind: 'backup', bytes: json },
    { name: `${base}.json.gz`, kind: 'backup-gz', bytes: gzipSync(json) },
    { name: `${base}.csv`, kind: 'text', bytes: strToU8(notesCsv(data)) },
  ]
}

/** Every seed, in a fixed order (a run is replayed by its seed number alone). */
export async function fuzzSeeds(): Promise<Seed[]> {
  const own: Seed = { name: 'own.apkg', kind: 'package', bytes: await ownPackage() }
  const seeds: Seed[] = [own, ...(await backupsOf(own))]
  if (!sharedFixturesPresent) return seeds
  for (const file of readdirSync(join(SHARED_FIXTURES, 'anki')).sort()) {
    const bytes = readSharedFixture(`anki/${file}`)
    const zstd = file.includes('anki21b')
    seeds.push({ name: file, kind: zstd ? 'package-zstd' : 'package', bytes })
    if (zstd)
      seeds.push({
        name: file.replace('.apkg', '.as-anki21.apkg'),
        kind: 'package',
        bytes: await asLegacyPackage(bytes, file),
      })
  }
  for (const s of seeds.filter((s) => s.name === 'RandomReviews.anki2.apkg'))
    seeds.push(...(await backupsOf(s)))
  for (const file of readdirSync(join(SHARED_FIXTURES, 'text')).sort())
    seeds.push({ name: file, kind: 'text', bytes: readSharedFixture(`text/${file}`) })
  seeds.push({
    name: 'py-fsrs_review_logs_josh.csv',
    kind: 'revlog',
    bytes: readSharedFixture('revlog/py-fsrs_review_logs_josh.csv'),
  })
  return seeds
}
