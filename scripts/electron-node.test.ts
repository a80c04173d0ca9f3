import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { nodeTooOldForElectron } from './electron-node.mjs'

const electronEngines = (
  JSON.parse(
    readFileSync(createRequire(import.meta.url).resolve('electron/package.json'), 'utf8'),
  ) as { engines: { node: string } }
).engines.node

describe('npm start on an older Node', () => {
  it('explains the requirement and names what works instead', () => {
    const message = nodeTooOldForElectron('v20.20.2', '>= 22.12.0')
    expect(message).toContain('needs Node >= 22.12.0; this is Node v20.20.2')
    expect(message).toContain('npm run web')
    expect(nodeTooOldForElectron('v22.12.0', '>= 22.12.0')).toBeNull()
    expect(nodeTooOldForElectron('v24.1.0', '>= 22.12.0')).toBeNull()
  })

  it.each(['start', 'run dist'])(
    '`npm %s`, typed as the README gives it, says so on this machine when its Node is too old',
    (command) => {
      const tooOld = nodeTooOldForElectron(process.version, electronEngines)
      if (tooOld === null) {
        // A newer Node: the command would go on to launch or package Electron, which this test
        // does not do.
        console.log(
          `npm ${command}: Node ${process.version} satisfies Electron's ${electronEngines}`,
        )
        expect(nodeTooOldForElectron(process.version, electronEngines)).toBeNull()
        return
      }
      const run = spawnSync('npm', command.split(' '), { encoding: 'utf8', timeout: 60_000 })
      expect(run.status).toBe(1)
      expect(run.stderr).toContain(`needs Node ${electronEngines}; this is Node ${process.version}`)
      expect(run.stderr).toContain('npm run web')
    },
  )
})
