import { spawn } from 'node:child_process'
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { packageWithAYearOfHistory } from '../e2e/packages'
import { freePort } from '../src/cli/sync-server-testing'
import { readmeLines, typed, typedAlongside } from './typed-commands'

// The README's other commands, run exactly as a user types them (`npm run bench` has a file of
// its own, readme-bench.test.ts; `npm run web` is exercised by the e2e project of that name,
// `npm start` by electron-node.test.ts, `npm test` by CI). Only a port the README names is
// swapped for a free one, so two runs on one machine do not collide.
describe('README commands', () => {
  it('`npm run build:web` and `PORT=… npm run serve:web` build the web app and serve it', async () => {
    const lines = readmeLines()
    const build = lines.find((l) => l.startsWith('npm run build:web'))
    const serve = lines.find((l) => /^PORT=\d+ npm run serve:web$/.test(l))
    expect(build, 'the README gives `npm run build:web`').toBeDefined()
    expect(serve, 'the README gives `PORT=… npm run serve:web`').toBeDefined()
    const built = typed(build ?? '')
    expect(built.status, built.stderr).toBe(0)
    const port = await freePort()
    const server = spawn((serve ?? '').replace(/^PORT=\d+/, `PORT=${port}`), {
      shell: true,
      detached: true,
      stdio: 'ignore',
    })
    try {
      const url = `http://localhost:${port}/`
      let page = ''
      for (let i = 0; i < 100 && !page; i++) {
        page = await fetch(url).then(
          (r) => (r.ok ? r.text() : ''),
          () => '',
        )
        if (!page) await new Promise((r) => setTimeout(r, 200))
      }
      expect(page).toContain('<title>Attaché</title>')
      // The app's own files come with it: its script and the icon beside the page.
      const script = /<script[^>]+src="\.\/([^"]+\.js)"/.exec(page)?.[1]
      expect(script).toBeDefined()
      expect((await fetch(`${url}${script}`)).status).toBe(200)
      expect((await fetch(`${url}icon.svg`)).status).toBe(200)
    } finally {
      if (server.pid) process.kill(-server.pid, 'SIGTERM')
    }
    // A port that is not one is refused in words.
    const wrong = typed('PORT=web npm run serve:web', 30_000)
    expect(wrong.status).toBe(1)
    expect(wrong.stderr).toContain('error: PORT must be a port number (1–65535); it is "web".')
  }, 180_000)

  it('`npm run sync-server` and the CLI `sync` line run as printed, against each other', async () => {
    const lines = readmeLines()
    const serve = lines.find((l) => /^PORT=\d+ .*npm run sync-server$/.test(l))
    const sync = lines.find((l) => / npm run cli -- sync /.test(l))
    expect(serve, 'the README gives `PORT=… npm run sync-server`').toBeDefined()
    expect(sync, 'the README gives `npm run cli -- sync …`').toBeDefined()
    const readmePort = /^PORT=(\d+)/.exec(serve ?? '')?.[1] ?? ''
    const user = /SYNC_USER=(\S+)/.exec(serve ?? '')?.[1] ?? ''
    const password = /SYNC_PASSWORD=(\S+)/.exec(serve ?? '')?.[1] ?? ''
    const port = await freePort()
    const withPort = (line: string) => line.replaceAll(readmePort, String(port))
    const server = spawn(withPort(serve ?? ''), { shell: true, detached: true, stdio: 'ignore' })
    const made = ['my-deck.apkg', 'backup.zip', 'merged.zip']
    for (const f of made) expect(existsSync(f), `${f} is in the way`).toBe(false)
    writeFileSync('my-deck.apkg', (await packageWithAYearOfHistory(new Date(), 5)).apkg)
    try {
      const url = `http://127.0.0.1:${port}`
      let status = 0
      for (let i = 0; i < 100 && !status; i++) {
        status = await fetch(`${url}/attache`).then(
          (r) => r.status,
          () => 0,
        )
        if (!status) await new Promise((r) => setTimeout(r, 200))
      }
      // Nothing without the password; everything with it; CORS for a web app on this machine.
      expect(status).toBe(401)
      const auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
      expect((await fetch(`${url}/`, { headers: { Authorization: auth } })).status).toBe(200)
      const preflight = await fetch(`${url}/attache`, {
        method: 'OPTIONS',
        headers: {
          Origin: 'http://localhost:5173',
          'Access-Control-Request-Method': 'PUT',
          'Access-Control-Request-Headers': 'content-type',
        },
      })
      expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
      expect(preflight.headers.get('access-control-allow-credentials')).toBe('true')

      const imported = await typedAlongside('npm run cli -- import my-deck.apkg --out backup.zip')
      expect(imported.status, imported.stderr).toBe(0)
      const run = await typedAlongside(withPort(sync ?? ''))
      expect(run.status, run.stderr).toBe(0)
      expect(run.stdout).toMatch(
        /merged\.zip: sent \d+ documents, received \d+ changes?; \d+ notes/,
      )
      // The server now holds the collection.
      const info = (await fetch(`${url}/attache`, { headers: { Authorization: auth } }).then((r) =>
        r.json(),
      )) as { doc_count: number }
      expect(info.doc_count).toBeGreaterThan(10)
    } finally {
      if (server.pid) process.kill(-server.pid, 'SIGTERM')
      for (const f of made) rmSync(f, { force: true })
    }
  }, 180_000)

  it('`npm run deck:report` prints facts and cards per section of the chapter deck', () => {
    // npm and tsx start in a few seconds; CI once took 5.9 s with other work on its cores.
    const run = typed('npm run deck:report')
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/Global Security: \d+ facts, \d+ cards/)
    expect(run.stdout).toMatch(/^total\s+\d+\s+\d+/m)
  }, 60_000)

  it('`npm run cli -- validate …` and `--help` run as printed', () => {
    const validate = typed('npm run cli -- validate decks/bluebook-2020-global-security/deck.json')
    expect(validate.status, validate.stderr).toBe(0)
    expect(validate.stdout).toContain('decks/bluebook-2020-global-security/deck.json: valid deck')
    const help = typed('npm run cli -- --help')
    expect(help.status, help.stderr).toBe(0)
    expect(help.stdout).toMatch(/Commands:[\s\S]*import[\s\S]*export[\s\S]*validate[\s\S]*stats/)
  }, 60_000)

  it('every `npm run cli` and `npm run deck:report` line of the README runs exactly as printed', async () => {
    const lines = readmeLines().filter(
      (l) => l.startsWith('npm run cli') || l.startsWith('npm run deck:report'),
    )
    expect(lines.length).toBeGreaterThanOrEqual(6)
    // The files the README's commands name, made here and removed after (a year of history, so
    // `optimize` has enough to fit; a short report to generate cards from).
    const made = ['my-deck.apkg', 'backup.zip', 'report.md', 'report-deck.json']
    for (const f of made) expect(existsSync(f), `${f} is in the way`).toBe(false)
    // 45 notes: how many of their reviews fall on a later study day than the one before depends
    // on the hour the year ends at (30 notes gave only 368 of them ending at 21:10 UTC), and
    // `optimize` needs 400.
    writeFileSync('my-deck.apkg', (await packageWithAYearOfHistory(new Date(), 45)).apkg)
    writeFileSync(
      'report.md',
      '# Report\n\n## Peacekeeping\n\nJapan sent about 400 engineers to the United Nations Mission in South Sudan (UNMISS) in 2012.\n',
    )
    try {
      for (const line of lines) {
        const run = typed(line)
        expect(run.status, `${line}\n${run.stderr}`).toBe(0)
        expect(run.stdout.trim(), line).not.toBe('')
      }
    } finally {
      for (const f of made) rmSync(f, { force: true })
    }
  }, 300_000)
})
