import { ImportError } from '../import-error'
import { LATEST_TIME } from '../time-range'
import { strictUtf8 } from '../text-decoding'
import {
  floatField,
  floatsField,
  messageFields,
  stringField,
  varintField,
  wireFields,
} from './protobuf'
import type { CollectionFormat } from './read-package'
import { looksLikeSqlite, type SqlDatabase, type SqlEngine } from './sqlite'
import { MAX_STABILITY } from '../../scheduling/scheduler'
import { columnReader, type Repairs } from './column-values'

/** Anki's rows, read as they are; mapping them to this app's collection is the app's job. */
export interface AnkiNoteType {
  id: number
  name: string
  kind: 'standard' | 'cloze'
  fields: string[]
  templates: { name: string; front: string; back: string }[]
  /** The field `sfld` is made from (Anki's `sortf`). */
  sortField: number
  css: string
}
export interface AnkiDeck {
  id: number
  /** Nested with `::`, as Anki shows it. */
  name: string
  /** The deck's description, as Anki keeps it (HTML). */
  description?: string
  /** A filtered deck: Anki's view of cards that belong to other decks. */
  filtered?: boolean
  /** The id of the deck options preset it studies with (Anki's `conf`). */
  configId?: number
}

/**
 * A preset of deck options as Anki keeps it (schema 11's `dconf`, or the `deck_config` table):
 * steps in minutes, FSRS's parameters as the newest set the collection has, empty when none.
 */
export interface AnkiDeckConfig {
  id: number
  name: string
  newPerDay: number
  reviewsPerDay: number
  learningSteps: number[]
  relearningSteps: number[]
  maximumInterval: number
  leechThreshold: number
  /** 0 suspend, 1 tag only. */
  leechAction: number
  burySiblings: boolean
  /** 0 when the collection never set one. */
  desiredRetention: number
  fsrsParameters: number[]
}
export interface AnkiNote {
  id: number
  guid: string
  typeId: number
  /** Last modified, epoch seconds. */
  modified: number
  tags: string[]
  fields: string[]
}
export interface AnkiCard {
  id: number
  noteId: number
  deckId: number
  /** The deck it came from when it sits in a filtered deck, else 0. */
  originalDeckId: number
  ord: number
  /** 0 new, 1 learning, 2 review, 3 relearning. */
  type: number
  /** -3..-1 buried/suspended, 0 new, 1/3 learning, 2 review, 4 preview. */
  queue: number
  /** New: position; review: day number; learning: epoch seconds. */
  due: number
  /** In a filtered deck: the due it had in its own deck (`due` is then the filtered order). */
  originalDue: number
  interval: number
  factor: number
  reps: number
  lapses: number
  /** Anki's flag colour, 0–7. */
  flag: number
  /** Learning steps left (Anki's `left`), kept for export. */
  left: number
  /** FSRS's memory of the card as Anki keeps it in `cards.data` (Anki 23.10+), when there. */
  memory?: { stability: number; difficulty: number }
  /** The rest of `cards.data` (original position, custom data) as JSON, '' when none. */
  otherData: string
}
export interface AnkiReview {
  /** Answer time, epoch ms: Anki's id, kept as the log's id. */
  id: number
  cardId: number
  /** 0 manual, 1–4 buttons (in v1 learning, 1–3). */
  ease: number
  interval: number
  lastInterval: number
  factor: number
  timeMs: number
  /** 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled. */
  type: number
}
export interface AnkiCollection {
  format: CollectionFormat
  /** Anki's scheduler version: 1 had three buttons while learning. */
  schedulerVersion: number
  /** Collection creation, epoch seconds (review due days count from its day). */
  createdAt: number
  /** The hour Anki's day rolls over at ("next day starts at"), when the collection says. */
  rolloverHour?: number
  /**
   * Local time minus UTC in minutes where the collection was last studied (its `localOffset`,
   * else `creationOffset`; Anki stores both as minutes west of UTC), when it says.
   */
  utcOffsetMinutes?: number
  noteTypes: AnkiNoteType[]
  decks: AnkiDeck[]
  /** The presets of deck options; absent in collections read before they were kept. */
  deckConfigs?: AnkiDeckConfig[]
  notes: AnkiNote[]
  cards: AnkiCard[]
  reviews: AnkiReview[]
  /** What was repaired while reading, as Anki's Check Database would, with how often. */
  repairs?: Repairs
}

