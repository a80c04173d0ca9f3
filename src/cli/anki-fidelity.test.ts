import { describe, expect, it } from 'vitest'
import { ankiPackageOf } from '../app/exchange/anki-package'
import { exportCollection } from '../app/exchange/export-collection'
import { mediaRow, putMediaFiles } from '../app/exchange/media-files'
import { readImportBytes } from '../app/exchange/read-import'
import { deckWithNote, editedExport } from './import-testing'
import { applyImport } from '../app/exchange/import-collection'
import { addNote, createDeck } from '../app/editing'
import { writeSetting } from '../app/settings'
import { answer, scheduler, settings, t0 } from '../app/testing'
import { searchCards } from '../app/search'
import { Queue, cardIdOf } from '../app/collection'
import { changeCard, type CardAction } from '../app/card-actions'
import { decayOf } from '../core/scheduling/scheduler'
import { unzipSync } from 'fflate'
import { ankiFieldChecksum } from '../core/formats/anki/note-checksum'
import { nodeSqlEngine } from './node-sqlite'
import { memoryCollection } from '../app/collection-writes'

const NAMES = ['Image from Facebook (10).jpg', 'r&d notes.png', 'café.mp3']

describe('Anki packages as Anki writes them: media names, note and card columns (issue 20)', () => {
  it('travels in an exported package and comes back, spaces, parentheses and all', async () => {
    const store = memoryCollection()
    await createDeck(store, { id: 'd', name: 'Deck' }, t0)
    const front = `Which photo? <img src="${NAMES[0]}"> <img src="r&amp;d notes.png">`
    await addNote(
      store,
      scheduler,
      {
        guid: 'g1',
        deckId: 'd',
        typeId: 'basic',
        fields: { Front: front, Back: `[sound:${NAMES[2]}]` },
        tags: [],
      },
      t0,
    )
    await putMediaFiles(
      store,
      NAMES.map((n, i) => mediaRow(n, new Uint8Array([0x89, 0x50, 0x4e, 0x47, i]), 0)),
    )
    const engine = await nodeSqlEngine()
    // One deck exported: the files its notes name go with it (a file with a space was left out).
    const deck = await exportCollection(store, { deckId: 'd' })
    expect(deck.media.map((m) => m.name).sort()).toEqual([...NAMES].sort())
    const back = await readImportBytes('names.apkg', ankiPackageOf(deck, engine, t0), engine, t0)
    expect(back.data.media.map((m) => m.name).sort()).toEqual([...NAMES].sort())
    expect(back.data.notes[0]?.fields['Front']).toBe(front)
  })

  it('names, before anything is written, the media notes refer to but the package lacks', async () => {
    const store = memoryCollection()
    await createDeck(store, { id: 'd', name: 'Deck' }, t0)
    for (const [guid, front] of [
      ['g1', 'Map <img src="gone map.png">'],
      ['g2', 'Flag <img src="gone map.png"> [sound:anthem.mp3]'],
      ['g3', 'No media'],
    ] as const)
      await addNote(
        store,
        scheduler,
        { guid, deckId: 'd', typeId: 'basic', fields: { Front: front, Back: 'A' }, tags: [] },
        t0,
      )
    const engine = await nodeSqlEngine()
    const apkg = ankiPackageOf(await exportCollection(store), engine, t0)
    const read = await readImportBytes('lacking.apkg', apkg, engine, t0)
    expect(read.warnings).toContain(
      '2 notes refer to media the package does not hold (2 files: "anthem.mp3", "gone map.png"); they show as missing until added',
    )
  })

  it("writes each note's csum and sfld as Anki computes them, media names kept", async () => {
    const store = memoryCollection()
    await createDeck(store, { id: 'd', name: 'Deck' }, t0)
    const front = `Whose flag is this? <img src="${NAMES[0]}">`
    await addNote(
      store,
      scheduler,
      { guid: 'g1', deckId: 'd', typeId: 'basic', fields: { Front: front, Back: 'A' }, tags: [] },
      t0,
    )
    const engine = await nodeSqlEngine()
    const apkg = ankiPackageOf(await exportCollection(store), engine, t0)
    const db = engine.open(unzipSync(apkg)['collection.anki21'] as Uint8Array)
    try {
      const [row] = db.all('SELECT sfld, csum FROM notes')
      expect(row).toEqual({
        sfld: `Whose flag is this?  ${NAMES[0]} `,
        // int(hashlib.sha1(sfld.encode()).hexdigest()[:8], 16), as Anki's field_checksum
        csum: ankiFieldChecksum(front),
      })
      expect(row?.['csum']).not.toBe(0)
    } finally {
      db.close()
    }
  })

  it("writes cards.data as Anki's CardData: memory, desired retention, decay, last review", async () => {
    const store = await deckWithNote('Q')
    await answer(store, cardIdOf('g1', 0), 3, t0)
    const [card] = await store.getCards([cardIdOf('g1', 0)])
    const engine = await nodeSqlEngine()
    const apkg = ankiPackageOf(await exportCollection(store), engine, t0)
    const db = engine.open(unzipSync(apkg)['collection.anki21'] as Uint8Array)
    try {
      const [row] = db.all('SELECT data FROM cards')
      expect(JSON.parse(String(row?.['data']))).toEqual({
        s: Math.round((card?.stability ?? 0) * 1e4) / 1e4,
        d: Math.round((card?.difficulty ?? 0) * 1e3) / 1e3,
        dr: 0.9,
        decay: Math.round(decayOf() * 1e3) / 1e3,
        lrt: Math.floor(t0.getTime() / 1000),
      })
    } finally {
      db.close()
    }
  })

  it('keeps a buried card buried until the collection’s next day, and suspended and flags as they were', async () => {
    const store = memoryCollection()
    await createDeck(store, { id: 'd', name: 'Deck' }, t0)
    for (const guid of ['buried', 'suspended', 'flagged'])
      await addNote(
        store,
        scheduler,
        { guid, deckId: 'd', typeId: 'basic', fields: { Front: guid, Back: 'A' }, tags: [] },
        t0,
      )
    const act = async (guid: string, action: CardAction) => {
      const [card] = await store.getCards([cardIdOf(guid, 0)])
      await changeCard(store, card?.id ?? '', card?.revision ?? 0, action, t0.getTime() + 1)
    }
    await act('buried', { kind: 'bury' })
    await act('suspended', { kind: 'suspend' })
    await act('flagged', { kind: 'flag', flag: 3 })
    const engine = await nodeSqlEngine()
    const apkg = ankiPackageOf(await exportCollection(store), engine, t0)
    const later = new Date(t0.getTime() + 3_600_000)
    const back = await readImportBytes('buried.apkg', apkg, engine, later)
    const card = (guid: string) => back.data.cards.find((c) => c.noteId === guid)
    expect(card('buried')?.queue).toBe(Queue.Buried)
    expect(card('buried')?.buriedUntil).toBeGreaterThan(later.getTime())
    expect(card('buried')?.buriedUntil).toBeLessThanOrEqual(later.getTime() + 86_400_000)
    expect(card('suspended')?.queue).toBe(Queue.Suspended)
    expect(card('flagged')?.flag).toBe(3)
  })

  it('keeps empty decks and deck descriptions, both ways', async () => {
    const store = memoryCollection()
    await createDeck(store, { id: 'd', name: 'Seas', description: 'UNCLOS and <b>EEZs</b>' }, t0)
    await createDeck(store, { id: 'e', name: 'Seas::Later', description: 'Nothing yet' }, t0)
    await addNote(
      store,
      scheduler,
      { guid: 'g1', deckId: 'd', typeId: 'basic', fields: { Front: 'Q', Back: 'A' }, tags: [] },
      t0,
    )
    const engine = await nodeSqlEngine()
    const apkg = ankiPackageOf(await exportCollection(store), engine, t0)
    const back = await readImportBytes('decks.apkg', apkg, engine, t0)
    expect(back.data.decks.map((d) => [d.name, d.description]).sort()).toEqual([
      ['Seas', 'UNCLOS and <b>EEZs</b>'],
      ['Seas::Later', 'Nothing yet'],
    ])
  })

  it('takes a card in a filtered deck home with the due it had there (odue)', async () => {
    const store = await deckWithNote('Q')
    await answer(store, cardIdOf('g1', 0), 3, t0)
    await answer(store, cardIdOf('g1', 0), 3, new Date(t0.getTime() + 600_000))
    const engine = await nodeSqlEngine()
    // As Anki files a review card into a filtered deck: home deck and due kept in odid/odue.
    const apkg = await editedExport(store, (db) =>
      db.run('UPDATE cards SET type = 2, queue = 2, ivl = 9, odid = did, odue = 40, due = -100000'),
    )
    const back = await readImportBytes('filtered.apkg', apkg, engine, t0)
    const [card] = back.data.cards
    const [row] = rowsOf(apkg, engine, 'SELECT crt FROM col')
    expect(card?.due).toBe(Number(row?.['crt']) * 1000 + 40 * 86_400_000)
    expect(card?.scheduled_days).toBe(9)
  })

  it("takes FSRS's memory from cards.data when Anki kept one, with history or without", async () => {
    const store = await deckWithNote('Q')
    await answer(store, cardIdOf('g1', 0), 3, t0)
    await answer(store, cardIdOf('g1', 0), 3, new Date(t0.getTime() + 600_000))
    const engine = await nodeSqlEngine()
    const edited = async (...statements: string[]) => {
      const apkg = await editedExport(store, (db) => {
        for (const sql of statements) db.run(sql)
      })
      const back = await readImportBytes('memory.apkg', apkg, engine, t0)
      return back.data.cards[0]
    }
    const memory = `UPDATE cards SET type = 2, queue = 2, ivl = 30, data = '{"s":123.4567,"d":6.5,"lrt":1}'`
    expect(await edited(memory)).toMatchObject({ stability: 123.4567, difficulty: 6.5 })
    // No history at all: the memory, not the interval, is the stability.
    expect(await edited(memory, 'DELETE FROM revlog')).toMatchObject({
      stability: 123.4567,
      difficulty: 6.5,
      scheduled_days: 30,
    })
    // Out of FSRS's range, or not JSON: no memory; the interval stands in.
    for (const data of ['{"s":-1,"d":6.5}', 'not json'])
      expect(
        await edited(
          `UPDATE cards SET type = 2, queue = 2, ivl = 30, data = '${data}'`,
          'DELETE FROM revlog',
        ),
      ).toMatchObject({ stability: 30, difficulty: 5 })
  })
})

