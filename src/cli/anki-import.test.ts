import { describe, expect, it } from 'vitest'
import { applyImport } from '../app/exchange/import-collection'
import { exportCollection } from '../app/exchange/export-collection'
import { ankiPackageOf } from '../app/exchange/anki-package'
import { readImport, readImportBytes } from '../app/exchange/read-import'
import { contentStoredIn } from '../app/exchange/media-files'
import { bytesSource } from '../core/formats/byte-source'
import { Queue, cardIdOf } from '../app/collection'
import { readAnkiPackage } from '../core/formats/anki/read-package'
import { readAnkiCollection } from '../core/formats/anki/read-collection'
import { CardState } from '../core/scheduling/scheduler'
import { nodeSqlEngine } from './node-sqlite'
import { readSharedFixture, sharedFixturesPresent, warnIfFixturesAbsent } from './shared-fixtures'
import { memoryCollection } from '../app/collection-writes'

const now = new Date('2026-11-29T12:00:00Z')
warnIfFixturesAbsent('the imports of real Anki packages (src/cli/anki-import.test.ts)')

async function imported(file: string) {
  // As the app reads a package: a piece at a time, each media file stored as it is read.
  const store = memoryCollection()
  const read = await readImport(
    bytesSource(file, readSharedFixture(`anki/${file}`)),
    await nodeSqlEngine(),
    now,
    contentStoredIn(store),
  )
  const summary = await applyImport(store, read.data, 'keep', now)
  return { store, read, summary, data: await exportCollection(store) }
}