const FIELD_SEPARATOR = '\u001f'
/** Anki's cloze numbers stop well short of this. */
const MAX_ORDINAL = 9_999
/** Due values and intervals: day numbers, positions or epoch seconds, all well inside this. */
const MAX_DUE = LATEST_TIME / 1000

/** Reads an Anki collection database (schema 11, or 15+ with its own note-type tables). */
export function readAnkiCollection(
  bytes: Uint8Array,
  format: CollectionFormat,
  engine: SqlEngine,
  file: string,
): AnkiCollection {
  const place = `collection.${format}`
  const fail = (reason: string, where = place) => new ImportError(file, where, reason)
  if (!looksLikeSqlite(bytes)) throw fail('not an SQLite database (damaged or not a collection)')
  let db: SqlDatabase
  try {
    db = engine.open(bytes)
  } catch (e) {
    throw fail(`the database cannot be opened (${sqliteProblem(e)})`)
  }
  const repairs: Repairs = new Map()
  const note = columnReader(file, place, 'notes', 'note', repairs)
  const card = columnReader(file, place, 'cards', 'card', repairs)
  const review = columnReader(file, place, 'revlog', 'review', repairs)
  const colRow = columnReader(file, place, 'col', 'row', repairs)
  try {
    const tables = new Set(
      db.all("SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => r.name),
    )
    const needed = ['col', 'notes', 'cards', 'revlog']
    for (const t of needed)
      if (!tables.has(t)) throw fail(`not an Anki collection (it has no "${t}" table)`)
    const col = db.all('SELECT * FROM col')[0]
    if (!col) throw fail('the collection row is missing', `${place}, table col`)
    const schema = colRow(col, 'ver', { min: 0 })
    const modern = schema >= 15
    if (modern)
      for (const t of ['notetypes', 'fields', 'templates', 'decks'])
        if (!tables.has(t)) throw fail(`schema ${schema} needs a "${t}" table, which is missing`)
    return {
      format,
      schedulerVersion: modern
        ? modernSchedulerVersion(db, tables)
        : legacySchedulerVersion(col, fail),
      createdAt: colRow(col, 'crt', { min: 0, max: LATEST_TIME / 1000 }),
      ...dayRuleOf(modern ? modernConfig(db, tables, DAY_KEYS) : legacyConfig(col)),
      noteTypes: modern ? modernNoteTypes(db, fail) : legacyNoteTypes(col, fail),
      decks: modern ? modernDecks(db, fail) : legacyDecks(col, fail),
      deckConfigs: modern
        ? tables.has('deck_config')
          ? modernDeckConfigs(db, fail)
          : []
        : legacyDeckConfigs(col),
      notes: db.all('SELECT id, guid, mid, mod, tags, flds FROM notes ORDER BY id').map((r) => {
        const guid = typeof r.guid === 'string' ? r.guid : ''
        if (!guid) throw fail('a note has no guid', `${place}, note ${String(r.id)}`)
        return {
          id: note(r, 'id', { min: 1 }),
          guid,
          typeId: note(r, 'mid'),
          modified: note(r, 'mod', { min: 0, max: LATEST_TIME / 1000 }),
          tags: String(r.tags ?? '')
            .split(/\s+/)
            .filter(Boolean),
          fields: String(r.flds ?? '').split(FIELD_SEPARATOR),
        }
      }),
      cards: db
        .all(
          'SELECT id, nid, did, odid, ord, type, queue, due, odue, ivl, factor, reps, lapses, left, flags, data FROM cards ORDER BY id',
        )
        .map((r) => ({
          id: card(r, 'id', { min: 1 }),
          noteId: card(r, 'nid'),
          deckId: card(r, 'did'),
          originalDeckId: card(r, 'odid', { min: 0 }),
          ord: card(r, 'ord', { min: 0, max: MAX_ORDINAL }),
          type: card(r, 'type', { min: 0, max: 3 }),
          queue: card(r, 'queue', { min: -3, max: 4 }),
          due: card(r, 'due', { round: true, min: -MAX_DUE, max: MAX_DUE }),
          originalDue: card(r, 'odue', { round: true, min: -MAX_DUE, max: MAX_DUE }),
          interval: card(r, 'ivl', { round: true, min: -MAX_DUE, max: MAX_DUE }),
          factor: card(r, 'factor', { round: true }),
          reps: card(r, 'reps', { min: 0 }),
          lapses: card(r, 'lapses', { min: 0 }),
          left: card(r, 'left', { round: true }),
          flag: card(r, 'flags') & 7,
          ...cardDataOf(r.data),
        })),
      reviews: db
        .all('SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM revlog ORDER BY id')
        .map((r) => ({
          id: review(r, 'id', { min: 0, max: LATEST_TIME }),
          cardId: review(r, 'cid'),
          ease: review(r, 'ease', { min: 0, max: 4 }),
          interval: review(r, 'ivl', { round: true, min: -MAX_DUE, max: MAX_DUE }),
          lastInterval: review(r, 'lastIvl', { round: true, min: -MAX_DUE, max: MAX_DUE }),
          factor: review(r, 'factor', { round: true }),
          timeMs: review(r, 'time', { round: true }),
          type: review(r, 'type', { min: 0, max: 5 }),
        })),
      repairs,
    }
  } catch (e) {
    if (e instanceof ImportError) throw e
    throw fail(`the database cannot be read (${sqliteProblem(e)})`)
  } finally {
    db.close()
  }
}

type Fail = (reason: string, where?: string) => ImportError

function jsonColumn(col: Record<string, unknown>, name: string, fail: Fail): unknown {
  try {
    return JSON.parse(String(col[name] ?? ''))
  } catch {
    throw fail(`the "${name}" column is not JSON`, `collection, table col`)
  }
}

const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])

