import { spawn } from 'node:child_process'
import { createServer } from 'node:net'

/** A port nothing listens on now. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })

/**
 * The sync server users start (`npm run sync-server` runs this script), on a free port, for
 * tests and benches; `stop` ends it, and so does this process ending, however it ends.
 */
export async function startSyncServer(user: string, password: string) {
  const port = await freePort()
  const server = spawn(process.execPath, ['scripts/sync-server.mjs'], {
    env: { ...process.env, PORT: String(port), SYNC_USER: user, SYNC_PASSWORD: password },
    // A channel only: the server ends when it closes, so it dies with this process.
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  })
  // The channel must not keep this process alive by itself.
  server.unref()
  server.channel?.unref()
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; i < 100; i++) {
    const up = await fetch(url).then(
      (r) => r.status,
      () => 0,
    )
    if (up) return { url, stop: () => server.kill('SIGTERM') }
    await new Promise((r) => setTimeout(r, 100))
  }
  server.kill('SIGKILL')
  throw new Error('the sync server did not start')
}
