import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backupJson } from '../app/exchange/backup-format'
import { exportCollection } from '../app/exchange/export-collection'
import { parseBackup } from '../app/exchange/backup-format'
import { answer, collectionWith, questionCard, t0 } from '../app/testing'
import { cliAt, tempFolder } from './cli-testing'
import { freePort, startSyncServer } from './sync-server-testing'

// The command line's sync against the sync server users start (`npm run sync-server`, which
// runs this script), on a free port, over HTTP with a password.

let server: Awaited<ReturnType<typeof startSyncServer>>
let url = ''
const dir = tempFolder('cli-sync')
const HOUR = 3_600_000
const at = (h: number) => new Date(t0.getTime() + h * HOUR)

beforeAll(async () => {
  server = await startSyncServer('learner', 'pw-123')
  url = server.url
})

afterAll(() => {
  server.stop()
})

async function backupAfter(answers: [string, 1 | 2 | 3 | 4, number][], name: string) {
  const store = await collectionWith()
  for (const [fact, grade, hour] of answers)
    await answer(store, questionCard('d', fact), grade, at(hour))
  const file = join(dir, name)
  writeFileSync(file, backupJson(await exportCollection(store), t0))
  return file
}

const cli = cliAt(at(10))
const read = (file: string) => parseBackup(readFileSync(file), file)
const answersIn = (file: string) =>
  read(file)
    .reviewLogs.map((l) => `${l.review} ${l.cardId} ${l.rating}`)
    .sort()

describe('npm run cli -- sync', () => {
  it('converges two backups studied apart into one collection', async () => {
    const laptop = await backupAfter(
      [
        ['a', 3, 1],
        ['b', 4, 2],
      ],
      'laptop.json',
    )
    const work = await backupAfter(
      [
        ['a', 1, 1.5],
        ['c', 3, 3],
      ],
      'work.json',
    )
    process.env['ATTACHE_TEST_PW'] = 'pw-123'
    const common = ['--server', url, '--db', 'converge', '--user', 'learner']
    const first = await cli(
      'sync',
      laptop,
      ...common,
      '--password-env',
      'ATTACHE_TEST_PW',
      '--out',
      join(dir, 'laptop-1.json'),
    )
    expect(first.status, first.err).toBe(0)
    expect(first.out).toMatch(/laptop-1\.json: sent \d+ documents, received \d+ changes; 3 notes/)
    const second = await cli(
      'sync',
      work,
      ...common,
      '--password-env',
      'ATTACHE_TEST_PW',
      '--out',
      join(dir, 'work-1.json'),
    )
    expect(second.status, second.err).toBe(0)
    const third = await cli(
      'sync',
      join(dir, 'laptop-1.json'),
      ...common,
      '--password-env',
      'ATTACHE_TEST_PW',
      '--out',
      join(dir, 'laptop-2.json'),
    )
    expect(third.status, third.err).toBe(0)

    const merged = answersIn(join(dir, 'laptop-2.json'))
    expect(merged).toHaveLength(4)
    expect(answersIn(join(dir, 'work-1.json'))).toEqual(merged)
    const cards = (file: string) =>
      read(file)
        .cards.map(({ revision: _r, ...c }) => c)
        .sort((x, y) => x.id.localeCompare(y.id))
    expect(cards(join(dir, 'work-1.json'))).toEqual(cards(join(dir, 'laptop-2.json')))
  })

  it('with a passphrase, the server stores ciphertext only, and a wrong passphrase writes nothing', async () => {
    const laptop = await backupAfter([['a', 3, 1]], 'sealed-laptop.json')
    const work = await backupAfter([['b', 2, 2]], 'sealed-work.json')
    process.env['ATTACHE_TEST_PW'] = 'pw-123'
    process.env['ATTACHE_PHRASE'] = 'correct horse battery staple'
    process.env['ATTACHE_WRONG_PHRASE'] = 'incorrect horse'
    const common = [
      '--server',
      url,
      '--db',
      'sealed',
      '--user',
      'learner',
      '--password-env',
      'ATTACHE_TEST_PW',
    ]
    const sealed = ['--passphrase-env', 'ATTACHE_PHRASE']
    const one = await cli('sync', laptop, ...common, ...sealed, '--out', join(dir, 'sealed-1.json'))
    expect(one.status, one.err).toBe(0)
    const two = await cli('sync', work, ...common, ...sealed, '--out', join(dir, 'sealed-2.json'))
    expect(two.status, two.err).toBe(0)
    expect(answersIn(join(dir, 'sealed-2.json'))).toHaveLength(2)

    // What the server holds: ids, revisions and ciphertext; no field text, no body, no stamp.
    const auth = `Basic ${Buffer.from('learner:pw-123').toString('base64')}`
    const all = await fetch(`${url}/sealed/_all_docs?include_docs=true`, {
      headers: { Authorization: auth },
    }).then((r) => r.text())
    const note = read(laptop).notes[0]
    const fieldText = Object.values(note?.fields ?? {}).find((v) => v.length > 3) ?? 'missing'
    expect(all).toContain('"e":"')
    expect(all).not.toContain(fieldText)
    expect(all).not.toContain('"body"')
    expect(all).not.toContain('"rating"')

    const wrong = await cli(
      'sync',
      laptop,
      ...common,
      '--passphrase-env',
      'ATTACHE_WRONG_PHRASE',
      '--out',
      join(dir, 'sealed-wrong.json'),
    )
    expect(wrong.status).toBe(1)
    expect(wrong.err).toContain('passphrase is not the one')
    expect(() => readFileSync(join(dir, 'sealed-wrong.json'))).toThrow()
    const none = await cli('sync', laptop, ...common, '--out', join(dir, 'sealed-none.json'))
    expect(none.status).toBe(1)
    expect(none.err).toContain('this database is encrypted')
  })

  it('says a wrong password, a refused address and an unreachable server in words, writing nothing', async () => {
    const laptop = await backupAfter([['a', 3, 1]], 'pw.json')
    const out = join(dir, 'never.json')
    process.env['ATTACHE_WRONG_PW'] = 'nope'
    const wrong = await cli(
      'sync',
      laptop,
      '--server',
      url,
      '--user',
      'learner',
      '--password-env',
      'ATTACHE_WRONG_PW',
      '--out',
      out,
    )
    expect(wrong.status).toBe(1)
    expect(wrong.err).toContain('refused the user name and password (401)')
    const clear = await cli('sync', laptop, '--server', 'http://couch.example.org', '--out', out)
    expect(clear.status).toBe(1)
    expect(clear.err).toContain('use https')
    const port = await freePort()
    const down = await cli('sync', laptop, '--server', `http://127.0.0.1:${port}`, '--out', out)
    expect(down.status).toBe(1)
    expect(down.err).toContain('could not reach')
    const unset = await cli(
      'sync',
      laptop,
      '--server',
      url,
      '--user',
      'learner',
      '--password-env',
      'ATTACHE_NOT_SET',
      '--out',
      out,
    )
    expect(unset.err).toContain('ATTACHE_NOT_SET is not set')
    expect(() => readFileSync(out)).toThrow()
  })
})
