import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Zip, ZipDeflate, gzipSync, strToU8, unzipSync, zipSync, type ZipInputFile } from 'fflate'
import initSqlJs from 'sql.js'
import { describe, expect, it } from 'vitest'
import { backupJson } from '../app/exchange/backup-format'
import { exportCollection } from '../app/exchange/export-collection'
import { t0 } from '../app/testing'
import { cliAt, tempFolder } from './cli-testing'
import { validPackage } from './import-testing'
import { renameEntry } from './fuzz/zip-surgery'
import { memoryCollection } from '../app/collection-writes'

/**
 * Issue 19's crafted files, each a named regression: what a user of `npm run cli` (and so of
 * the app, which runs the same readImport) now sees. Every refusal names the file and the
 * place, exits 1 with one `error:` line, and writes nothing.
 */

const SQL = await initSqlJs()
const dir = tempFolder('crafted')
// About 100 MB of crafted files: gone with the run.

const cli = cliAt(t0)

/** Writes `bytes` as `name` in the test folder; returns its path. */
function file(name: string, bytes: Uint8Array | string) {
  const path = join(dir, name)
  writeFileSync(path, bytes)
  return path
}

/**
 * A zip whose entries `names` each hold `size` zero bytes, deflated (level 9) once and written
 * under every name, before the entries of `rest`: the entries `zipSync` would write, without
 * deflating a gigabyte in JavaScript (16 s); the gzip member of the zeros gives the deflate
 * stream and its CRC-32.
 */
function zipOfZeros(names: string[], size: number, rest: Record<string, Uint8Array>) {
  const gz = gzipSync(new Uint8Array(size), { level: 9 })
  const deflated = gz.subarray(10, gz.length - 8)
  const crc = new DataView(gz.buffer, gz.byteOffset + gz.length - 8, 4).getUint32(0, true)
  const chunks: Uint8Array[] = []
  const zip = new Zip((err, chunk) => {
    if (err) throw err
    chunks.push(chunk)
  })
  for (const filename of names) {
    const entry: ZipInputFile = { filename, size, crc, compression: 8 }
    zip.add(entry)
    entry.ondata?.(null, deflated, true)
  }
  for (const [filename, bytes] of Object.entries(rest)) {
    const entry = new ZipDeflate(filename, { level: 9 })
    zip.add(entry)
    entry.push(bytes, true)
  }
  zip.end()
  return Buffer.concat(chunks)
}

/** `npm run cli -- import` of a crafted file: refused with exit 1, one error line, no --out. */
async function importRefused(name: string, bytes: Uint8Array | string) {
  const out = join(dir, `${name}.out.json`)
  const run = await cli('import', file(name, bytes), '--out', out)
  expect(run.status, run.err).toBe(1)
  expect(run.err.trim().split('\n').at(-1)).toMatch(/^error: /)
  expect(
    readdirSync(dir).filter((f) => f.startsWith(`${name}.out`) || f.includes('.partial')),
  ).toEqual([])
  return run.err
}

/** The valid package with its collection changed by SQL statements (what a crafted file holds). */
async function ankiWith(...statements: string[]) {
  const entries: Record<string, Uint8Array> = unzipSync(await validPackage())
  const db = new SQL.Database(entries['collection.anki21'])
  for (const sql of statements) db.run(sql)
  entries['collection.anki21'] = db.export() as Uint8Array
  db.close()
  return zipSync(entries)
}

/** A backup of one Basic note with a card, changed by `edit`. */
async function backupWith(edit: (b: Record<string, unknown[]>) => void) {
  const store = memoryCollection()
  const { readImportBytes } = await import('../app/exchange/read-import')
  const { applyImport } = await import('../app/exchange/import-collection')
  const { nodeSqlEngine } = await import('./node-sqlite')
  const read = await readImportBytes('v.apkg', await validPackage(), await nodeSqlEngine(), t0)
  await applyImport(store, read.data, 'keep', t0)
  const backup = JSON.parse(backupJson(await exportCollection(store), t0)) as Record<
    string,
    unknown[]
  >
  edit(backup)
  return JSON.stringify(backup)
}

