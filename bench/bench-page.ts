import { createServer, type Server } from 'node:http'
import { resolve } from 'node:path'
import { build } from 'vite'

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
