// `npm start` and `npm run dist` on a fresh clone: check the Node version Electron's package needs, then fetch
// Electron's binary on first run (it is not part of the npm package; this needs internet —
// the npm registry alone is not enough).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { nodeTooOldForElectron } from './electron-node.mjs'

const require = createRequire(import.meta.url)
const dir = dirname(require.resolve('electron/package.json'))
const electronPackage = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
const tooOld = nodeTooOldForElectron(process.version, electronPackage.engines?.node ?? '*')
if (tooOld) {
  console.error(tooOld)
  process.exit(1)
}

const pathFile = join(dir, 'path.txt')
const installed =
  existsSync(pathFile) && existsSync(join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()))
if (!installed) {
  console.log('Attaché: fetching the Electron binary (first run only)…')
  const r = spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'inherit' })
  if (r.status !== 0) {
    console.error(
      'Attaché: could not download Electron. It comes from outside the npm registry, so this needs internet.\n' +
        'Without it you can still run the app in a browser: npm run web',
    )
    process.exit(1)
  }
}