describe('backups that would brick the app or be kept wrong', () => {
  it('a setting named toString, constructor or __proto__ is refused by validate, import and stats', async () => {
    for (const key of ['toString', 'constructor', '__proto__']) {
      const path = file(`${key}.json`, await backupWith((b) => (b.settings = [{ key, value: 1 }])))
      const v = await cli('validate', path)
      expect(v.status).toBe(1)
      expect(v.err).toContain(`settings[0].key: "${key}" is not a setting of this app`)
      const s = await cli('stats', path)
      expect(s.status).toBe(1)
      expect(s.err).toMatch(/^error: .*not a usable Attaché backup/m)
    }
  })

  it('a card due in the year 275760, a difficulty of 1e308 and an exam date that is no date are refused by place', async () => {
    const err = await importRefused(
      'values.json',
      await backupWith((b) => {
        Object.assign(b.cards?.[0] as object, { due: 8.64e15, difficulty: 1e308 })
        Object.assign(b.decks?.[0] as object, { examDate: '2026-02-31' })
      }),
    )
    expect(err).toContain('decks[0].examDate: not a date (YYYY-MM-DD)')
    expect(err).toContain('cards[0].due: a time after the year 2200')
    expect(err).toContain('cards[0].difficulty: more than 10')
  })

  it('three review logs with one id are refused, not counted as three and stored as one', async () => {
    const err = await importRefused(
      'same-log.json',
      await backupWith((b) => {
        const log = {
          id: 1_700_000_000_000,
          cardId: 'g1#0',
          noteId: 'g1',
          durationMs: 1000,
          rating: 3,
          state: 2,
          due: 1_700_100_000_000,
          stability: 3,
          difficulty: 5,
          elapsed_days: 1,
          last_elapsed_days: 0,
          scheduled_days: 3,
          learning_steps: 0,
          review: 1_700_000_000_000,
        }
        b.reviewLogs = [log, log, log]
      }),
    )
    expect(err).toContain('reviewLogs[1].id: 1700000000000 appears twice (also reviewLogs[0])')
  })

  it('media data that is not base64 is refused by place (the decoder threw its own error; found by the fuzz run)', async () => {
    const err = await importRefused(
      'not-base64.json',
      await backupWith((b) => Object.assign(b.media?.[0] as object, { data: '***' })),
    )
    expect(err).toContain('media[0].data: not base64')
  })

  it('a gzip bomb is named as one; a .gz that is not a backup is told what to do', async () => {
    const bomb = gzipSync(new Uint8Array(64 * 2 ** 20))
    expect(await importRefused('bomb.json.gz', bomb)).toContain(
      'inflates more than 1000 times its size (a gzip bomb?)',
    )
    expect(await importRefused('notes.csv.gz', gzipSync(strToU8('a,b\n')))).toContain(
      'only Attaché backups are imported gzipped',
    )
  }, 60_000)
})