const DAY_KEYS = ['rollover', 'localOffset', 'creationOffset'] as const

/** The legacy collection's config (`col.conf`), or nothing when it is not JSON. */
function legacyConfig(col: Record<string, unknown>): Record<string, unknown> {
  try {
    return record(JSON.parse(String(col.conf ?? '')))
  } catch {
    return {}
  }
}

/** Keys of a modern collection's `config` table (JSON values), those that parse. */
function modernConfig(db: SqlDatabase, tables: Set<unknown>, keys: readonly string[]) {
  const config: Record<string, unknown> = {}
  if (!tables.has('config')) return config
  // The keys are this module's constants, never the file's.
  const names = keys.map((k) => `'${k}'`).join(', ')
  for (const row of db.all(`SELECT KEY AS name, val FROM config WHERE KEY IN (${names})`)) {
    if (typeof row.name !== 'string' || !(row.val instanceof Uint8Array)) continue
    try {
      config[row.name] = JSON.parse(strictUtf8(row.val) ?? '')
    } catch {
      // A value that is not JSON says nothing; the day rule falls back.
    }
  }
  return config
}

/** The collection's day boundary, from what its config says (each part only when valid). */
function dayRuleOf(config: Record<string, unknown>) {
  const whole = (v: unknown, min: number, max: number) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : undefined
  const rolloverHour = whole(config.rollover, 0, 23)
  // Minutes west of UTC: UTC−12 … UTC+14.
  const west =
    whole(config.localOffset, -14 * 60, 12 * 60) ?? whole(config.creationOffset, -14 * 60, 12 * 60)
  return {
    ...(rolloverHour !== undefined ? { rolloverHour } : {}),
    ...(west !== undefined ? { utcOffsetMinutes: west === 0 ? 0 : -west } : {}),
  }
}

function legacySchedulerVersion(col: Record<string, unknown>, fail: Fail) {
  const version = Number(record(jsonColumn(col, 'conf', fail)).schedVer ?? 1)
  return Number.isFinite(version) ? version : 1
}

function modernSchedulerVersion(db: SqlDatabase, tables: Set<unknown>) {
  if (!tables.has('config')) return 2
  const row = db.all("SELECT val FROM config WHERE KEY = 'schedVer'")[0]
  if (!row || !(row.val instanceof Uint8Array)) return 2
  const version = Number(strictUtf8(row.val))
  return Number.isFinite(version) && version > 0 ? version : 2
}

function legacyNoteTypes(col: Record<string, unknown>, fail: Fail): AnkiNoteType[] {
  return Object.values(record(jsonColumn(col, 'models', fail))).map((value) => {
    const m = record(value)
    const byOrd = (a: unknown, b: unknown) => Number(record(a).ord) - Number(record(b).ord)
    return {
      id: idOf(m.id, fail, 'collection, table col, models'),
      name: String(m.name ?? 'Imported'),
      kind: Number(m.type) === 1 ? 'cloze' : 'standard',
      sortField: ordinalOf(m.sortf),
      css: typeof m.css === 'string' ? m.css : '',
      fields: list(m.flds)
        .sort(byOrd)
        .map((f) => String(record(f).name ?? '')),
      templates: list(m.tmpls)
        .sort(byOrd)
        .map((t) => ({
          name: String(record(t).name ?? ''),
          front: String(record(t).qfmt ?? ''),
          back: String(record(t).afmt ?? ''),
        })),
    }
  })
}

