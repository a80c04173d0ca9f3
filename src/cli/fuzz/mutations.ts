import fc from 'fast-check'
import { gunzipSync, gzipSync, strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import type { Database, SqlJsStatic } from 'sql.js'
import type { Seed } from './seeds'
import { renameEntry } from './zip-surgery'

/**
 * Seeded mutations of the fuzz seeds (issue 19): bit flips, truncation, spliced and repeated
 * bytes; a zip's entries changed, repeated under one name or swapped; an Anki collection's
 * rows given values of the wrong kind or range, or two columns swapped; a backup's JSON values
 * replaced, removed, swapped or renamed to Object's members; a text file's lines swapped,
 * repeated or cut, and the characters the formats give meaning to put in. Positions are
 * fractions, so one mutation means something on every seed.
 */

/** Values of every kind a column or a JSON field may be handed, as SQL literals. */
const SQL_VALUES = [
  'NULL',
  "''",
  "'x'",
  "'12'",
  '-1',
  '0',
  '1',
  '4',
  '2147483648',
  '9007199254740993',
  '9223372036854775807',
  '-9223372036854775808',
  '1e308',
  '-1e308',
  '0.5',
  '86400000000000',
  "x'00ff'",
  "'{}'",
  "'[]'",
  "'toString'",
  "'__proto__'",
  "'a' || char(31) || 'b'",
  "'\u202egnp.exe'",
] as const

const JSON_VALUES: readonly unknown[] = [
  null,
  '',
  'x',
  -1,
  0,
  1,
  0.5,
  1e308,
  2 ** 53 + 2,
  8.64e15,
  true,
  {},
  [],
  'toString',
  '__proto__',
  '2026-02-31',
  '::',
]
const JSON_KEYS = ['__proto__', 'constructor', 'toString', 'x'] as const

const TEXT_INSERTS = [
  '"',
  ',',
  '\t',
  '#',
  '\n',
  '\r',
  '\u0000',
  '\u202e',
  '#separator:#\n',
  '#separator:"\n',
  '#columns:a\tb\n',
  '#deck column:9\n',
  '#notetype:Cloze\n',
  '{{c1::',
  '::',
  '\ufeff',
] as const

const at = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })

export type ByteOp =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'truncate'; at: number }
  | { op: 'splice'; at: number; remove: number; insert: number[] }
  | { op: 'repeat'; at: number; length: number }

export type Op =
  | ByteOp
  | { op: 'entry'; pick: number; inner: ByteOp[] }
  | { op: 'entry-twice'; pick: number }
  | { op: 'entry-swap'; a: number; b: number }
  | {
      op: 'sql'
      table: number
      column: number
      row: number
      value: number
      swapWith: number | null
    }
  | {
      op: 'json'
      path: number
      how: 'set' | 'delete' | 'swap' | 'rename'
      value: number
      other: number
    }
  | { op: 'line'; a: number; b: number; how: 'swap' | 'repeat' | 'delete' }
  | { op: 'insert'; at: number; text: number }

const byteOp: fc.Arbitrary<ByteOp> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant('truncate' as const), at }),
  fc.record({
    op: fc.constant('splice' as const),
    at,
    remove: fc.integer({ min: 0, max: 64 }),
    insert: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 16 }),
  }),
  fc.record({ op: fc.constant('repeat' as const), at, length: fc.integer({ min: 1, max: 4096 }) }),
)

const index = fc.nat({ max: 1_000_000 })

/** The mutations that mean something for a seed of this kind. */
function opFor(kind: Seed['kind']): fc.Arbitrary<Op> {
  const zip: fc.Arbitrary<Op>[] = [
    fc.record({
      op: fc.constant('entry' as const),
      pick: index,
      inner: fc.array(byteOp, { minLength: 1, maxLength: 3 }),
    }),
    fc.record({ op: fc.constant('entry-twice' as const), pick: index }),
    fc.record({ op: fc.constant('entry-swap' as const), a: index, b: index }),
  ]
  const sql = fc.record({
    op: fc.constant('sql' as const),
    table: index,
    column: index,
    row: index,
    value: fc.nat({ max: SQL_VALUES.length - 1 }),
    swapWith: fc.option(index, { freq: 4 }),
  })
  const json = fc.record({
    op: fc.constant('json' as const),
    path: index,
    how: fc.constantFrom('set' as const, 'delete' as const, 'swap' as const, 'rename' as const),
    value: fc.nat({ max: JSON_VALUES.length - 1 }),
    other: index,
  })
  const text: fc.Arbitrary<Op>[] = [
    fc.record({
      op: fc.constant('line' as const),
      a: index,
      b: index,
      how: fc.constantFrom('swap' as const, 'repeat' as const, 'delete' as const),
    }),
    fc.record({
      op: fc.constant('insert' as const),
      at,
      text: fc.nat({ max: TEXT_INSERTS.length - 1 }),
    }),
  ]
  switch (kind) {
    case 'package':
      return fc.oneof({ arbitrary: sql, weight: 4 }, ...zip, byteOp)
    case 'package-zstd':
    case 'backup-zip':
      return fc.oneof(...zip, byteOp)
    case 'backup':
    case 'backup-gz':
      return fc.oneof({ arbitrary: json, weight: 4 }, byteOp)
    case 'text':
    case 'revlog':
      return fc.oneof({ arbitrary: fc.oneof(...text), weight: 3 }, byteOp)
  }
}