describe('Anki collections with values that cannot be right', () => {
  it('text in an integer column is refused with its table, row and column', async () => {
    const err = await importRefused(
      'text-due.apkg',
      await ankiWith("UPDATE cards SET due = 'soon'"),
    )
    expect(err).toMatch(/table cards, card \d+: column "due" holds text \("soon"\), not an integer/)
  })

  it('an id past 2^53 (which JavaScript would round) and a negative note id are refused', async () => {
    expect(
      await importRefused('huge-id.apkg', await ankiWith('UPDATE notes SET id = 9007199254740993')),
    ).toContain('column "id" holds 9007199254740992, beyond the 2^53 that can be kept exactly')
    expect(
      await importRefused('neg-id.apkg', await ankiWith('UPDATE notes SET id = -5')),
    ).toContain('column "id" holds -5, less than 1')
  })

  it('a review time in the year 275760 and a fractional interval: refused, and rounded as Anki does', async () => {
    const err = await importRefused(
      'future-log.apkg',
      await ankiWith(
        'INSERT INTO revlog VALUES (8640000000000000, (SELECT id FROM cards), -1, 3, 1, 0, 2500, 5000, 0)',
      ),
    )
    expect(err).toContain('table revlog, review 8640000000000000: column "id" holds')
    const rounded = await cli(
      'import',
      file('fraction.apkg', await ankiWith('UPDATE cards SET ivl = 2.6, type = 2, queue = 2')),
      '--out',
      join(dir, 'fraction.json'),
    )
    expect(rounded.status, rounded.err).toBe(0)
    expect(rounded.err).toContain(
      'warning: ' +
        join(dir, 'fraction.apkg') +
        ": 1 × fractional cards.ivl rounded, as Anki's Check Database does",
    )
  })

  it('a card ordinal beyond its note type, and a template naming constructor, import without harm', async () => {
    const out = join(dir, 'ord.json')
    const run = await cli(
      'import',
      file('ord.apkg', await ankiWith('UPDATE cards SET ord = 7')),
      '--out',
      out,
    )
    expect(run.status, run.err).toBe(0)
    expect(run.err).toMatch(/card \d+ uses template 8 of "Basic", which has 1; left out/)
    expect((await cli('validate', out)).status).toBe(0)
  })

  it('three review rows with one id keep all three answers, said in a warning', async () => {
    const out = join(dir, 'same-revlog.json')
    const crafted = await ankiWith(
      'CREATE TABLE r2 AS SELECT * FROM revlog',
      'DROP TABLE revlog',
      'CREATE TABLE revlog (id integer, cid integer, usn integer, ease integer, ivl integer, lastIvl integer, factor integer, time integer, type integer)',
      ...[1, 2, 3].map(
        () =>
          'INSERT INTO revlog VALUES (1700000000000, (SELECT id FROM cards), -1, 3, 1, 0, 2500, 5000, 0)',
      ),
    )
    const run = await cli('import', file('same-revlog.apkg', crafted), '--out', out)
    expect(run.status, run.err).toBe(0)
    expect(run.err).toContain(
      '2 review rows shared an id with another; moved to the next free millisecond',
    )
    expect(run.out).toContain('3 review logs')
    const logs = (JSON.parse(readFileSync(out, 'utf8')) as { reviewLogs: { id: number }[] })
      .reviewLogs
    expect(logs.map((l) => l.id)).toEqual([1700000000000, 1700000000001, 1700000000002])
  })

  it('two notes with one guid stay two notes, each with its own card', async () => {
    const out = join(dir, 'same-guid.json')
    const crafted = await ankiWith(
      "INSERT INTO notes SELECT id + 1, guid, mid, mod, usn, tags, 'Other' || char(31) || 'B', sfld, csum, flags, data FROM notes",
      'INSERT INTO cards SELECT id + 1, nid + 1, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data FROM cards',
    )
    const run = await cli('import', file('same-guid.apkg', crafted), '--out', out)
    expect(run.status, run.err).toBe(0)
    expect(run.out).toContain('2 notes, 2 cards')
    expect(run.err).toMatch(/has the guid "g1" of another note; kept apart as "g1~2"/)
  })

  it('a deck named "::" gets a name, and a deck nested 500 levels deep is refused with the limit', async () => {
    const deep = Array.from({ length: 500 }, (_, i) => `L${i}`).join('::')
    const setDeckName = (name: string) =>
      `UPDATE col SET decks = json_set(decks, '$.' || (SELECT did FROM cards LIMIT 1) || '.name', '${name}')`
    const ok = await cli(
      'import',
      file('blank-deck.apkg', await ankiWith(setDeckName('::'))),
      '--out',
      join(dir, 'blank-deck.json'),
    )
    expect(ok.status, ok.err).toBe(0)
    expect(ok.err).toMatch(/name "::" has blank levels; named "Deck \d+"/)
    expect((await cli('validate', join(dir, 'blank-deck.json'))).status).toBe(0)
    expect(await importRefused('deep-deck.apkg', await ankiWith(setDeckName(deep)))).toContain(
      'a deck nested more than 32 levels deep',
    )
  })
})

describe('packages whose names deceive', () => {
  const withEntries = async (edit: (e: Record<string, Uint8Array>) => void) => {
    const entries = unzipSync(await validPackage())
    edit(entries)
    return zipSync(entries)
  }

  it('a right-to-left override in a media name is refused and shown escaped', async () => {
    const err = await importRefused(
      'rtl.apkg',
      await withEntries((e) => (e.media = strToU8(JSON.stringify({ 0: 'photo\u202Egnp.exe' })))),
    )
    expect(err).toContain('media "photo\\u{202E}gnp.exe": its name holds a text-direction control')
  })

  it('media names that differ only by case are refused', async () => {
    const err = await importRefused(
      'case.apkg',
      await withEntries((e) => {
        e.media = strToU8(JSON.stringify({ 0: 'a.png', 1: 'A.png' }))
        e['1'] = e['0'] as Uint8Array
      }),
    )
    expect(err).toContain('"a.png" differs from it only by case')
  })

  it('a zip with two collection entries, or a NUL in an entry name, is refused', async () => {
    const entries = unzipSync(await validPackage())
    const second = { ...entries, 'collection.anki2X': entries['collection.anki21'] as Uint8Array }
    const doubled = renamed(zipSync(second), 'collection.anki2X', 'collection.anki21')
    expect(await importRefused('dup.apkg', doubled)).toContain(
      'entry "collection.anki21": the package holds two entries of this name',
    )
    const nul = renamed(zipSync(entries), '0', '\u0000')
    expect(await importRefused('nul.apkg', nul)).toContain(
      'entry "\\u{0}": its name holds a control character',
    )
  })
})

