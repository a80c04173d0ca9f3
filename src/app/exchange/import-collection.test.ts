import { describe, expect, it } from 'vitest'
import { at } from '../../core/testing/factories'
import { Queue, cardIdOf } from '../collection'
import { addNote, createDeck } from '../editing'
import { answer, scheduler, t0 } from '../testing'
import { backupJson, backupProblems, parseBackup } from './backup-format'
import type { CollectionData } from './collection-data'
import { exportCollection } from './export-collection'
import { applyImport, duplicateGuid, planImport, restoreCollection } from './import-collection'
import { mediaBytes, mediaRow, putMediaFiles } from './media-files'
import { type Collection, memoryCollection } from '../collection-writes'

const later = at('2024-06-02T10:00:00Z')
const bytes = (...b: number[]) => new Uint8Array(b)

/** A collection of the user's: deck "Exam" with two Basic notes, one answered, and an image. */
async function userCollection() {
  const store = memoryCollection()
  await createDeck(store, { id: 'exam', name: 'Exam' }, t0)
  await addNote(
    store,
    scheduler,
    {
      guid: 'n1',
      deckId: 'exam',
      typeId: 'basic',
      fields: { Front: 'UNCLOS? <img src="map.png">', Back: '1982' },
      tags: ['sea'],
    },
    t0,
  )
  await addNote(
    store,
    scheduler,
    {
      guid: 'n2',
      deckId: 'exam',
      typeId: 'basic',
      fields: { Front: 'PKO Act?', Back: '1992' },
      tags: [],
    },
    t0,
  )
  await putMediaFiles(store, [mediaRow('map.png', bytes(1, 2, 3), t0.getTime())])
  await answer(store, cardIdOf('n1', 0), 3, t0)
  return store
}

const exported = (store: Collection) => exportCollection(store)

describe('importing a collection', () => {
  it('into an empty collection brings every note, card state, review log, medium and deck', async () => {
    const source = await exported(await userCollection())
    const store = memoryCollection()
    const summary = await applyImport(store, source, 'keep', later)
    expect(summary).toMatchObject({
      notesAdded: 2,
      cardsAdded: 2,
      logsAdded: 1,
      mediaAdded: 1,
      decksCreated: ['Exam'],
    })
    const back = await exported(store)
    expect(back.notes).toEqual(source.notes)
    expect(back.cards).toEqual(source.cards)
    expect(back.reviewLogs).toEqual(source.reviewLogs)
    expect(back.media).toEqual(source.media)
  })

  it('a second time changes nothing', async () => {
    const source = await exported(await userCollection())
    const store = memoryCollection()
    await applyImport(store, source, 'keep', later)
    const before = await exported(store)
    const again = await applyImport(store, source, 'keep', later)
    expect(again).toMatchObject({
      notesAdded: 0,
      notesUnchanged: 2,
      cardsAdded: 0,
      logsAdded: 0,
      mediaAdded: 0,
      decksCreated: [],
    })
    expect(await exported(store)).toEqual(before)
  })

  it('merges into a deck of the same name and places new notes after its own', async () => {
    const source = await exported(await userCollection())
    const store = memoryCollection()
    await createDeck(store, { id: 'mine', name: 'exam' }, t0)
    await addNote(
      store,
      scheduler,
      {
        guid: 'own',
        deckId: 'mine',
        typeId: 'basic',
        fields: { Front: 'Mine', Back: 'x' },
        tags: [],
      },
      t0,
    )
    const summary = await applyImport(store, source, 'keep', later)
    expect(summary.decksCreated).toEqual([])
    const notes = (await store.allNotes()).sort((a, b) => a.position - b.position)
    expect(notes.map((n) => [n.id, n.deckId, n.position])).toEqual([
      ['own', 'mine', 0],
      ['n1', 'mine', 1],
      ['n2', 'mine', 2],
    ])
    expect((await store.getDeck('mine'))?.nextPosition).toBe(3)
    expect((await store.getCard(cardIdOf('n2', 0)))?.position).toBe(2)
  })

  describe('a note that is here with other content', () => {
    async function edited() {
      const source = await exported(await userCollection())
      const store = memoryCollection()
      await applyImport(store, source, 'keep', later)
      const changed: CollectionData = {
        ...source,
        notes: source.notes.map((n) =>
          n.id === 'n2' ? { ...n, fields: { ...n.fields, Back: '1992 (June)' } } : n,
        ),
      }
      return { store, changed }
    }

    it('is counted before anything is written', async () => {
      const { store, changed } = await edited()
      const before = await exported(store)
      expect(await planImport(store, changed, later)).toMatchObject({
        notesConflicting: 1,
        notesUnchanged: 1,
        notesAdded: 0,
      })
      expect(await exported(store)).toEqual(before)
    })

    it('is planned as the user chose: the preview of "duplicate" counts the copy it adds', async () => {
      const { store, changed } = await edited()
      const plan = await planImport(store, changed, later, 'duplicate')
      const applied = await applyImport(store, changed, 'duplicate', later)
      expect(plan).toMatchObject({ notesAdded: 1, cardsAdded: 1 })
      expect(applied).toEqual(plan)
    })

    it('is kept as it is here when the user keeps', async () => {
      const { store, changed } = await edited()
      await applyImport(store, changed, 'keep', later)
      expect((await store.getNote('n2'))?.fields.Back).toBe('1992')
    })

    it('takes the incoming fields, keeping its cards and history, when the user updates', async () => {
      const { store, changed } = await edited()
      const card = await store.getCard(cardIdOf('n1', 0))
      await applyImport(store, changed, 'update', later)
      expect((await store.getNote('n2'))?.fields.Back).toBe('1992 (June)')
      expect(await store.getCard(cardIdOf('n1', 0))).toEqual(card)
    })

    it('sits beside a new copy when the user duplicates, once however often it is imported', async () => {
      const { store, changed } = await edited()
      await applyImport(store, changed, 'duplicate', later)
      await applyImport(store, changed, 'duplicate', later)
      expect((await store.getNote('n2'))?.fields.Back).toBe('1992')
      expect((await store.getNote(duplicateGuid('n2')))?.fields.Back).toBe('1992 (June)')
      expect((await store.getCard(cardIdOf(duplicateGuid('n2'), 0)))?.queue).toBe(Queue.New)
      expect(await store.allNotes()).toHaveLength(3)
    })
  })

  it('stores a file whose name is taken by other bytes under a new name, and the note points at it', async () => {
    const source = await exported(await userCollection())
    const store = memoryCollection()
    await putMediaFiles(store, [mediaRow('map.png', bytes(9, 9), t0.getTime())])
    const summary = await applyImport(store, source, 'keep', later)
    expect(summary.mediaRenamed).toBe(1)
    const front = (await store.getNote('n1'))?.fields.Front ?? ''
    const name = /src="([^"]+)"/.exec(front)?.[1] ?? ''
    expect(name).toMatch(/^map-[0-9a-f]{8}\.png$/)
    expect(await mediaBytes(store, name)).toEqual(bytes(1, 2, 3))
    expect(await mediaBytes(store, 'map.png')).toEqual(bytes(9, 9))
  })

  it('writes nothing when any write fails (all or nothing)', async () => {
    const source = await exported(await userCollection())
    const store = memoryCollection()
    await createDeck(store, { id: 'other', name: 'Other' }, t0)
    const before = await exported(store)
    store.putLogs = async () => {
      throw new Error('disk full')
    }
    await expect(applyImport(store, source, 'keep', later)).rejects.toThrow('disk full')
    expect(await exported(store)).toEqual(before)
  })
})