/** The rows `sql` selects from an exported package's collection. */
function rowsOf(apkg: Uint8Array, engine: Awaited<ReturnType<typeof nodeSqlEngine>>, sql: string) {
  const db = engine.open(unzipSync(apkg)['collection.anki21'] as Uint8Array)
  try {
    return db.all(sql)
  } finally {
    db.close()
  }
}

describe('Anki in, Anki out, unchanged: history rows and card columns (issue 20)', () => {
  it('keeps every revlog row with its columns; rows that are not answers count for nothing', async () => {
    const store = await deckWithNote('Q')
    await answer(store, cardIdOf('g1', 0), 3, t0)
    await answer(store, cardIdOf('g1', 0), 3, new Date(t0.getTime() + 600_000))
    const engine = await nodeSqlEngine()
    const day = 86_400_000
    const at = (days: number) => t0.getTime() + days * day
    const apkg = await editedExport(store, (db) => {
      // The card's own columns, and Anki's values on the two answers (ease 2150, odd intervals).
      db.run(
        `UPDATE cards SET id = 777, factor = 2150, left = 1002, data = '{"pos":5,"cd":"{\\"v\\":1}"}'`,
      )
      db.run('UPDATE revlog SET cid = 777, factor = 2150, ivl = -600, lastIvl = -60, time = 8123')
      // A filtered-deck preview, a set due date, a rescheduling: history, not answers.
      db.run(`INSERT INTO revlog VALUES (${at(1)}, 777, -1, 3, -300, -600, 0, 4000, 3)`)
      db.run(`INSERT INTO revlog VALUES (${at(2)}, 777, -1, 0, 12, 1, 2150, 0, 4)`)
      db.run(`INSERT INTO revlog VALUES (${at(3)}, 777, -1, 0, 14, 12, 2150, 0, 5)`)
    })
    const original = rowsOf(apkg, engine, 'SELECT * FROM revlog ORDER BY id').map((r) =>
      Object.values(r).map(Number),
    )

    const read = await readImportBytes('history.apkg', apkg, engine, t0)
    expect(read.data.reviewLogs.map((l) => l.rating)).toEqual([3, 3, 0, 0, 0])
    const answersOnly = await readImportBytes(
      'answers.apkg',
      ankiPackageOf(await exportCollection(store), engine, t0),
      engine,
      t0,
    )
    // The memory is the answers' alone: the three other rows change nothing.
    expect(read.data.cards[0]?.stability).toBe(answersOnly.data.cards[0]?.stability)
    expect(read.data.cards[0]?.anki).toEqual({
      id: 777,
      factor: 2150,
      left: 1002,
      data: '{"pos":5,"cd":"{\\"v\\":1}"}',
    })

    const target = memoryCollection()
    await applyImport(target, read.data, 'keep', t0)
    const out = ankiPackageOf(await exportCollection(target), engine, t0)
    const exported = rowsOf(out, engine, 'SELECT * FROM revlog ORDER BY id').map((r) =>
      Object.values(r).map(Number),
    )
    expect(exported).toEqual(original)
    const [card] = rowsOf(out, engine, 'SELECT id, factor, left, data FROM cards')
    expect(card).toMatchObject({ id: 777, factor: 2150, left: 1002 })
    expect(JSON.parse(String(card?.['data']))).toMatchObject({ pos: 5, cd: '{"v":1}' })
  })
  it("takes a learning card's step from Anki's left, and writes left anew once answered here", async () => {
    const store = await deckWithNote('Q')
    const engine = await nodeSqlEngine()
    // A learning card with both of its two steps still to go (v2 writes today's count × 1000).
    const apkg = await editedExport(store, (db) => {
      db.run(`UPDATE cards SET type = 1, queue = 1, due = ${t0.getTime() / 1000}, left = 2002`)
    })
    const read = await readImportBytes('learning.apkg', apkg, engine, t0)
    expect(read.data.cards[0]).toMatchObject({ learning_steps: 0, anki: { left: 2002 } })
    const target = memoryCollection()
    await applyImport(target, read.data, 'keep', t0)
    const leftOf = async () =>
      rowsOf(
        ankiPackageOf(await exportCollection(target), engine, t0),
        engine,
        'SELECT type, left FROM cards',
      )[0]
    // Unchanged here: Anki's own value goes back.
    expect(await leftOf()).toEqual({ type: 1, left: 2002 })
    // Good takes the first step: one is left.
    await answer(target, cardIdOf('g1', 0), 3, t0)
    expect(await leftOf()).toEqual({ type: 1, left: 1 })
    // Good again graduates it: a review card has none.
    await answer(target, cardIdOf('g1', 0), 3, new Date(t0.getTime() + 600_000))
    expect(await leftOf()).toEqual({ type: 2, left: 0 })
  })
})