/** One fuzz input: which seed, and the mutations made to it in order. */
export interface FuzzCase {
  seed: number
  ops: Op[]
}

/** Cases over `seeds`: a seed, then one to three mutations of the kinds that fit it. */
export function fuzzCases(seeds: readonly Seed[]): fc.Arbitrary<FuzzCase> {
  return fc.nat({ max: seeds.length - 1 }).chain((seed) =>
    fc.record({
      seed: fc.constant(seed),
      ops: fc.array(opFor((seeds[seed] as Seed).kind), { minLength: 1, maxLength: 3 }),
    }),
  )
}

const pos = (fraction: number, length: number) => Math.floor(fraction * length)

function applyByteOp(bytes: Uint8Array, op: ByteOp): Uint8Array {
  const i = pos(op.at, bytes.length)
  switch (op.op) {
    case 'flip': {
      if (bytes.length === 0) return bytes
      const out = bytes.slice()
      out[i] = (out[i] as number) ^ (1 << op.bit)
      return out
    }
    case 'truncate':
      return bytes.slice(0, i)
    case 'splice':
      return concat(bytes.subarray(0, i), new Uint8Array(op.insert), bytes.subarray(i + op.remove))
    case 'repeat':
      return concat(bytes.subarray(0, i + op.length), bytes.subarray(i))
  }
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let k = 0
  for (const p of parts) {
    out.set(p, k)
    k += p.length
  }
  return out
}

/** The entries of a zip, or null when the (already mutated) bytes are no zip. */
function entriesOf(bytes: Uint8Array): Record<string, Uint8Array> | null {
  try {
    return unzipSync(bytes)
  } catch {
    return null
  }
}

function applyZipOp(bytes: Uint8Array, op: Extract<Op, { op: `entry${string}` }>): Uint8Array {
  const entries = entriesOf(bytes)
  if (!entries) return bytes
  const names = Object.keys(entries)
  if (names.length === 0) return bytes
  const name = (k: number) => names[k % names.length] as string
  if (op.op === 'entry') {
    const n = name(op.pick)
    entries[n] = op.inner.reduce(applyByteOp, entries[n] as Uint8Array)
    return zipSync(entries)
  }
  if (op.op === 'entry-swap') {
    const a = name(op.a)
    const b = name(op.b)
    ;[entries[a], entries[b]] = [entries[b] as Uint8Array, entries[a] as Uint8Array]
    return zipSync(entries)
  }
  // A second entry of one name: added under a stand-in name of the same length, renamed.
  const n = name(op.pick)
  const standIn =
    n.length > 0 ? `${n.slice(0, -1)}${n.endsWith('\u0001') ? '\u0002' : '\u0001'}` : ''
  if (!standIn || entries[standIn]) return bytes
  const doubled = renameEntry(
    zipSync({ ...entries, [standIn]: entries[n] as Uint8Array }),
    standIn,
    n,
  )
  return doubled ?? bytes
}

function applySqlOp(SQL: SqlJsStatic, bytes: Uint8Array, op: Extract<Op, { op: 'sql' }>) {
  const entries = entriesOf(bytes)
  const entry = entries && ['collection.anki21', 'collection.anki2'].find((e) => entries[e])
  if (!entries || !entry) return bytes
  let db
  try {
    db = new SQL.Database(entries[entry])
  } catch {
    return bytes
  }
  try {
    return sqlMutated(db, entries, entry, op) ?? bytes
  } catch {
    // An earlier mutation left no readable database: this one has nothing to change.
    return bytes
  } finally {
    db.close()
  }
}

