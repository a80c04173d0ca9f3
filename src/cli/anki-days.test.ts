import { describe, expect, it } from 'vitest'
import type { Database } from 'sql.js'
import { readImportBytes } from '../app/exchange/read-import'
import { cardIdOf } from '../app/collection'
import { t0 } from '../app/testing'
import { deckWithNote, editedExport } from './import-testing'
import { nodeSqlEngine } from './node-sqlite'
import { ankiDayRule } from '../app/exchange/from-anki'
import { bytesSource } from '../core/formats/byte-source'
import { readAnkiPackage } from '../core/formats/anki/read-package'
import { readAnkiCollection } from '../core/formats/anki/read-collection'
import { readSharedFixture, sharedFixturesPresent, warnIfFixturesAbsent } from './shared-fixtures'

warnIfFixturesAbsent("a real collection's day rule (src/cli/anki-days.test.ts)")

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
// 2024-03-01 22:00 UTC is 07:00 on 2 March in Tokyo; the last answer, 4.5 hours after the one
// before, is 02:30 UTC on the 5th: a new UTC date, the same Tokyo study day (07:00, 11:30).
const START = Date.UTC(2024, 2, 1, 22)
const ANSWERS: [ms: number, ease: number, type: number][] = [
  [START, 3, 0],
  [START + 10 * MINUTE, 3, 0],
  [START + 3 * DAY, 3, 1],
  [START + 3 * DAY + 4.5 * HOUR, 3, 1],
]

/**
 * A package whose one card was answered as ANSWERS, is a review card due `dueDays` after the
 * collection's creation day, keeps no FSRS memory in cards.data, and whose config says `conf`.
 */
async function package_(conf: Record<string, number>, dueDays = 400) {
  const store = await deckWithNote('Q')
  return editedExport(store, (db: Database) => {
    const cid = db.exec('SELECT id FROM cards')[0]?.values[0]?.[0] as number
    db.run('DELETE FROM revlog')
    for (const [ms, ease, type] of ANSWERS)
      db.run('INSERT INTO revlog VALUES (?, ?, -1, ?, 0, 0, 0, 4000, ?)', [ms, cid, ease, type])
    db.run("UPDATE cards SET type = 2, queue = 2, ivl = 10, due = ?, data = '{}'", [dueDays])
    const old = JSON.parse(String(db.exec('SELECT conf FROM col')[0]?.values[0]?.[0])) as object
    db.run('UPDATE col SET conf = ?', [JSON.stringify({ ...old, ...conf })])
  })
}

async function imported(apkg: Uint8Array, reschedule = false) {
  const engine = await nodeSqlEngine()
  const read = await readImportBytes('days.apkg', apkg, engine, t0, {
    noteTypes: [],
    anki: { reschedule },
  })
  const card = read.data.cards.find((c) => c.id === cardIdOf('g1', 0))
  const logs = read.data.reviewLogs.filter((l) => l.cardId === cardIdOf('g1', 0))
  const crt = Number(read.data.decks.find((d) => d.ankiCreated)?.ankiCreated)
  return { card, logs, crt }
}

describe("an Anki collection's history counted on its own study days (issue 20)", () => {
  it('replays answers on the days its rollover hour and UTC offset make', async () => {
    // Tokyo: minutes west of UTC are −540.
    const tokyo = await imported(await package_({ rollover: 4, localOffset: -540 }))
    const utc = await imported(await package_({ rollover: 0, localOffset: 0 }))
    expect(tokyo.logs.map((l) => l.elapsed_days)).toEqual([0, 0, 3, 0])
    expect(utc.logs.map((l) => l.elapsed_days)).toEqual([0, 0, 3, 1])
    // A same-day review changes memory less than one a day later.
    expect(tokyo.card?.stability).toBeLessThan(utc.card?.stability as number)
  })

  it('takes creationOffset when the collection has no localOffset', async () => {
    const creation = await imported(await package_({ rollover: 4, creationOffset: -540 }))
    expect(creation.logs.map((l) => l.elapsed_days)).toEqual([0, 0, 3, 0])
  })

  it("keeps Anki's due date unless asked to reschedule from history", async () => {
    const apkg = await package_({ rollover: 4, localOffset: -540 }, 400)
    const kept = await imported(apkg)
    expect(kept.card?.due).toBe(kept.crt * 1000 + 400 * DAY)
    const moved = await imported(apkg, true)
    const last = ANSWERS[ANSWERS.length - 1]?.[0] as number
    const interval = moved.card?.scheduled_days as number
    expect(interval).toBeGreaterThan(0)
    expect(moved.card?.due).toBe(last + interval * DAY)
    expect(moved.card?.due).not.toBe(kept.card?.due)
    // The memory is the history's either way.
    expect(moved.card?.stability).toBe(kept.card?.stability)
  })
})

describe.runIf(sharedFixturesPresent)('the day rule a real collection records', () => {
  it("reads a modern collection's UTC offset from its config table (creationOffset 480: UTC−8)", async () => {
    const file = 'example_music_intervals.anki21b.apkg'
    const contents = await readAnkiPackage(
      bytesSource(file, readSharedFixture(`anki/${file}`)),
      async () => undefined,
    )
    const anki = readAnkiCollection(
      contents.collection,
      contents.format,
      await nodeSqlEngine(),
      file,
    )
    expect(anki.utcOffsetMinutes).toBe(-480)
    // It says no rollover hour: the user's applies, else Anki's 4.
    expect(anki.rolloverHour).toBeUndefined()
    expect(ankiDayRule(anki, { rolloverHour: 6 })).toEqual({
      rolloverHour: 6,
      utcOffsetMinutes: -480,
    })
    expect(ankiDayRule(anki)).toEqual({ rolloverHour: 4, utcOffsetMinutes: -480 })
  })
})
