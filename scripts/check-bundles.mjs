// After `npm run build:e2e`: the Electron bundles are where src/main/index.ts looks for them,
// and the sandboxed preload is CommonJS (a sandboxed preload cannot be an ES module). This is
// what can be checked of the Electron build on a machine without the Electron binary.
import { existsSync, readFileSync } from 'node:fs'

/** @type {[string, () => boolean][]} */
const checks = [
  ['main bundle exists', () => existsSync('out/main/index.js')],
  ['renderer bundle exists', () => existsSync('out/renderer/index.html')],
  ['preload bundle exists as .cjs', () => existsSync('out/preload/index.cjs')],
  [
    'preload is CommonJS',
    () => {
      const code = readFileSync('out/preload/index.cjs', 'utf8')
      return (
        /require\("electron"\)/.test(code) &&
        !/^\s*import\s/m.test(code) &&
        !/^\s*export\s/m.test(code)
      )
    },
  ],
  [
    'preload exposes only the contract, never ipcRenderer itself',
    () => {
      const code = readFileSync('out/preload/index.cjs', 'utf8')
      return (
        /exposeInMainWorld\("attache"/.test(code) &&
        !/exposeInMainWorld\([^)]*ipcRenderer\)/.test(code)
      )
    },
  ],
  [
    'main loads the preload it was built with and the renderer from app://, not file://',
    () => {
      const code = readFileSync('out/main/index.js', 'utf8')
      return (
        code.includes('../preload/index.cjs') &&
        code.includes('../renderer') &&
        code.includes('app://attache/index.html') &&
        !code.includes('loadFile(')
      )
    },
  ],
  [
    // Scripts only from the app itself; WebAssembly (sql.js, for Anki packages) may compile,
    // JavaScript eval may not; connections to itself and a sync server (https, or http on this
    // machine), no dev server socket when built.
    'renderer has the strict CSP',
    () => {
      const html = readFileSync('out/renderer/index.html', 'utf8')
      return (
        /script-src 'self'(?: 'wasm-unsafe-eval')?;/.test(html) &&
        html.includes("connect-src 'self' https: http://localhost:* http://127.0.0.1:*;") &&
        !html.includes('ws:') &&
        !html.includes("'unsafe-eval'") &&
        !/script-src[^;]*unsafe-inline/.test(html)
      )
    },
  ],
]

let failed = 0
for (const [name, check] of checks) {
  const ok = check()
  if (!ok) failed++
  console.log(`${ok ? '✓' : '✗'} electron build: ${name}`)
}
if (failed) process.exit(1)