describe.runIf(sharedFixturesPresent)(
  'importing real Anki packages (../shared/fixtures/anki)',
  () => {
    it('brings every stock note type, the cloze note, tags and the media files of a legacy package', async () => {
      const { data, summary } = await imported('AllDefaultTemplatesAndImageAndMp3.anki2.apkg')
      expect(summary).toMatchObject({ notesAdded: 8, cardsAdded: 10, mediaAdded: 4 })
      expect(data.noteTypes.map((t) => t.name).sort()).toEqual([
        'Basic',
        'Basic (and reversed card)',
        'Basic (optional reversed card)',
        'Basic (type in the answer)',
        'Cloze',
      ])
      const cloze = data.notes.find((n) => n.fields.Text?.includes('{{c1::1913}}'))
      expect(cloze).toBeDefined()
      expect(data.cards.filter((c) => c.noteId === cloze?.id).map((c) => c.ord)).toEqual([0])
      expect(data.noteTypes.find((t) => t.name === 'Cloze')?.kind).toBe('cloze')
      // Anki's back repeats the front; here the study screen shows it, so the template drops it.
      expect(data.noteTypes.find((t) => t.name === 'Basic')?.templates[0]?.back.trim()).toBe(
        '{{Back}}',
      )
      expect(data.media.map((m) => m.name)).toEqual(
        expect.arrayContaining(['favicon.ico', 'bloop.wav']),
      )
      expect(data.media.find((m) => m.name === 'bloop.wav')?.type).toBe('audio/wav')
      const withImage = data.notes.find((n) =>
        Object.values(n.fields).some((f) => f.includes('<img')),
      )
      const src = /src="([^"]+)"/.exec(Object.values(withImage?.fields ?? {}).join(''))?.[1]
      expect(data.media.some((m) => m.name === src)).toBe(true)
      expect(data.notes.flatMap((n) => n.tags)).toEqual(
        expect.arrayContaining(['Basic', 'OtherTag']),
      )
    })

    it('keeps the 110 review logs of RandomReviews with Anki ids and ratings, and replays them with FSRS', async () => {
      const { data, read } = await imported('RandomReviews.anki2.apkg')
      expect(data.reviewLogs).toHaveLength(110)
      const ids = (rows: typeof data.reviewLogs) => rows.map((l) => l.id).sort((a, b) => a - b)
      expect(ids(read.data.reviewLogs)).toEqual(ids(data.reviewLogs))
      expect(new Set(ids(data.reviewLogs)).size).toBe(110)
      // The first revlog row of the package: card 1556075621383, ease 3, at 1556075801212 ms.
      const first = data.reviewLogs.find((l) => l.id === 1556075801212)
      // Scheduler v1 had three buttons while learning: its ease 3 was Easy.
      expect(first).toMatchObject({ rating: 4, review: 1556075801212, durationMs: 17436 })
      for (const card of data.cards) {
        const logs = data.reviewLogs.filter((l) => l.cardId === card.id)
        expect(logs.length).toBeGreaterThan(0)
        expect(card.reps).toBe(logs.length)
        expect(card.last_review).toBe(Math.max(...logs.map((l) => l.review)))
        expect(card.stability).toBeGreaterThan(0)
        expect(card.due).toBeGreaterThan(card.last_review ?? 0)
      }
      expect(data.cards.every((c) => c.state === CardState.Review)).toBe(true)
      // One card Anki had buried with its sibling (queue -2) stays buried, as Anki keeps it.
      expect(data.cards.filter((c) => c.queue !== Queue.Review).map((c) => c.queue)).toEqual([
        Queue.Buried,
      ])
    })

    it('keeps the schedule Anki set: every review and learning card is due when Anki says (issue 20)', async () => {
      const engine = await nodeSqlEngine()
      for (const file of [
        'RandomReviews.anki2.apkg',
        'ap_gov_vocab.anki2.apkg',
        'example_music_intervals.anki21b.apkg',
      ]) {
        const bytes = readSharedFixture(`anki/${file}`)
        const contents = await readAnkiPackage(bytesSource(file, bytes), async () => undefined)
        const anki = readAnkiCollection(contents.collection, contents.format, engine, file)
        const guid = new Map(anki.notes.map((n) => [n.id, n.guid]))
        const { data } = await imported(file)
        const cards = new Map(data.cards.map((c) => [c.id, c]))
        let checked = 0
        for (const raw of anki.cards) {
          const card = cards.get(cardIdOf(guid.get(raw.noteId) ?? '', raw.ord))
          if (raw.type === 2) {
            // Day `due` of the collection, counted from its creation day.
            expect(card?.due, `${file} card ${raw.id}`).toBe(
              anki.createdAt * 1000 + raw.due * 86_400_000,
            )
            expect(card?.scheduled_days).toBe(raw.interval)
            expect([card?.reps, card?.lapses]).toEqual([raw.reps, raw.lapses])
            checked++
          }
        }
        if (file === 'RandomReviews.anki2.apkg') expect(checked).toBe(25)
      }
    })

    it('reads 242 reversed notes as 484 cards with their chapter tags and deck', async () => {
      const { data } = await imported('ap_gov_vocab.anki2.apkg')
      expect(data.notes).toHaveLength(242)
      expect(data.cards).toHaveLength(484)
      expect(data.decks.map((d) => d.name)).toEqual(['Gov Vocab'])
      const tagged = (tag: string) => data.notes.filter((n) => n.tags.includes(tag)).length
      // The package's tag counts (there is no Ch.11 in it).
      expect([tagged('Ch.1'), tagged('Ch.13'), tagged('Ch.16'), tagged('Ch.11')]).toEqual([
        12, 35, 26, 0,
      ])
      expect(tagged('marked')).toBe(1)
      expect(data.notes.find((n) => n.fields.Front === 'unalienable')?.fields.Back).toBe(
        'A human right based on nature or God.',
      )
    })

    it('reads the newest collection of an anki21b package, never its "please update" stub', async () => {
      const { data, read } = await imported('example_music_intervals.anki21b.apkg')
      expect(read.data.notes).toHaveLength(340)
      expect(data.notes).toHaveLength(340)
      expect(data.notes.some((n) => Object.values(n.fields).join().includes('Please update'))).toBe(
        false,
      )
      expect(data.noteTypes.map((t) => t.name)).toEqual(['Basic+'])
      expect(data.decks.map((d) => d.name).sort()).toEqual([
        'Music Intervals',
        'Music Intervals::1/ Easy - major 2nd, 3rd, perfect 5th',
        'Music Intervals::2/ Middle - minor 2nd, perfect 4th, 6th, 7th',
        'Music Intervals::3/ Hard - uncommon notes, aug / dim 4th, 5th, 7th',
        'Music Intervals::4/ Chords - 9th, 11th, 13th',
      ])
      expect(
        data.notes.find((n) => n.fields.Front === 'The perfect 5th of C is...')?.fields.Back,
      ).toBe('<h1>G</h1>')
      // New cards keep Anki's order: positions follow the package's due numbers.
      expect(new Set(data.notes.map((n) => `${n.deckId}:${n.position}`)).size).toBe(340)
    })

    it('changes nothing when the same package is imported again', async () => {
      const { store, read } = await imported('RandomReviews.anki2.apkg')
      const before = await exportCollection(store)
      const again = await applyImport(store, read.data, 'keep', new Date(now.getTime() + 60_000))
      expect(again).toMatchObject({
        notesAdded: 0,
        notesUnchanged: 25,
        cardsAdded: 0,
        logsAdded: 0,
        mediaAdded: 0,
      })
      expect(await exportCollection(store)).toEqual(before)
    })

    it('round-trips through an exported .apkg: every note, field, tag and review log comes back', async () => {
      for (const file of [
        'AllDefaultTemplatesAndImageAndMp3.anki2.apkg',
        'RandomReviews.anki2.apkg',
      ]) {
        const { data } = await imported(file)
        const apkg = ankiPackageOf(data, await nodeSqlEngine(), now)
        const back = await readImportBytes('export.apkg', apkg, await nodeSqlEngine(), now)
        const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id)
        const notes = (rows: typeof data.notes) =>
          rows.map((n) => ({ id: n.id, fields: n.fields, tags: n.tags })).sort(byId)
        expect(notes(back.data.notes)).toEqual(notes(data.notes))
        expect(back.data.cards.map((c) => c.id).sort()).toEqual(data.cards.map((c) => c.id).sort())
        const logs = (rows: typeof data.reviewLogs) =>
          rows.map((l) => [l.id, l.rating]).sort((a, b) => (a[0] as number) - (b[0] as number))
        expect(logs(back.data.reviewLogs)).toEqual(data.reviewLogs.map((l) => [l.id, l.rating]))
        expect(back.data.media.map((m) => m.name).sort()).toEqual(
          data.media.map((m) => m.name).sort(),
        )
      }
    })
  },
)
