import { chromium, type Page } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'vite'
import { chromiumLaunchOptions } from '../e2e/chromium'

/** One entry file of bench/ bundled for the browser as an IIFE (the page calls what it exposes). */
export async function bundleForBrowser(entry: string, name: string): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      lib: { entry: resolve(import.meta.dirname, entry), formats: ['iife'], name },
    },
  })
  const output = Array.isArray(result) ? result[0] : result
  if (!output || !('output' in output)) throw new Error(`vite build of ${entry} gave no bundle`)
  return output.output[0].code
}

/**
 * A local page that runs `code` (served as /bench.js), with any extra files by path, on a free
 * port. Returns the server and its address.
 */
export async function benchPage(
  code: string,
  files: Record<string, { type: string; body: Buffer | string }> = {},
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const file = req.url ? files[req.url] : undefined
    if (req.url === '/bench.js')
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(code)
    else if (file) res.writeHead(200, { 'content-type': file.type }).end(file.body)
    else
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end('<!doctype html><script src="/bench.js"></script>')
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return { server, url: `http://127.0.0.1:${port}/` }
}

/** Where a benchmark's browser keeps IndexedDB. */
export type BenchStorage = 'disk' | 'memory'

/**
 * Chromium for a benchmark page. `disk` (the default): a fresh profile in a temporary folder,
 * so IndexedDB is on disk as in a user's browser and in the Electron window. `memory`
 * (`--in-memory`): a new context of a launched browser, which is off the record: Chromium
 * keeps its IndexedDB in memory — how the figures before 7 December 2026 were taken.
 */
export async function benchBrowser(
  storage: BenchStorage,
): Promise<{ page: Page; version: string; close(): Promise<void> }> {
  if (storage === 'memory') {
    const browser = await chromium.launch(chromiumLaunchOptions())
    const page = await browser.newPage()
    return { page, version: browser.version(), close: () => browser.close() }
  }
  const profile = mkdtempSync(join(tmpdir(), 'attache-bench-'))
  const context = await chromium.launchPersistentContext(profile, chromiumLaunchOptions())
  const page = context.pages()[0] ?? (await context.newPage())
  return {
    page,
    version: context.browser()?.version() ?? 'unknown',
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** The storage a benchmark run asked for on its command line. */
export const benchStorage = (argv: readonly string[]): BenchStorage =>
  argv.includes('--in-memory') ? 'memory' : 'disk'
