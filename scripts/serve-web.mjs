// `npm run serve:web`: serves the built web app (`npm run build:web`, out/web/) on the port in
// PORT (4173 when unset), as any static host would serve it. Stops with Ctrl+C.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { preview } from 'vite'

const root = resolve(import.meta.dirname, '..')
const built = resolve(root, 'out/web/index.html')
if (!existsSync(built)) {
  console.error('error: out/web/ has no build in it: run `npm run build:web` first.')
  process.exit(1)
}
const raw = process.env['PORT'] ?? '4173'
const port = Number(raw)
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`error: PORT must be a port number (1–65535); it is "${raw}".`)
  process.exit(1)
}
await preview({
  configFile: resolve(root, 'vite.web.config.ts'),
  configLoader: 'runner',
  preview: { port, strictPort: true },
})
console.log(`Attaché's web app (out/web/) at http://localhost:${port}/`)