describe('backups', () => {
  it('restore gives back exactly the collection that was saved, settings included', async () => {
    const store = await userCollection()
    await store.putSetting({ key: 'theme', value: 'dark' })
    const saved = await exported(store)
    const json = backupJson(saved, later)
    const target = memoryCollection()
    await createDeck(target, { id: 'gone', name: 'Replaced' }, t0)
    await restoreCollection(target, parseBackup(new TextEncoder().encode(json), 'backup.json'))
    expect(await exported(target)).toEqual(saved)
  })

  it('names every problem of a damaged backup with its place', () => {
    const broken = {
      format: 'attache-backup',
      version: 1,
      createdAt: 0,
      noteTypes: [],
      decks: [],
      presets: [],
      notes: [
        {
          id: 'x',
          typeId: 'basic',
          deckId: 'nowhere',
          fields: { Front: 3 },
          tags: [],
          section: [],
          position: 0,
          retired: 0,
          modifiedAt: 0,
        },
      ],
      cards: [],
      reviewLogs: [],
      media: [],
      settings: [],
    }
    const { data, problems } = backupProblems(new TextEncoder().encode(JSON.stringify(broken)))
    expect(data).toBeNull()
    expect(problems).toEqual([expect.stringMatching(/^notes\[0\]\.fields\.Front: /)])
    expect(() => parseBackup(new TextEncoder().encode('{"format":'), 'b.json')).toThrow(
      /^b\.json: not a usable Attaché backup: not JSON/,
    )
  })

  it('keeps the time zone an answer was given in, and names a zone field that is no zone', async () => {
    const source = await exported(await userCollection())
    const withZone = {
      ...source,
      reviewLogs: source.reviewLogs.map((l) => ({ ...l, zone: 'Asia/Tokyo' })),
    }
    const store = memoryCollection()
    await applyImport(store, withZone, 'keep', later)
    expect((await exported(store)).reviewLogs.map((l) => l.zone)).toEqual(['Asia/Tokyo'])
    const hostile = {
      ...source,
      reviewLogs: source.reviewLogs.map((l) => ({ ...l, zone: '<img src=x>' })),
    }
    const { problems } = backupProblems(new TextEncoder().encode(JSON.stringify(hostile)))
    expect(problems).toContain('reviewLogs[0].zone: not a time zone name')
  })

  it('refuses a backup whose rows point at rows it does not have', () => {
    const json = JSON.stringify({
      format: 'attache-backup',
      version: 1,
      createdAt: 0,
      noteTypes: [],
      decks: [],
      presets: [],
      notes: [
        {
          id: 'x',
          typeId: 'basic',
          deckId: 'nowhere',
          fields: {},
          tags: [],
          section: [],
          position: 0,
          retired: 0,
          modifiedAt: 0,
        },
      ],
      cards: [],
      reviewLogs: [],
      media: [],
      settings: [],
    })
    expect(backupProblems(new TextEncoder().encode(json)).problems).toEqual([
      'notes[0].typeId: no note type "basic" in the file',
      'notes[0].deckId: no deck "nowhere" in the file',
    ])
  })
})