function legacyDecks(col: Record<string, unknown>, fail: Fail): AnkiDeck[] {
  return Object.values(record(jsonColumn(col, 'decks', fail))).map((value) => {
    const d = record(value)
    return {
      id: idOf(d.id, fail, 'collection, table col, decks'),
      name: String(d.name ?? 'Default'),
      description: typeof d.desc === 'string' ? d.desc : '',
      filtered: d.dyn === 1 || d.dyn === true,
      ...(Number.isSafeInteger(Number(d.conf)) ? { configId: Number(d.conf) } : {}),
    }
  })
}

/** The newest FSRS parameters a preset has (FSRS-6, else 5, else 4), as Anki picks them. */
function newestParameters(...sets: unknown[][]): number[] {
  const found = sets.find((set) => set.length > 0) ?? []
  return found.every((x) => typeof x === 'number' && Number.isFinite(x)) ? (found as number[]) : []
}

const numbers = (v: unknown) =>
  list(v).filter((x): x is number => typeof x === 'number' && Number.isFinite(x))
const numberOr = (v: unknown, fallback: number) =>
  typeof v === 'number' && Number.isFinite(v) ? v : fallback

/** Schema 11's presets; a `dconf` that is not JSON holds none (the decks then study with Default). */
function legacyDeckConfigs(col: Record<string, unknown>): AnkiDeckConfig[] {
  let configs: unknown
  try {
    configs = JSON.parse(String(col.dconf ?? ''))
  } catch {
    return []
  }
  return Object.values(record(configs)).flatMap((value) => {
    const c = record(value)
    const id = Number(c.id)
    if (!Number.isSafeInteger(id)) return []
    const [fresh, rev, lapse] = [record(c.new), record(c.rev), record(c.lapse)]
    return {
      id,
      name: String(c.name ?? 'Default'),
      newPerDay: numberOr(fresh.perDay, 20),
      reviewsPerDay: numberOr(rev.perDay, 200),
      learningSteps: numbers(fresh.delays),
      relearningSteps: numbers(lapse.delays),
      maximumInterval: numberOr(rev.maxIvl, 36500),
      leechThreshold: numberOr(lapse.leechFails, 8),
      leechAction: numberOr(lapse.leechAction, 1),
      burySiblings: fresh.bury === true,
      desiredRetention: numberOr(c.desiredRetention, 0),
      fsrsParameters: newestParameters(
        numbers(c.fsrsParams6),
        numbers(c.fsrsParams5),
        numbers(c.fsrsWeights),
      ),
    }
  })
}

/** Schema 15+: presets as protobuf (anki/proto/deck_config.proto, DeckConfig.Config). */
function modernDeckConfigs(db: SqlDatabase, fail: Fail): AnkiDeckConfig[] {
  return db.all('SELECT id, name, config FROM deck_config').map((row) => {
    const c = row.config instanceof Uint8Array ? wireFields(row.config) : []
    return {
      id: idOf(row.id, fail, 'collection, table deck_config'),
      name: String(row.name ?? 'Default'),
      newPerDay: varintField(c, 9),
      reviewsPerDay: varintField(c, 10),
      learningSteps: floatsField(c, 1),
      relearningSteps: floatsField(c, 2),
      maximumInterval: varintField(c, 16),
      leechThreshold: varintField(c, 22),
      leechAction: varintField(c, 21),
      burySiblings: varintField(c, 27) === 1,
      desiredRetention: floatField(c, 37),
      fsrsParameters: newestParameters(floatsField(c, 6), floatsField(c, 5), floatsField(c, 3)),
    }
  })
}

