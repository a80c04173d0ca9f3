import { zipSync, strToU8 } from 'fflate'
import type { AnkiCollection, AnkiDeckConfig } from './read-collection'
import type { SqlEngine } from './sqlite'

/**
 * Anki's schema 11, the collection every Anki client still reads (desktop, AnkiDroid,
 * AnkiMobile); the columns Anki keeps for syncing (usn, mod) are written as a fresh export.
 */
const SCHEMA_11 = `
CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL, ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL, conf text NOT NULL, models text NOT NULL, decks text NOT NULL, dconf text NOT NULL, tags text NOT NULL);
CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL, csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL, due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL, lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL, ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL, type integer NOT NULL);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
`

/**
 * Extra per-card data Anki 23.10+ reads (`cards.data`, rslib's CardData): the FSRS memory
 * state, the desired retention and decay it was scheduled with, and the last review's time —
 * without `lrt` Anki's Check Database rewrites the card.
 */
export interface AnkiCardMemory {
  stability: number
  difficulty: number
  desiredRetention: number
  decay: number
  /** The last review, in seconds since 1970. */
  lastReview?: number
}

export interface AnkiExport {
  collection: AnkiCollection
  /** Memory states by Anki card id, written to `cards.data` so Anki's FSRS continues from them. */
  memory: ReadonlyMap<number, AnkiCardMemory>
  /** The plain text of each note's first field (Anki's sort field), by note id. */
  sortFields: ReadonlyMap<number, string>
  /** Anki's `csum` of each note (note-checksum.ts). */
  checksums: ReadonlyMap<number, number>
  media: ReadonlyMap<string, Uint8Array>
  /** Epoch ms: the export's modification time. */
  now: number
}

const DEFAULT_CONF = {
  activeDecks: [1],
  curDeck: 1,
  newSpread: 0,
  collapseTime: 1200,
  timeLim: 0,
  estTimes: true,
  dueCounts: true,
  curModel: null,
  nextPos: 1,
  sortType: 'noteFld',
  sortBackwards: false,
  addToCur: true,
  schedVer: 2,
}

const DEFAULT_DECK_CONFIG = {
  id: 1,
  name: 'Default',
  mod: 0,
  usn: 0,
  maxTaken: 60,
  autoplay: true,
  timer: 0,
  replayq: true,
  dyn: false,
  new: { bury: true, delays: [1, 10], initialFactor: 2500, ints: [1, 4, 0], order: 1, perDay: 20 },
  lapse: { delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0 },
  rev: { perDay: 200, ease4: 1.3, maxIvl: 36500, bury: true, hardFactor: 1.2, ivlFct: 1 },
}

/**
 * An `.apkg` any Anki imports: `collection.anki21` (schema 11), the JSON media map and media
 * files named 0, 1, 2…, zipped.
 */
