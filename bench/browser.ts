// `npm run bench:browser`: the answer benchmark in real Chromium (Debian's /usr/bin/chromium or
// CHROMIUM_PATH), on its real IndexedDB. Prints medians; asserts nothing.
import { chromium } from '@playwright/test'
import { createServer } from 'node:http'
import { resolve } from 'node:path'
import { build } from 'vite'
import { chromiumLaunchOptions } from '../e2e/chromium'
import { report } from './measure'

const result = await build({
  configFile: false,
  logLevel: 'warn',
  build: {
    write: false,
    lib: {
      entry: resolve(import.meta.dirname, 'browser-entry.ts'),
      formats: ['iife'],
      name: 'bench',
    },
  },
})
const output = Array.isArray(result) ? result[0] : result
if (!output || !('output' in output)) throw new Error('vite build gave no bundle')
const code = output.output[0].code

const server = createServer((req, res) => {
  if (req.url === '/bench.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(code)
  else
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><script src="/bench.js"></script>')
})
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
const address = server.address()
const port = typeof address === 'object' && address ? address.port : 0

const browser = await chromium.launch(chromiumLaunchOptions())
try {
  const page = await browser.newPage()
  await page.goto(`http://127.0.0.1:${port}/`)
  const version = browser.version()
  type Result = { ours: number; base: number; count: number }
  type Benches = {
    answerBench: (m: number) => Promise<Result>
    queueBench: (n: number) => Promise<Result & { next: number }>
  }
  const answer = await page.evaluate(() => (globalThis as unknown as Benches).answerBench(200))
  const queue = await page.evaluate(() => (globalThis as unknown as Benches).queueBench(10_000))
  console.log(`Chromium ${version}, real IndexedDB, strict durability; medians\n`)
  console.log(
    report(
      `answer a card (${answer.count} in a row, per answer)`,
      answer.ours,
      'raw IndexedDB get+add+put',
      answer.base,
    ),
  )
  console.log(
    report(
      `open a session: queue from storage, ${queue.count} cards`,
      queue.ours,
      'raw IndexedDB getAll of the cards',
      queue.base,
    ),
  )
  console.log(
    report(
      `next card after an answer, ${queue.count} cards`,
      queue.next,
      'reading the queue from storage',
      queue.ours,
    ),
  )
} finally {
  await browser.close()
  server.close()
}
