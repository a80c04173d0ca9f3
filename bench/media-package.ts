import { randomFillSync } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { Zip, ZipPassThrough, strToU8, unzipSync } from 'fflate'
import { ankiPackageOf } from '../src/app/exchange/anki-package'
import { emptyCollectionData } from '../src/app/exchange/collection-data'
import { Queue, cardIdOf } from '../src/app/collection'
import { nodeSqlEngine } from '../src/cli/node-sqlite'
import { Scheduler } from '../src/core/scheduling/scheduler'
import { toStoredState } from '../src/core/scheduling/stored-state'
import { BUILT_IN_NOTE_TYPES } from '../src/core/notes/note-types'

/** One media file of the bench's packages: a photo's or a recording's size. */
export const MEDIA_FILE_BYTES = 4 * 2 ** 20

/**
 * Writes to `path` an Anki package of `notes` Basic notes in deck `deck`, each showing a media
 * file of its own, with `mediaBytes` of media in all (random bytes, stored: audio and images
 * hardly compress). Written entry by entry, so making a 1 GB package holds one file at a time.
 */
export async function writeMediaPackage(
  path: string,
  deck: string,
  notes: number,
  mediaBytes: number,
): Promise<number> {
  const at = Date.UTC(2026, 0, 1, 9)
  const files = Math.ceil(mediaBytes / MEDIA_FILE_BYTES)
  const data = emptyCollectionData()
  data.noteTypes = BUILT_IN_NOTE_TYPES.filter((t) => t.id === 'basic')
  data.decks.push({
    id: deck,
    name: `Bench ${deck}`,
    description: '',
    sourceTitle: null,
    origin: 'user',
    updatedAt: at,
    nextPosition: notes,
  })
  const fresh = toStoredState(new Scheduler().newState(new Date(at)))
  for (let i = 0; i < notes; i++) {
    const id = `${deck}-${i}`
    const image = i < files ? ` <img src="${deck}-${i}.png">` : ''
    data.notes.push({
      id,
      typeId: 'basic',
      deckId: deck,
      fields: { Front: `Question ${i}${image}`, Back: `Answer ${i}` },
      tags: [],
      section: [],
      position: i,
      retired: 0,
      modifiedAt: at,
      createdAt: at + i,
    })
    data.cards.push({
      ...fresh,
      id: cardIdOf(id, 0),
      noteId: id,
      ord: 0,
      deckId: deck,
      position: i,
      sectionKey: '',
      queue: Queue.New,
      revision: 0,
    })
  }
  // The collection from the app's own exporter; the media written beside it one by one.
  const entries = unzipSync(ankiPackageOf(data, await nodeSqlEngine(), new Date(at)))
  const out = createWriteStream(path)
  const written = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve)
    out.on('error', reject)
  })
  let size = 0
  const zip = new Zip((err, chunk, final) => {
    if (err) throw err
    size += chunk.length
    out.write(chunk)
    if (final) out.end()
  })
  const add = (name: string, bytes: Uint8Array) => {
    const entry = new ZipPassThrough(name)
    zip.add(entry)
    entry.push(bytes, true)
  }
  add('collection.anki21', entries['collection.anki21'] as Uint8Array)
  const map: Record<string, string> = {}
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  for (let i = 0; i < files; i++) {
    const bytes = randomFillSync(
      new Uint8Array(Math.min(MEDIA_FILE_BYTES, mediaBytes - i * MEDIA_FILE_BYTES)),
    )
    bytes.set(png)
    map[String(i)] = `${deck}-${i}.png`
    add(String(i), bytes)
    // Let the file stream drain now and then, so the package is never held in memory.
    if (out.writableNeedDrain) await new Promise<void>((r) => out.once('drain', () => r()))
  }
  add('media', strToU8(JSON.stringify(map)))
  zip.end()
  await written
  return size
}