describe('text files the parser misread or crashed on', () => {
  it('a CSV of 200,000 rows imports (it overflowed the stack)', async () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => `front ${i},back ${i}`).join('\n')
    const run = await cli('import', file('big.csv', rows), '--out', join(dir, 'big.json'))
    expect(run.status, run.err).toBe(0)
    expect(run.out).toContain('200000 notes')
  }, 120_000)

  it('#separator:# and #separator:" are refused with the reason, not the parser\'s words', async () => {
    expect(await importRefused('hash.csv', '#separator:#\na#b\n')).toContain(
      'line 1: #separator cannot be "#": it starts comment lines',
    )
    expect(await importRefused('quote.csv', '#separator:"\na"b\n')).toContain('it quotes fields')
  })

  it('UTF-16 without a byte-order mark and a file of NULs are refused, not read as notes', async () => {
    const utf16 = new Uint8Array([...'front,back\n'].flatMap((c) => [c.charCodeAt(0), 0]))
    expect(await importRefused('utf16.csv', utf16)).toContain('looks like UTF-16 text')
    expect(await importRefused('nuls.txt', new Uint8Array(64))).toMatch(/UTF-16|NUL characters/)
  })
})

describe('what the command line writes', () => {
  it('a package of 63 media files of 16 MB of zeros is refused in words, not by V8 running out of memory', async () => {
    const size = 16 * 2 ** 20
    const map: Record<string, string> = {}
    for (let i = 0; i < 63; i++) map[String(i)] = `z${i}.mp3`
    const rest: Record<string, Uint8Array> = unzipSync(await validPackage())
    rest.media = strToU8(JSON.stringify(map))
    const path = file('zeros.apkg', zipOfZeros(Object.keys(map), size, rest))
    const out = join(dir, 'zeros.json')
    const run = spawnSync(`npm run -s cli -- import "${path}" --out "${out}"`, {
      shell: true,
      encoding: 'utf8',
      timeout: 120_000,
    })
    expect(run.status, run.stderr).toBe(1)
    // Read a piece at a time, the zeros inflate past a thousand times what was read: a bomb.
    expect(run.stderr).toContain(
      'zeros.apkg, entry "62": compressed suspiciously well (a zip bomb?); refused',
    )
    expect(existsSync(out)).toBe(false)
  }, 120_000)

  it('generate has an input bound, said with the figure, and nothing is written', async () => {
    const text = 'In 2019 Japan gave 52.5 million dollars to the fund. '.repeat(21_000)
    const out = join(dir, 'too-long-deck.json')
    const run = await cli('generate', file('too-long.txt', text), '--out', out)
    expect(run.status).toBe(1)
    expect(run.err).toMatch(
      /^error: too-long\.txt: the text is 1\.1 MB; cards are made from at most 1 MB at a time/m,
    )
    expect(readdirSync(dir).filter((f) => f.startsWith('too-long-deck'))).toEqual([])
  })

  it('every failure is exit 1 with an error: line, and --out is never left half-written', async () => {
    const missingFolder = join(dir, 'no-such-folder', 'out.json')
    const run = await cli('import', file('ok.csv', 'a,b\n'), '--out', missingFolder)
    expect(run.status).toBe(1)
    expect(run.err).toMatch(
      /^error: .*out\.json: could not be written \(no such folder\); nothing was written/m,
    )
    expect((await cli('no-such-command')).status).toBe(1)
  })
})

/** `renameEntry`, which must find the entry. */
function renamed(zip: Uint8Array, from: string, to: string): Uint8Array {
  const out = renameEntry(zip, from, to)
  expect(out, `entry ${from} renamed`).not.toBeNull()
  return out as Uint8Array
}