describe('Anki note types as Anki keeps them: templates, CSS, sort field (issue 20)', () => {
  it('keeps the stylesheet, the sort field and templates without {{FrontSide}} as they came', async () => {
    const store = await deckWithNote('Strait of Hormuz')
    const engine = await nodeSqlEngine()
    const css = '.card { font-family: "Noto Serif"; }\n.nightMode .card { color: #eee; }'
    // A back without {{FrontSide}} (as Anki's own Cloze has), sorting by the second field.
    const back = '{{Back}}<br><small>{{Front}}</small>'
    const apkg = await editedExport(store, (db) => {
      db.run(
        `UPDATE col SET models = (SELECT json_group_object(key, json_set(value, '$.css', ?, '$.sortf', 1, '$.tmpls[0].afmt', ?)) FROM json_each(models))`,
        [css, back],
      )
    })
    const read = await readImportBytes('types.apkg', apkg, engine, t0)
    const [type] = read.data.noteTypes
    expect(type).toMatchObject({ css, sortField: 1 })
    const target = memoryCollection()
    await applyImport(target, read.data, 'keep', t0)
    const found = await searchCards(target, '', settings, t0)
    expect(found.ok && found.cards.map((c) => c.sortField)).toEqual(['A'])

    const out = ankiPackageOf(await exportCollection(target), engine, t0)
    const [col] = rowsOf(out, engine, 'SELECT models FROM col')
    const model = Object.values(JSON.parse(String(col?.['models'])) as Record<string, AnkiModel>)[0]
    expect(model).toMatchObject({ css, sortf: 1 })
    expect(model?.tmpls[0]).toMatchObject({ qfmt: '{{Front}}', afmt: back })
    const [note] = rowsOf(out, engine, 'SELECT sfld FROM notes')
    expect(note?.['sfld']).toBe('A')
  })
})