function sqlMutated(
  db: Database,
  entries: Record<string, Uint8Array>,
  entry: string,
  op: Extract<Op, { op: 'sql' }>,
): Uint8Array | null {
  const tables = (
    db.exec("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")[0]?.values ?? []
  ).map((r) => String(r[0]))
  if (tables.length === 0) return null
  const table = tables[op.table % tables.length] as string
  const columns = (db.exec(`PRAGMA table_info("${table}")`)[0]?.values ?? []).map((r) =>
    String(r[1]),
  )
  const rows = Number(db.exec(`SELECT count(*) FROM "${table}"`)[0]?.values[0]?.[0] ?? 0)
  if (columns.length === 0 || rows === 0) return null
  const column = columns[op.column % columns.length] as string
  const row = `rowid = (SELECT rowid FROM "${table}" LIMIT 1 OFFSET ${op.row % rows})`
  const other = op.swapWith === null ? null : (columns[op.swapWith % columns.length] as string)
  const set =
    other && other !== column
      ? `"${column}" = "${other}", "${other}" = "${column}"`
      : `"${column}" = ${SQL_VALUES[op.value] as string}`
  try {
    db.run(`UPDATE "${table}" SET ${set} WHERE ${row}`)
  } catch {
    // A constraint refused the value: the mutation is a no-op, as a careful writer would be.
    return null
  }
  entries[entry] = db.export()
  return zipSync(entries)
}

/** Every place in a JSON value that holds a value, as paths. */
function leafPaths(
  value: unknown,
  path: (string | number)[] = [],
  out: (string | number)[][] = [],
) {
  if (out.length > 20_000) return out
  if (Array.isArray(value)) value.forEach((v, i) => leafPaths(v, [...path, i], out))
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) leafPaths(v, [...path, k], out)
  if (path.length) out.push(path)
  return out
}

function applyJsonOp(bytes: Uint8Array, op: Extract<Op, { op: 'json' }>, gz: boolean) {
  let json: unknown
  try {
    json = JSON.parse(strFromU8(gz ? gunzipSync(bytes) : bytes))
  } catch {
    return bytes
  }
  const paths = leafPaths(json)
  if (paths.length === 0) return bytes
  const path = paths[op.path % paths.length] as (string | number)[]
  const parentOf = (p: (string | number)[]) =>
    p.slice(0, -1).reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], json) as
      Record<string | number, unknown> | unknown[]
  const parent = parentOf(path) as Record<string | number, unknown>
  const key = path.at(-1) as string | number
  if (op.how === 'set') parent[key] = structuredClone(JSON_VALUES[op.value])
  else if (op.how === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1)
    else Reflect.deleteProperty(parent, key)
  } else if (op.how === 'swap') {
    const otherPath = paths[op.other % paths.length] as (string | number)[]
    const otherParent = parentOf(otherPath) as Record<string | number, unknown>
    const otherKey = otherPath.at(-1) as string | number
    const a = parent[key]
    parent[key] = otherParent[otherKey]
    otherParent[otherKey] = a
  } else if (!Array.isArray(parent)) {
    // An own key of Object's name: written with defineProperty, as JSON.parse would make it.
    const value = parent[key]
    Reflect.deleteProperty(parent, key)
    Object.defineProperty(parent, JSON_KEYS[op.value % JSON_KEYS.length] as string, {
      value,
      enumerable: true,
      configurable: true,
      writable: true,
    })
  }
  const text = strToU8(JSON.stringify(json) ?? 'null')
  return gz ? gzipSync(text) : text
}

function applyTextOp(bytes: Uint8Array, op: Extract<Op, { op: 'line' | 'insert' }>) {
  if (op.op === 'insert') {
    const i = pos(op.at, bytes.length)
    return concat(bytes.subarray(0, i), strToU8(TEXT_INSERTS[op.text] as string), bytes.subarray(i))
  }
  const lines = strFromU8(bytes, true).split('\n')
  const a = op.a % lines.length
  const b = op.b % lines.length
  if (op.how === 'swap') [lines[a], lines[b]] = [lines[b] as string, lines[a] as string]
  else if (op.how === 'repeat') lines.splice(a, 0, lines[a] as string)
  else lines.splice(a, 1)
  return strToU8(lines.join('\n'))
}

/** A seed's bytes with a case's mutations made, in order. */
export function mutated(seed: Seed, ops: readonly Op[], SQL: SqlJsStatic): Uint8Array {
  return ops.reduce<Uint8Array>((bytes, op) => {
    switch (op.op) {
      case 'entry':
      case 'entry-twice':
      case 'entry-swap':
        return applyZipOp(bytes, op)
      case 'sql':
        return applySqlOp(SQL, bytes, op)
      case 'json':
        return applyJsonOp(bytes, op, seed.kind === 'backup-gz')
      case 'line':
      case 'insert':
        return applyTextOp(bytes, op)
      default:
        return applyByteOp(bytes, op)
    }
  }, seed.bytes)
}
