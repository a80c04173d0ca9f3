import type { DelimitedText, TextRow } from '../../core/formats/text/read-delimited'
import { append, largest } from '../../core/extent'
import { fnv1a } from '../../core/hash'
import { whyNoCards } from '../../core/notes/note-cards'
import type { NoteType } from '../../core/notes/note-types'
import { htmlOfText } from '../../core/notes/render-template'
import { Scheduler } from '../../core/scheduling/scheduler'
import { toStoredState } from '../../core/scheduling/stored-state'
import type { DeckRow, NoteRow } from '../collection'
import { cleanTags } from '../editing'
import { cardsOfNote } from '../note-cards'
import { emptyCollectionData, type CollectionData } from './collection-data'

/** Which column (from 1) feeds what; null for none. The user's answer to the mapping step. */
export interface TextMapping {
  noteTypeId: string
  /** For each field of the note type, its column. */
  fieldColumns: Record<string, number | null>
  tagsColumn: number | null
  deckColumn: number | null
  /** A column naming each row's note type (Anki's export); its fields then follow in order. */
  notetypeColumn: number | null
  guidColumn: number | null
  /** The deck of rows without a deck column. */
  deckName: string
  /** Whether cells are HTML (else their text is escaped). */
  html: boolean
  /** Tags every note gets. */
  tags: string[]
}

/** A record left out, with its line and the reason. */
export interface RejectedRow {
  line: number
  reason: string
}

const byName = (types: readonly NoteType[], name: string | undefined) =>
  name === undefined ? undefined : types.find((t) => t.name.toLowerCase() === name.toLowerCase())

/** How many columns the file has (its widest record). */
export const columnCount = (text: DelimitedText) => largest(text.rows, (r) => r.cells.length, 0)

/**
 * The mapping the file's headers give, else the obvious one: the note type named by the file
 * (or Basic), fields from the first columns in order, no tags column. Anki's own exports need
 * no questions.
 */
export function defaultMapping(
  text: DelimitedText,
  types: readonly NoteType[],
  deckName: string,
): TextMapping {
  const h = text.headers
  const type =
    byName(types, h.notetype) ?? types.find((t) => t.id === 'basic') ?? (types[0] as NoteType)
  const special = new Set([h.tagsColumn, h.deckColumn, h.notetypeColumn, h.guidColumn])
  const free = Array.from({ length: columnCount(text) }, (_, i) => i + 1).filter(
    (c) => !special.has(c),
  )
  return {
    noteTypeId: type.id,
    fieldColumns: Object.fromEntries(type.fields.map((f, i) => [f, free[i] ?? null])),
    tagsColumn: h.tagsColumn ?? null,
    deckColumn: h.deckColumn ?? null,
    notetypeColumn: h.notetypeColumn ?? null,
    guidColumn: h.guidColumn ?? null,
    deckName: h.deck ?? deckName,
    html: h.html ?? false,
    tags: h.tags ?? [],
  }
}

/** The id a deck named `name` gets in the import (merged by name with a deck that exists). */
const deckIdOf = (name: string) => `txt-${fnv1a(name.toLowerCase()).toString(36)}`

/**
 * Notes, cards and decks from the records of a text file. Without a guid column a note's
 * guid comes from its type and first field, so importing the file again finds the same notes
 * (Anki's first-field duplicate rule). Records that cannot make a note are left out and named.
 */
export function collectionFromText(
  text: DelimitedText,
  mapping: TextMapping,
  types: readonly NoteType[],
  now: Date,
): { data: CollectionData; rejected: RejectedRow[] } {
  const data = emptyCollectionData()
  const rejected: RejectedRow[] = []
  const fallback = types.find((t) => t.id === mapping.noteTypeId)
  if (!fallback) throw new Error(`There is no note type “${mapping.noteTypeId}”.`)
  const expected = text.rows[0]?.cells.length ?? 0
  const decks = new Map<string, DeckRow>()
  const positions = new Map<string, number>()
  const seen = new Map<string, number>()
  const fresh = toStoredState(new Scheduler().newState(now))
  const cell = (row: TextRow, column: number | null) =>
    column === null ? undefined : row.cells[column - 1]
  const special = new Set([
    mapping.tagsColumn,
    mapping.deckColumn,
    mapping.notetypeColumn,
    mapping.guidColumn,
  ])

  for (const row of text.rows) {
    const reject = (reason: string) => rejected.push({ line: row.line, reason })
    const typeName = cell(row, mapping.notetypeColumn)
    const type = mapping.notetypeColumn === null ? fallback : byName(types, typeName)
    if (!type) {
      reject(`no note type named “${typeName ?? ''}”`)
      continue
    }
    let values: (string | undefined)[]
    if (mapping.notetypeColumn !== null) {
      // Anki's export: every column that is not guid, type, deck or tags is the next field.
      values = row.cells.filter((_, i) => !special.has(i + 1))
      if (
        values.length > type.fields.length &&
        values.slice(type.fields.length).some((v) => v !== '')
      ) {
        reject(`has ${values.length} fields; a ${type.name} note has ${type.fields.length}`)
        continue
      }
    } else {
      if (row.cells.length !== expected) {
        reject(`has ${row.cells.length} fields; the first record has ${expected}`)
        continue
      }
      values = type.fields.map((f) => cell(row, mapping.fieldColumns[f] ?? null))
    }
    const fields = Object.fromEntries(
      type.fields.map((f, i) => {
        const v = values[i] ?? ''
        return [f, mapping.html ? v : htmlOfText(v)]
      }),
    )
    const problem = whyNoCards(type, fields)
    if (problem) {
      reject(problem)
      continue
    }
    const first = fields[type.fields[0] ?? ''] ?? ''
    const guid =
      cell(row, mapping.guidColumn) || `txt-${fnv1a(`${type.id}\u001f${first}`).toString(36)}`
    const earlier = seen.get(guid)
    if (earlier !== undefined) {
      reject(`the same note as line ${earlier} (${mapping.guidColumn ? 'guid' : 'first field'})`)
      continue
    }
    seen.set(guid, row.line)
    const deckName = (cell(row, mapping.deckColumn) || mapping.deckName).trim() || 'Imported'
    const deckId = deckIdOf(deckName)
    if (!decks.has(deckId))
      decks.set(deckId, {
        id: deckId,
        name: deckName,
        description: '',
        sourceTitle: null,
        origin: 'user',
        updatedAt: now.getTime(),
      })
    const position = positions.get(deckId) ?? 0
    positions.set(deckId, position + 1)
    const note: NoteRow = {
      id: guid,
      typeId: type.id,
      deckId,
      fields,
      tags: cleanTags([...mapping.tags, ...(cell(row, mapping.tagsColumn) ?? '').split(/\s+/)]),
      section: [],
      position,
      retired: 0,
      modifiedAt: now.getTime(),
      createdAt: now.getTime(),
    }
    data.notes.push(note)
    append(data.cards, cardsOfNote(note, type, [], fresh).rows)
  }
  data.decks = [...decks.values()].map((d) => ({ ...d, nextPosition: positions.get(d.id) ?? 0 }))
  data.noteTypes = types.filter((t) => data.notes.some((n) => n.typeId === t.id))
  return { data, rejected }
}