export function writeAnkiPackage(input: AnkiExport, engine: SqlEngine): Uint8Array {
  const { collection: col, now } = input
  const secs = Math.floor(now / 1000)
  const db = engine.create()
  try {
    db.run(SCHEMA_11)
    const models = Object.fromEntries(
      col.noteTypes.map((t) => [
        String(t.id),
        {
          id: t.id,
          name: t.name,
          type: t.kind === 'cloze' ? 1 : 0,
          mod: secs,
          usn: -1,
          sortf: t.sortField,
          did: null,
          tmpls: t.templates.map((tm, ord) => ({
            name: tm.name,
            ord,
            qfmt: tm.front,
            afmt: tm.back,
            bqfmt: '',
            bafmt: '',
            did: null,
          })),
          flds: t.fields.map((name, ord) => ({
            name,
            ord,
            sticky: false,
            rtl: false,
            font: 'Arial',
            size: 20,
          })),
          css: t.css,
          latexPre: '',
          latexPost: '',
          latexsvg: false,
          req: [],
          tags: [],
          vers: [],
        },
      ]),
    )
    const decks = Object.fromEntries(
      [
        ...(col.decks.some((d) => d.id === 1) ? [] : [{ id: 1, name: 'Default' }]),
        ...col.decks,
      ].map((d) => [
        String(d.id),
        {
          id: d.id,
          name: d.name,
          mod: secs,
          usn: -1,
          desc: d.description ?? '',
          dyn: 0,
          conf: 'configId' in d ? (d.configId ?? 1) : 1,
          collapsed: false,
          browserCollapsed: false,
          extendNew: 0,
          extendRev: 0,
          newToday: [0, 0],
          revToday: [0, 0],
          lrnToday: [0, 0],
          timeToday: [0, 0],
        },
      ]),
    )
    db.run('INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, ?)', [
      col.createdAt,
      now,
      now,
      JSON.stringify(DEFAULT_CONF),
      JSON.stringify(models),
      JSON.stringify(decks),
      JSON.stringify(deckConfigsOf(col.deckConfigs ?? [])),
      '{}',
    ])
    db.runMany(
      'INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, ?)',
      col.notes.map((n) => [
        n.id,
        n.guid,
        n.typeId,
        n.modified,
        n.tags.length ? ` ${n.tags.join(' ')} ` : '',
        n.fields.join('\u001f'),
        input.sortFields.get(n.id) ?? '',
        input.checksums.get(n.id) ?? 0,
        '',
      ]),
    )
    db.runMany(
      'INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)',
      col.cards.map((c) => {
        const memory = input.memory.get(c.id)
        const other = otherCardData(c.otherData)
        const fields = memory
          ? {
              ...other,
              ...ankiKeptMemory(memory),
              dr: round(memory.desiredRetention, 2),
              decay: round(memory.decay, 3),
              ...(memory.lastReview !== undefined ? { lrt: memory.lastReview } : {}),
            }
          : other
        const data = Object.keys(fields).length ? JSON.stringify(fields) : ''
        return [
          c.id,
          c.noteId,
          c.deckId,
          c.ord,
          secs,
          c.type,
          c.queue,
          c.due,
          c.interval,
          c.factor,
          c.reps,
          c.lapses,
          c.left,
          c.originalDeckId,
          c.flag,
          data,
        ]
      }),
    )
    db.runMany(
      'INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)',
      col.reviews.map((r) => [
        r.id,
        r.cardId,
        r.ease,
        r.interval,
        r.lastInterval,
        r.factor,
        r.timeMs,
        r.type,
      ]),
    )
    const files: Record<string, Uint8Array> = { 'collection.anki21': db.bytes() }
    const map: Record<string, string> = {}
    ;[...input.media].forEach(([name, data], i) => {
      map[String(i)] = name
      files[String(i)] = data
    })
    files.media = strToU8(JSON.stringify(map))
    return zipSync(files, { level: 6 })
  } finally {
    db.close()
  }
}

/** Stability and difficulty at the precision Anki keeps them in `cards.data`. */
export const ankiKeptMemory = (m: { stability: number; difficulty: number }) => ({
  s: round(m.stability, 4),
  d: round(m.difficulty, 3),
})

/** Rounded as Anki rounds each `cards.data` value (CardData::convert_to_json). */
const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places

/** The other keys of a card's `cards.data` as kept on import; nothing when they are not a JSON object. */
function otherCardData(json: string): Record<string, unknown> {
  if (!json) return {}
  try {
    const parsed: unknown = JSON.parse(json)
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {}
  } catch {
    return {}
  }
}

/** Schema 11's `dconf`: each preset over Anki's defaults; Anki's Default (1) is always there. */
function deckConfigsOf(configs: readonly AnkiDeckConfig[]) {
  const out: Record<string, unknown> = { 1: DEFAULT_DECK_CONFIG }
  for (const c of configs)
    out[String(c.id)] = {
      ...DEFAULT_DECK_CONFIG,
      id: c.id,
      name: c.name,
      new: {
        ...DEFAULT_DECK_CONFIG.new,
        perDay: c.newPerDay,
        delays: c.learningSteps,
        bury: c.burySiblings,
      },
      rev: { ...DEFAULT_DECK_CONFIG.rev, perDay: c.reviewsPerDay, maxIvl: c.maximumInterval },
      lapse: {
        ...DEFAULT_DECK_CONFIG.lapse,
        delays: c.relearningSteps,
        leechFails: c.leechThreshold,
        leechAction: c.leechAction,
      },
      desiredRetention: c.desiredRetention,
      ...(c.fsrsParameters.length ? { fsrsParams6: c.fsrsParameters } : {}),
    }
  return out
}
