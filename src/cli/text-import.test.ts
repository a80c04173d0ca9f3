import { describe, expect, it } from 'vitest'
import { readImportBytes } from '../app/exchange/read-import'
import { BUILT_IN_NOTE_TYPES } from '../core/notes/note-types'
import { nodeSqlEngine } from './node-sqlite'
import { readSharedFixture, sharedFixturesPresent, warnIfFixturesAbsent } from './shared-fixtures'

const now = new Date('2026-11-29T12:00:00Z')
warnIfFixturesAbsent('the imports of real text exports (src/cli/text-import.test.ts)')

async function read(file: string) {
  const result = await readImportBytes(
    file,
    readSharedFixture(`text/${file}`),
    await nodeSqlEngine(),
    now,
    {
      noteTypes: BUILT_IN_NOTE_TYPES,
    },
  )
  if (result.kind !== 'text') throw new Error('read as text')
  return result
}

describe.runIf(sharedFixturesPresent)(
  'importing real text exports (../shared/fixtures/text)',
  () => {
    it('Anki’s own TSV test file: five notes, and every bad record named by its line', async () => {
      const r = await read('anki_text-2fields.txt')
      expect(r.text.separator).toBe('\t')
      expect(r.data.notes.map((n) => [n.fields.Front, n.fields.Back])).toEqual([
        ['食べる', 'to eat'],
        ['飲む', 'to drink'],
        ['テスト', 'test'],
        ['to eat', '食べる'],
        ['遊ぶ', ''],
      ])
      expect(r.rejected).toEqual([
        { line: 6, reason: 'the same note as line 3 (first field)' },
        { line: 7, reason: 'has 3 fields; the first record has 2' },
        { line: 8, reason: 'has 1 fields; the first record has 2' },
        { line: 10, reason: expect.stringContaining('would be empty') },
      ])
    })

    it('a "Notes in Plain Text" export from another tool: its #separator and #html headers are honoured', async () => {
      const r = await read('ExampleDeck.anki-notes-export.txt')
      expect(r.mapping).toMatchObject({
        html: false,
        noteTypeId: 'basic',
        deckName: 'ExampleDeck.anki-notes-export',
      })
      expect(r.data.notes.map((n) => n.fields.Front)).toEqual([
        'Hola',
        'rojo',
        'verde',
        'el gato decidió a simplimente mirar',
      ])
      expect(r.data.notes[3]?.fields.Back).toBe('the gate decided to simply watch')
      expect(r.rejected).toEqual([])
    })
  },
)
