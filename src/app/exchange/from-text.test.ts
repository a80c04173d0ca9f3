import { describe, expect, it } from 'vitest'
import { readDelimited } from '../../core/formats/text/read-delimited'
import { BUILT_IN_NOTE_TYPES } from '../../core/notes/note-types'
import { at } from '../../core/testing/factories'
import { addNote, createDeck } from '../editing'
import { scheduler, t0 } from '../testing'
import { notesCsv } from './csv-export'
import { exportCollection } from './export-collection'
import { collectionFromText, defaultMapping } from './from-text'
import { applyImport } from './import-collection'
import { memoryCollection } from '../collection-writes'

const now = at('2024-06-02T10:00:00Z')
const text = (s: string) => readDelimited(new TextEncoder().encode(s), 'notes.csv')
const types = BUILT_IN_NOTE_TYPES

describe('notes from a text file', () => {
  it('maps the first columns to the fields of Basic and escapes plain text', () => {
    const t = text('UNCLOS,1982\nR&D <budget>,2%\n')
    const mapping = defaultMapping(t, types, 'Law of the Sea')
    expect(mapping).toMatchObject({
      noteTypeId: 'basic',
      fieldColumns: { Front: 1, Back: 2 },
      deckName: 'Law of the Sea',
      html: false,
    })
    const { data, rejected } = collectionFromText(t, mapping, types, now)
    expect(rejected).toEqual([])
    expect(data.notes.map((n) => n.fields)).toEqual([
      { Front: 'UNCLOS', Back: '1982' },
      { Front: 'R&amp;D &lt;budget&gt;', Back: '2%' },
    ])
    expect(data.decks.map((d) => [d.name, d.nextPosition])).toEqual([['Law of the Sea', 2]])
    expect(data.cards).toHaveLength(2)
  })

  it('follows a chosen mapping: columns in another order, a tags column, a deck column, a reversed type', () => {
    const t = text('1982\tUNCLOS\tsea law\tExam::Seas\n1970\tNPT\t\tExam::Arms\n')
    const { data } = collectionFromText(
      t,
      {
        ...defaultMapping(t, types, 'x'),
        noteTypeId: 'basic-reversed',
        fieldColumns: { Front: 2, Back: 1 },
        tagsColumn: 3,
        deckColumn: 4,
        tags: ['imported'],
      },
      types,
      now,
    )
    expect(data.notes.map((n) => [n.fields.Front, n.tags])).toEqual([
      ['UNCLOS', ['imported', 'sea', 'law']],
      ['NPT', ['imported']],
    ])
    expect(data.decks.map((d) => d.name).sort()).toEqual(['Exam::Arms', 'Exam::Seas'])
    expect(data.cards).toHaveLength(4)
  })

  it('leaves out, by line, records with the wrong number of fields, an empty front or a repeated first field', () => {
    const t = text('a,b\nc,d,e\n,f\na,again\ng\nh,i\n')
    const { data, rejected } = collectionFromText(t, defaultMapping(t, types, 'd'), types, now)
    expect(data.notes.map((n) => n.fields.Front)).toEqual(['a', 'h'])
    expect(rejected).toEqual([
      { line: 2, reason: 'has 3 fields; the first record has 2' },
      { line: 3, reason: expect.stringContaining('would be empty') },
      { line: 4, reason: 'the same note as line 1 (first field)' },
      { line: 5, reason: 'has 1 fields; the first record has 2' },
    ])
  })

  it('gives the same guids each time, so a second import changes nothing', async () => {
    const file = 'UNCLOS,1982\nNPT,1970\n'
    const store = memoryCollection()
    for (const _ of [1, 2]) {
      const t = text(file)
      const { data } = collectionFromText(t, defaultMapping(t, types, 'Treaties'), types, now)
      await applyImport(store, data, 'keep', now)
    }
    const after = await exportCollection(store)
    expect(after.notes).toHaveLength(2)
    expect(after.decks.map((d) => d.name)).toEqual(['Treaties'])
  })

  it('reads back its own export (Anki’s plain-text headers) with guids, types, decks and tags', async () => {
    const store = memoryCollection()
    await createDeck(store, { id: 'exam', name: 'Exam::Seas' }, t0)
    await addNote(
      store,
      scheduler,
      {
        guid: 'g1',
        deckId: 'exam',
        typeId: 'basic',
        fields: { Front: 'Line "one",\nand two', Back: '<b>1982</b>' },
        tags: ['sea', 'law'],
      },
      t0,
    )
    await addNote(
      store,
      scheduler,
      {
        guid: 'g2',
        deckId: 'exam',
        typeId: 'cloze',
        fields: { Text: '{{c1::NPT}} entered into force in {{c2::1970}}', 'Back Extra': '' },
        tags: [],
      },
      t0,
    )
    const source = await exportCollection(store)
    for (const sep of [',', '\t'] as const) {
      const t = text(notesCsv(source, sep))
      const { data, rejected } = collectionFromText(t, defaultMapping(t, types, 'x'), types, now)
      expect(rejected).toEqual([])
      expect(data.notes.map((n) => [n.id, n.typeId, n.fields, n.tags])).toEqual(
        source.notes.map((n) => [n.id, n.typeId, n.fields, n.tags]),
      )
      expect(data.decks.map((d) => d.name)).toEqual(['Exam::Seas'])
      expect(data.cards.map((c) => c.id).sort()).toEqual(source.cards.map((c) => c.id).sort())
    }
  })

  it('writes RFC 4180 text: CRLF lines, a # guid quoted and read back, formulas only for a spreadsheet', async () => {
    const store = memoryCollection()
    await createDeck(store, { id: 'd', name: 'Seas' }, t0)
    const notes: [string, string][] = [
      ['#hash-guid', '=SUM(A1:A3)'],
      ['plain', '@mention'],
    ]
    for (const [guid, front] of notes)
      await addNote(
        store,
        scheduler,
        { guid, deckId: 'd', typeId: 'basic', fields: { Front: front, Back: '-1' }, tags: [] },
        t0,
      )
    const source = await exportCollection(store)
    const csv = notesCsv(source)
    expect(csv.split('\r\n').length).toBe(csv.split('\n').length)
    expect(csv).toContain('\r\n"#hash-guid",')
    const t = text(csv)
    const { data, rejected } = collectionFromText(t, defaultMapping(t, types, 'x'), types, now)
    expect(rejected).toEqual([])
    expect(data.notes.map((n) => [n.id, n.fields])).toEqual(
      source.notes.map((n) => [n.id, n.fields]),
    )
    const sheet = notesCsv(source, ',', { forSpreadsheet: true })
    expect(sheet).toContain(`"'=SUM(A1:A3)"`)
    expect(sheet).toContain(`'@mention`)
    expect(sheet).toContain(`'-1`)
  })
})