interface AnkiModel {
  css: string
  sortf: number
  tmpls: { qfmt: string; afmt: string }[]
}

describe('Anki deck options become presets, and go back (issue 20)', () => {
  it("brings a deck's preset: limits, steps, leeches, desired retention, FSRS parameters", async () => {
    const store = await deckWithNote('Q')
    const engine = await nodeSqlEngine()
    const params = Array.from({ length: 21 }, (_, i) => Math.round((0.1 + i / 7) * 1e4) / 1e4)
    const conf = {
      id: 1700000000123,
      name: 'Treaties, hard',
      new: { perDay: 35, delays: [1, 10, 1440], bury: false },
      rev: { perDay: 450, maxIvl: 400 },
      lapse: { delays: [10], leechFails: 5, leechAction: 0 },
      desiredRetention: 0.85,
      fsrsParams6: params,
    }
    const apkg = await editedExport(store, (db) => {
      db.run('UPDATE col SET dconf = json_set(dconf, ?, json(?))', [
        `$."${conf.id}"`,
        JSON.stringify(conf),
      ])
      db.run(
        `UPDATE col SET decks = (SELECT json_group_object(key, json_set(value, '$.conf', ${conf.id})) FROM json_each(decks))`,
      )
    })
    const read = await readImportBytes('options.apkg', apkg, engine, t0)
    const preset = {
      id: `anki-${conf.id}`,
      name: 'Treaties, hard',
      newPerDay: 35,
      reviewsPerDay: 450,
      desiredRetention: 0.85,
      learningSteps: ['1m', '10m', '1d'],
      relearningSteps: ['10m'],
      maximumIntervalDays: 400,
      leechThreshold: 5,
      leechAction: 'suspend',
      burySiblings: false,
      weights: params,
    }
    expect(read.data.presets).toEqual([preset])
    expect(read.data.decks.find((d) => d.name === 'Deck')?.presetId).toBe(preset.id)

    const target = memoryCollection()
    await applyImport(target, read.data, 'keep', t0)
    const out = ankiPackageOf(await exportCollection(target), engine, t0)
    const [col] = rowsOf(out, engine, 'SELECT dconf FROM col')
    expect(JSON.parse(String(col?.['dconf']))[String(conf.id)]).toMatchObject(conf)
    const again = await readImportBytes('again.apkg', out, engine, t0)
    expect(again.data.presets).toEqual([preset])
  })
  it("writes the Default preset with the limits and leech rule of the user's Settings", async () => {
    const store = await deckWithNote('Q')
    await writeSetting(store, 'newPerDay', 37)
    await writeSetting(store, 'reviewsPerDay', 321)
    await writeSetting(store, 'leechThreshold', 6)
    await writeSetting(store, 'leechAction', 'suspend')
    const out = ankiPackageOf(await exportCollection(store), await nodeSqlEngine(), t0)
    const [col] = rowsOf(out, await nodeSqlEngine(), 'SELECT dconf FROM col')
    expect(JSON.parse(String(col?.['dconf']))['1']).toMatchObject({
      name: 'Default',
      new: { perDay: 37 },
      rev: { perDay: 321 },
      lapse: { leechFails: 6, leechAction: 0 },
    })
  })
})
