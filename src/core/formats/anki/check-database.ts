import { ankiFieldChecksum, ankiSortText } from './note-checksum'
import type { SqlDatabase } from './sqlite'
import { DAY_MS } from '../../units'

/**
 * What Anki's Check Database would change in a schema-11 collection, found without changing
 * anything: written from rslib/src/dbcheck.rs and the SQL it runs
 * (rslib/src/storage/card/fix_*.sql, storage/revlog/fix_props.sql, storage/dbcheck). Every
 * package this app exports is checked with it, so what we write opens in Anki with nothing for
 * Check Database to fix. Each problem names the table, the row and what Anki would do.
 *
 * Left out: card generation (Anki adds the cards a note's templates make with a non-empty
 * front, which needs Anki's template renderer) and tag registration (`tags` in `col`, which
 * Anki rebuilds on every check whatever it held).
 */
export function ankiDatabaseProblems(db: SqlDatabase, now: Date): string[] {
  const problems: string[] = []
  const say = (what: string) => problems.push(what)
  const integrity = db.all('PRAGMA quick_check').map((r) => String(Object.values(r)[0]))
  if (integrity.join() !== 'ok')
    say(`the database fails SQLite's quick check: ${integrity.join('; ')}`)

  const col = db.all('SELECT crt, conf, models, decks FROM col')[0]
  if (!col) return [...problems, 'table col: the collection row is missing']
  const conf = parsed(col.conf) as { schedVer?: number }
  const v1 = (conf.schedVer ?? 1) < 2
  const models = parsed(col.models) as Record<string, AnkiModel>
  const decks = parsed(col.decks) as Record<string, { id: number; name: string; dyn?: number }>
  const deckById = new Map(Object.values(decks).map((d) => [Number(d.id), d]))
  const crt = Number(col.crt)
  const today = Math.floor((now.getTime() / 1000 - crt) / 86_400)

  const notes = db.all('SELECT id, mid, mod, flds, sfld, csum FROM notes')
  const noteIds = new Set(notes.map((n) => Number(n.id)))
  const cards = db.all(
    'SELECT id, nid, did, odid, ord, type, queue, due, odue, ivl, factor, mod, data FROM cards',
  )
  const revlog = db.all('SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM revlog')
  const tomorrowMs = now.getTime() + DAY_MS

  // Cards (storage/card/fix_*.sql, delete_orphaned_cards, missing decks, filtered cards).
  const ordsOfNote = new Map<number, Set<number>>()
  for (const c of cards) {
    const where = `card ${String(c.id)}`
    const [type, queue, due, odue, ivl, ord] = [c.type, c.queue, c.due, c.odue, c.ivl, c.ord].map(
      Number,
    ) as [number, number, number, number, number, number]
    if (type === 0 && queue !== 4 && due >= 1_000_000)
      say(`${where}: a new card's position ${due} is 1,000,000 or more (fix_due_new)`)
    if (queue === 2 && due > 100_000)
      say(
        `${where}: a review due on day ${due}, more than 100,000 (fix_due_other sets it to today, ${today})`,
      )
    for (const [name, value] of [
      ['due', c.due],
      ['odue', c.odue],
      ['ivl', c.ivl],
      ['mod', c.mod],
    ] as const)
      if (!Number.isInteger(value)) say(`${where}: ${name} ${String(value)} is not an integer`)
    if (ivl < 0) say(`${where}: a negative interval ${ivl} (fix_ivl)`)
    if (odue > 0 && (type === 1 || queue === 2) && !v1 && !Number(c.odid))
      say(`${where}: odue ${odue} without a filtered deck (fix_odue)`)
    if (ord < 0 || ord > 30_000) say(`${where}: ordinal ${ord} outside 0–30000 (fix_ordinal)`)
    if (!noteIds.has(Number(c.nid)))
      say(`${where}: its note ${String(c.nid)} is missing (the card is deleted)`)
    if (!deckById.has(Number(c.did)))
      say(`${where}: its deck ${String(c.did)} is missing (a deck is recovered)`)
    if (Number(c.odid) > 0 && !deckById.get(Number(c.did))?.dyn)
      say(`${where}: odid set but deck ${String(c.did)} is not filtered (odid and odue cleared)`)
    const ords = ordsOfNote.get(Number(c.nid)) ?? new Set<number>()
    if (ords.has(ord))
      say(`${where}: a second card of note ${String(c.nid)} with ordinal ${ord} (deleted)`)
    ords.add(ord)
    ordsOfNote.set(Number(c.nid), ords)
    if (Number(c.id) > tomorrowMs) say(`${where}: an id in the future (given a new one)`)
  }

  // Last review time in cards.data (fix_card_properties, get_last_revlog_info).
  const lastReview = new Map<number, number | undefined>()
  for (const r of [...revlog].sort((a, b) => Number(a.id) - Number(b.id))) {
    const cid = Number(r.cid)
    const counts = Number(r.ease) > 0 && !(Number(r.type) === 3 && Number(r.factor) === 0)
    const reset = Number(r.type) === 4 && Number(r.factor) === 0
    if (counts) lastReview.set(cid, Math.floor(Number(r.id) / 1000))
    else if (reset) lastReview.set(cid, undefined)
    else if (!lastReview.has(cid)) lastReview.set(cid, undefined)
  }
  for (const c of cards) {
    if (Number(c.type) === 0 || !lastReview.has(Number(c.id))) continue
    const data = parsed(c.data) as { lrt?: number }
    const expected = lastReview.get(Number(c.id))
    if (data.lrt !== expected)
      say(
        `card ${String(c.id)}: cards.data lrt is ${String(data.lrt)}, the last review was ${String(expected)} (rewritten)`,
      )
  }

  // Notes against their note types (check_notetypes): fields, templates, sort field, checksum.
  for (const n of notes) {
    const where = `note ${String(n.id)}`
    const model = models[String(n.mid)]
    if (!model) {
      say(`${where}: its note type ${String(n.mid)} is missing (a note type is recovered)`)
      continue
    }
    const fields = String(n.flds).split('\u001f')
    if (fields.length !== model.flds.length)
      say(
        `${where}: ${fields.length} fields, its type has ${model.flds.length} (fixed and tagged db-check)`,
      )
    if (Number(n.mod) > now.getTime() / 1000) say(`${where}: modified in the future`)
    if (Number(n.id) > tomorrowMs) say(`${where}: an id in the future (given a new one)`)
    const sortText = ankiSortText(fields[model.sortf ?? 0] ?? '')
    if (String(n.sfld) !== sortText)
      say(`${where}: sfld ${JSON.stringify(n.sfld)}, Anki computes ${JSON.stringify(sortText)}`)
    if (Number(n.csum) !== ankiFieldChecksum(fields[0] ?? ''))
      say(`${where}: csum ${String(n.csum)} is not Anki's checksum of the first field`)
    if (model.type !== 1)
      for (const ord of ordsOfNote.get(Number(n.id)) ?? [])
        if (ord >= model.tmpls.length)
          say(
            `${where}: a card of template ${ord + 1}, its type has ${model.tmpls.length} (deleted)`,
          )
  }

  // Review log (fix_props.sql, invalid ids).
  for (const r of revlog) {
    const where = `revlog ${String(r.id)}`
    for (const name of ['ivl', 'lastIvl', 'time'] as const)
      if (!Number.isInteger(r[name])) say(`${where}: ${name} ${String(r[name])} is not an integer`)
    if (Number(r.time) < 0) say(`${where}: a negative time`)
    if (Number(r.type) === 0 && Number(r.time) === 0 && Number(r.ease) === 0)
      say(`${where}: type 0 with no time and no button (made type 5)`)
    if (Number(r.id) > tomorrowMs) say(`${where}: an id in the future (given a new one)`)
  }

  // Deck names (check_missing_deck_names): every parent of a nested deck exists.
  const names = new Set(Object.values(decks).map((d) => d.name))
  for (const name of names) {
    const parts = name.split('::')
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('::')
      if (!names.has(parent)) say(`deck "${name}": its parent "${parent}" is missing (added)`)
    }
  }
  return problems
}

interface AnkiModel {
  type?: number
  sortf?: number
  flds: unknown[]
  tmpls: unknown[]
}

function parsed(json: unknown): Record<string, unknown> {
  if (typeof json !== 'string' || json === '') return {}
  try {
    const value: unknown = JSON.parse(json)
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}
