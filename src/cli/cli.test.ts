import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { cliAt, tempFolder } from './cli-testing'
import { sharedFixture, sharedFixturesPresent, warnIfFixturesAbsent } from './shared-fixtures'

const dir = tempFolder('cli')
const now = new Date('2026-11-29T12:00:00Z')

/** Runs the command line in this process, collecting what it prints. */
const cli = cliAt(now)

warnIfFixturesAbsent('the command-line imports of real Anki packages (src/cli/cli.test.ts)')

describe.runIf(sharedFixturesPresent)('npm run cli, on a real Anki package', () => {
  const backup = join(dir, 'reviews.json')

  it('`npm run cli -- import <file> --out <backup.json>` runs as typed and writes notes, cards and reviewLogs', () => {
    const run = spawnSync(
      `npm run cli -- import "${sharedFixture('anki/RandomReviews.anki2.apkg')}" --out "${backup}"`,
      {
        shell: true,
        encoding: 'utf8',
        timeout: 60_000,
      },
    )
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toContain(`${backup}: 25 notes, 25 cards, 110 review logs, 0 media files`)
    const written = JSON.parse(readFileSync(backup, 'utf8')) as Record<string, unknown[]>
    expect([written.notes?.length, written.cards?.length, written.reviewLogs?.length]).toEqual([
      25, 25, 110,
    ])
  }, 60_000)

  it('validates, counts and exports the backup it wrote', async () => {
    expect(await cli('validate', backup)).toMatchObject({
      status: 0,
      out: `${backup}: valid backup\n`,
    })
    const stats = await cli('stats', backup)
    expect(stats.status).toBe(0)
    // One card Anki had buried with its sibling stays buried until the next day, as in Anki.
    expect(stats.out).toContain('cards: 25 (new 0, learning 0, review 24, suspended 0, buried 1)')
    expect(stats.out).toContain('review logs: 110 (2019-04-24 to 2019-05-12)')
    // Reviewed in 2019, all due long since; none of the 110 reviews falls in the last year.
    expect(stats.out).toContain('due: today 24, next 7 days 24, next 30 days 24')
    expect(stats.out).toContain(
      'true retention: last 30 days no reviews; last year no reviews (desired 90.0 %)',
    )

    const apkg = join(dir, 'reviews.apkg')
    expect((await cli('export', backup, '--format', 'apkg', '--out', apkg)).status).toBe(0)
    const again = join(dir, 'again.json')
    expect((await cli('import', apkg, '--out', again)).out).toContain(
      '25 notes, 25 cards, 110 review logs',
    )

    const csv = join(dir, 'reviews.csv')
    expect((await cli('export', backup, '--format', 'csv', '--out', csv)).status).toBe(0)
    // RFC 4180: every line ends in CRLF.
    const lines = readFileSync(csv, 'utf8').split('\r\n')
    expect(lines.slice(0, 3)).toEqual(['#separator:comma', '#html:true', '#guid column:1'])
    expect(lines.filter((l) => l && !l.startsWith('#'))).toHaveLength(25)
  })
})

describe.runIf(sharedFixturesPresent)('npm run cli, backups as archives (media as files)', () => {
  it('imports a package with media to a .zip backup, validates, counts, converts and re-imports it unchanged', async () => {
    const zip = join(dir, 'media.zip')
    const imported = await cli(
      'import',
      sharedFixture('anki/AllDefaultTemplatesAndImageAndMp3.anki2.apkg'),
      '--out',
      zip,
    )
    expect(imported.status, imported.err).toBe(0)
    expect(imported.out).toMatch(/media\.zip: \d+ notes, \d+ cards, \d+ review logs, 4 media files/)
    // A zip archive whose first entry is the rows; the media follow as files.
    const bytes = readFileSync(zip)
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK')
    expect(bytes.subarray(30, 41).toString('latin1')).toBe('backup.json')
    expect(await cli('validate', zip)).toMatchObject({ status: 0, out: `${zip}: valid backup\n` })
    expect((await cli('stats', zip)).out).toContain('media: 4 files, 9374 bytes')

    // The same collection as JSON and back to an archive: the rows are the same.
    const json = join(dir, 'media.json')
    expect((await cli('export', zip, '--format', 'json', '--out', json)).status).toBe(0)
    const again = join(dir, 'media-again.zip')
    expect((await cli('export', json, '--format', 'zip', '--out', again)).status).toBe(0)
    const rows = (file: string) => {
      const { createdAt: _c, ...rest } = JSON.parse(
        new TextDecoder().decode(unzipSync(readFileSync(file))['backup.json']),
      ) as Record<string, unknown>
      return rest
    }
    expect(rows(again)).toEqual(rows(zip))
    expect(await cli('export', zip, '--format', 'zip', '--out', join(dir, 'x.json'))).toMatchObject(
      {
        status: 1,
        err: 'error: --out: a zip backup is written to a .zip file\n',
      },
    )

    // A damaged archive is refused by validate with the entry named.
    const damaged = new Uint8Array(readFileSync(zip))
    const media = Object.entries(unzipSync(damaged)).find(([name]) => name.startsWith('media/'))
    const at = Buffer.from(damaged).indexOf(Buffer.from((media?.[1] ?? []).slice(0, 64)))
    expect(at).toBeGreaterThan(0)
    damaged[at + 10] = (damaged[at + 10] ?? 0) ^ 0xff
    const broken = join(dir, 'broken.zip')
    writeFileSync(broken, damaged)
    const refused = await cli('validate', broken)
    expect(refused.status).toBe(1)
    expect(refused.err).toMatch(/entry "media\/[0-9a-f]+…": its bytes do not match their hash/)
  })
})

