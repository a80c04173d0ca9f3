import { describe, expect, it } from 'vitest'
import { unzipSync } from 'fflate'
import { answer, t0 } from '../app/testing'
import { cardIdOf } from '../app/collection'
import { ankiDatabaseProblems } from '../core/formats/anki/check-database'
import { nodeSqlEngine } from './node-sqlite'
import { deckWithNote, editedExport } from './import-testing'

/** An exported collection of one answered card, with `statements` run on it. */
async function exportedWith(...statements: string[]) {
  const store = await deckWithNote('Hormuz <img src="map 1.png">', 'Seas::Straits')
  await answer(store, cardIdOf('g1', 0), 3, t0)
  const engine = await nodeSqlEngine()
  const apkg = await editedExport(store, (db) => {
    for (const sql of statements) db.run(sql)
  })
  const open = engine.open(unzipSync(apkg)['collection.anki21'] as Uint8Array)
  try {
    return ankiDatabaseProblems(open, new Date(t0.getTime() + 60_000))
  } finally {
    open.close()
  }
}

describe("the Check-Database validator (Anki's rslib/src/dbcheck.rs)", () => {
  it('finds nothing to fix in what we export', async () => {
    expect(await exportedWith()).toEqual([])
  })

  it('finds what Anki would fix, each with its row and what Anki does', async () => {
    const problems = await exportedWith(
      "UPDATE notes SET csum = 0, sfld = 'Hormuz'",
      "UPDATE cards SET data = '{}', ivl = -3",
      'UPDATE cards SET type = 2, queue = 2, due = 200000',
      'INSERT INTO cards SELECT id + 1, 424242, did, ord, mod, usn, type, queue, due, 1, factor, reps, lapses, left, odue, odid, flags, data FROM cards',
      'INSERT INTO revlog VALUES (1, 1, -1, 0, 0, 0, 0, 0, 0)',
    )
    const text = problems.join('\n')
    expect(text).toMatch(/note \d+: csum 0 is not Anki's checksum/)
    expect(text).toMatch(/note \d+: sfld "Hormuz", Anki computes "Hormuz {2}map 1\.png "/)
    expect(text).toMatch(/card \d+: cards\.data lrt is undefined, the last review was \d+/)
    expect(text).toMatch(/a negative interval -3/)
    expect(text).toMatch(/a review due on day 200000/)
    expect(text).toMatch(/its note 424242 is missing/)
    expect(text).toMatch(/revlog 1: type 0 with no time and no button/)
  })

  it('finds a nested deck whose parent is missing', async () => {
    const problems = await exportedWith(
      `UPDATE col SET decks = json_remove(decks, (SELECT '$."' || key || '"' FROM json_each(decks) WHERE json_extract(value, '$.name') = 'Seas'))`,
    )
    expect(problems).toContain('deck "Seas::Straits": its parent "Seas" is missing (added)')
  })
})
