import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const answers = (url: string) =>
  fetch(url).then(
    () => true,
    () => false,
  )

describe('startSyncServer', () => {
  it('leaves no server behind when the process that started it is killed', async () => {
    // A process that starts a server, says where, and waits: as a bench does.
    const parent = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('${resolve('src/cli/sync-server-testing.ts')}').then(async (m) => {
          const s = await m.startSyncServer('u', 'p')
          console.log(s.url)
          setInterval(() => {}, 1000)
        })`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    const url = await new Promise<string>((done, fail) => {
      parent.stdout.on('data', (d: Buffer) => done(d.toString().trim()))
      parent.on('exit', (code) => fail(new Error(`the parent exited (${code})`)))
    })
    expect(await answers(url)).toBe(true)
    parent.kill('SIGKILL')
    let up = true
    for (let i = 0; i < 100 && up; i++) {
      await new Promise((r) => setTimeout(r, 100))
      up = await answers(url)
    }
    expect(up, `the server at ${url} outlived its parent`).toBe(false)
  }, 30_000)
})
