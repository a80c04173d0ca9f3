import { ImportError } from '../import-error'
import { shownName } from '../shown-name'

/**
 * The values of an Anki collection's integer columns, checked as they are read (issue 19):
 * SQLite stores whatever it is given, so a crafted or damaged collection can hold text in
 * `cards.due`, an id past 2^53 (which JavaScript would silently round) or a time in the year
 * 275760. Each is refused with the table, the row and the column; a fractional number where
 * Anki's Check Database rounds it is rounded and counted.
 */

/** Ids and times are exact only up to 2^53 − 1 in JavaScript. */
const EXACT = Number.MAX_SAFE_INTEGER

/** Repairs made while reading, counted by what they were (for the import's summary). */
export type Repairs = Map<string, number>

export const countRepair = (repairs: Repairs, what: string) =>
  repairs.set(what, (repairs.get(what) ?? 0) + 1)

/** What a column may hold beyond "an integer". */
export interface IntegerRule {
  /** At least this (ids: 1, as Anki's are positive). */
  min?: number
  max?: number
  /** A fractional value is rounded (Anki's Check Database does so for these), not refused. */
  round?: boolean
}

/**
 * A checker for one table's rows: `integer(row, 'due', rule)` gives the column's value or
 * throws ImportError naming `collection.anki2, table cards, card 1601…: "due" …`.
 */
export function columnReader(
  file: string,
  place: string,
  table: string,
  rowName: string,
  repairs: Repairs,
) {
  return (row: Record<string, unknown>, column: string, rule: IntegerRule = {}): number => {
    const fail = (reason: string) =>
      new ImportError(
        file,
        `${place}, table ${table}, ${rowName} ${describe(row.id)}`,
        `column "${column}" ${reason}`,
      )
    const value = row[column]
    if (typeof value !== 'number') throw fail(`holds ${kindOf(value)}, not an integer`)
    let n = value
    if (!Number.isInteger(n)) {
      if (!rule.round || !Number.isFinite(n)) throw fail(`holds ${n}, not an integer`)
      n = Math.round(n)
      countRepair(repairs, `fractional ${table}.${column} rounded`)
    }
    if (Math.abs(n) > EXACT) throw fail(`holds ${n}, beyond the 2^53 that can be kept exactly`)
    if (rule.min !== undefined && n < rule.min) throw fail(`holds ${n}, less than ${rule.min}`)
    if (rule.max !== undefined && n > rule.max) throw fail(`holds ${n}, more than ${rule.max}`)
    return n
  }
}

const describe = (id: unknown) =>
  typeof id === 'number' || typeof id === 'string' ? shownName(String(id)) : kindOf(id)

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (NULL)'
  if (typeof value === 'string') return `text (${shownName(JSON.stringify(value.slice(0, 40)))})`
  if (value instanceof Uint8Array) return `binary data (${value.length} bytes)`
  return typeof value
}
