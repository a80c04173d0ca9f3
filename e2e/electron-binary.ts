import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * Where the Electron binary is, without triggering Electron's download-on-first-use
 * (`require('electron')` would try to fetch it). Null when it is not installed.
 */
export function installedElectronBinary(): { path: string } | { path: null; reason: string } {
  const require = createRequire(import.meta.url)
  let pkgDir: string
  try {
    pkgDir = dirname(require.resolve('electron/package.json'))
  } catch {
    return { path: null, reason: 'the electron package is not installed' }
  }
  const pathFile = join(pkgDir, 'path.txt')
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH']
  const exe = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron'
  const full = override ? join(override, exe) : join(pkgDir, 'dist', exe)
  if (!existsSync(full))
    return {
      path: null,
      reason: `no Electron binary at ${full} (it is downloaded on first \`npm start\` on a machine with internet)`,
    }
  return { path: full }
}