/** Schema 15+: note types in their own tables, configs as protobuf (anki/proto/notetypes.proto). */
function modernNoteTypes(db: SqlDatabase, fail: Fail): AnkiNoteType[] {
  const fields = db.all('SELECT ntid, ord, name FROM fields ORDER BY ntid, ord')
  const templates = db.all('SELECT ntid, ord, name, config FROM templates ORDER BY ntid, ord')
  return db.all('SELECT id, name, config FROM notetypes').map((nt) => {
    const id = idOf(nt.id, fail, 'collection, table notetypes')
    const where = `collection, note type ${id}`
    const config = nt.config instanceof Uint8Array ? wireFields(nt.config) : []
    return {
      id,
      name: String(nt.name ?? 'Imported'),
      kind: varintField(config, 1) === 1 ? 'cloze' : 'standard',
      sortField: ordinalOf(varintField(config, 2)),
      css: stringField(config, 3) ?? '',
      fields: fields.filter((f) => f.ntid === id).map((f) => String(f.name ?? '')),
      templates: templates
        .filter((t) => t.ntid === id)
        .map((t) => {
          const c = t.config instanceof Uint8Array ? wireFields(t.config) : []
          const front = stringField(c, 1)
          const back = stringField(c, 2)
          if (front === null || back === null) throw fail('a template is not UTF-8', where)
          return { name: String(t.name ?? ''), front, back }
        }),
    }
  })
}

function modernDecks(db: SqlDatabase, fail: Fail): AnkiDeck[] {
  return db.all('SELECT id, name, kind FROM decks').map((d) => {
    // DeckKindContainer (anki/proto/decks.proto): 1 normal { 4 description }, 2 filtered.
    const kind = d.kind instanceof Uint8Array ? wireFields(d.kind) : []
    const normal = messageFields(kind, 1)[0]
    return {
      id: idOf(d.id, fail, 'collection, table decks'),
      name: String(d.name ?? 'Default')
        .split(FIELD_SEPARATOR)
        .join('::'),
      description: (normal && stringField(wireFields(normal), 4)) ?? '',
      filtered: messageFields(kind, 2).length > 0,
      ...(normal ? { configId: varintField(wireFields(normal), 1) } : {}),
    }
  })
}

/** A field index from the file: a small whole number, else the first field. */
const ordinalOf = (v: unknown) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_ORDINAL ? v : 0

/** An id from the collection's JSON or its note-type tables: an exact integer, or the file is refused. */
function idOf(v: unknown, fail: Fail, where: string): number {
  // Anki's older collections write some ids as JSON text ("1556075597170").
  const n = typeof v === 'string' && /^-?\d{1,16}$/.test(v) ? Number(v) : v
  if (typeof n === 'number' && Number.isSafeInteger(n)) return n
  throw fail(`the id ${JSON.stringify(v) ?? String(v)} is not an exact integer`, where)
}
/** SQLite's complaint in our words: what it means for the file, not the engine's code. */
function sqliteProblem(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e)
  if (/malformed|not a database|corrupt/i.test(text)) return 'the file is damaged'
  if (/no such (table|column)/i.test(text)) return 'a table or column Anki writes is missing'
  if (/out of memory|too big|toobig/i.test(text)) return 'it is too large to read'
  return 'it is damaged or of a kind Anki does not write'
}

/** The keys of `cards.data` an export writes from the card's own state. */
export const CARD_MEMORY_KEYS = ['s', 'd', 'dr', 'decay', 'lrt'] as const

/**
 * A card's `data` column (rslib's CardData): the FSRS memory (`s`, `d`) when both are there
 * and within FSRS's ranges, and the other keys (original position, custom data) as JSON to give
 * back on export. A column that is not a JSON object holds nothing (Anki reads it the same way:
 * invalid means absent).
 */
function cardDataOf(data: unknown): Pick<AnkiCard, 'memory' | 'otherData'> {
  if (typeof data !== 'string' || !data.startsWith('{')) return { otherData: '' }
  let parsed: unknown
  try {
    parsed = JSON.parse(data)
  } catch {
    return { otherData: '' }
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { otherData: '' }
  const { s, d } = parsed as Record<string, unknown>
  const memoryKeys: readonly string[] = CARD_MEMORY_KEYS
  const rest = Object.entries(parsed).filter(([key]) => !memoryKeys.includes(key))
  const otherData = rest.length ? JSON.stringify(Object.fromEntries(rest)) : ''
  const stability = typeof s === 'number' && s > 0 && s <= MAX_STABILITY ? s : null
  const difficulty = typeof d === 'number' && d >= 1 && d <= 10 ? d : null
  return stability !== null && difficulty !== null
    ? { memory: { stability, difficulty }, otherData }
    : { otherData }
}