describe('npm run cli', () => {
  it('validate: a deck file passes; a broken one and a broken backup print every problem and exit 1', async () => {
    expect((await cli('validate', 'decks/bluebook-2020-global-security/deck.json')).status).toBe(0)

    const deck = join(dir, 'deck.json')
    writeFileSync(deck, '{ "id": "x", "name": 3 }')
    const bad = await cli('validate', deck)
    expect(bad.status).toBe(1)
    expect(bad.err).toContain(deck)

    const backup = join(dir, 'bad-backup.json')
    writeFileSync(
      backup,
      JSON.stringify({
        format: 'attache-backup',
        version: 1,
        createdAt: 0,
        noteTypes: [],
        decks: [],
        presets: [],
        notes: [{ id: 'n' }],
        cards: 'none',
        reviewLogs: [],
        media: [],
        settings: [],
      }),
    )
    const broken = await cli('validate', backup)
    expect(broken.status).toBe(1)
    expect(broken.err).toContain(`${backup}: notes[0].typeId: `)
    expect(broken.err).toContain(`${backup}: cards: `)
    expect(broken.err).toMatch(/problems\n$/)
  })

  it('says what is wrong on stderr with a non-zero exit, never a stack trace', async () => {
    const missing = await cli('stats', join(dir, 'nope.json'))
    expect(missing).toMatchObject({ status: 1, out: '' })
    expect(missing.err).toBe(`error: ${join(dir, 'nope.json')}: no such file\n`)
    const pdf = join(dir, 'x.pdf')
    writeFileSync(pdf, '%PDF')
    const kind = await cli('import', pdf, '--out', join(dir, 'x.json'))
    expect(kind.status).toBe(1)
    expect(kind.err).toContain('x.pdf: cannot import .pdf')
    expect((await cli('export', pdf, '--format', 'docx', '--out', 'x')).status).not.toBe(0)
    expect((await cli('frobnicate')).status).not.toBe(0)
  })

  it('--help works on every command', async () => {
    for (const command of ['import', 'export', 'validate', 'stats']) {
      const help = await cli(command, '--help')
      expect(help.status).toBe(0)
      expect(help.out).toContain(`Usage: attache ${command}`)
    }
    expect((await cli('--help')).out).toMatch(
      /Commands:[\s\S]*import[\s\S]*export[\s\S]*validate[\s\S]*stats/,
    )
  })
})

describe('npm run cli -- generate', () => {
  it('writes every proposal as a deck file that validate accepts, and --min-score keeps the strong ones', async () => {
    const report = join(dir, 'report.html')
    writeFileSync(
      report,
      '<h1>Report</h1><h2>Space</h2><p>The Quasi-Zenith Satellite System (QZSS) began in 2018 with 4 satellites.</p><p>Prime Minister Abe visited Paris.</p>',
    )
    const all = join(dir, 'all.json')
    expect(await cli('generate', report, '--out', all)).toMatchObject({
      status: 0,
      out: expect.stringMatching(/facts from 2 sentences of 2 paragraphs/),
    })
    expect(await cli('validate', all)).toMatchObject({ status: 0 })
    const strong = join(dir, 'strong.json')
    await cli('generate', report, '--out', strong, '--min-score', '0.8')
    const facts = (file: string) =>
      (JSON.parse(readFileSync(file, 'utf8')) as { facts: { answer: string; section: string[] }[] })
        .facts
    expect(facts(strong).map((f) => f.answer)).toEqual(['Quasi-Zenith Satellite System', 'QZSS'])
    expect(facts(all).length).toBeGreaterThan(facts(strong).length)
    expect(facts(all)[0]?.section).toEqual(['Report', 'Space'])
  })

  it('says why when it cannot: a bad score, text that is not UTF-8, nothing to blank', async () => {
    const out = join(dir, 'x.json')
    const text = join(dir, 'plain.txt')
    writeFileSync(text, 'Nothing here is worth a card at all.')
    expect(await cli('generate', text, '--out', out, '--min-score', '2')).toMatchObject({
      status: 1,
      err: 'error: --min-score: 2 is not a number from 0 to 1\n',
    })
    expect(await cli('generate', text, '--out', out)).toMatchObject({
      status: 1,
      err: `error: ${text}: nothing worth a blank found\n`,
    })
    const latin1 = join(dir, 'latin1.txt')
    writeFileSync(latin1, Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x32, 0x30, 0x31, 0x39]))
    expect(await cli('generate', latin1, '--out', out)).toMatchObject({
      status: 1,
      err: `error: ${latin1}: not UTF-8 text\n`,
    })
  })
})
