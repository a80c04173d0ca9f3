import { ESLint } from 'eslint'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'

/**
 * One probe per forbidden edge of the layer table: a file in the layer importing the other
 * layer (or package) must fail lint, and each allowed edge must pass, so neither a gap nor an
 * over-broad rule goes unnoticed.
 */

const root = resolve(import.meta.dirname, '..')
const eslint = new ESLint({ cwd: root })
// The layer table the lint rules are made from (loaded as the linter loads it).
const config = resolve(root, 'eslint.config.js')
const { LAYERS } = (await import(pathToFileURL(config).href)) as { LAYERS: Layer[] }
const ALL = ['core', 'app', 'shared', 'main', 'preload', 'cli', 'renderer']

interface Layer {
  name: string
  files: string[]
  may: string[]
  bannedPackages?: string[]
  onlyPackages?: string[]
}

/** A file path in the layer's folder (its first `files` glob made concrete). */
const fileIn = (layer: Layer) =>
  (layer.files[0] ?? '')
    .replace('**/*.{ts,tsx}', 'probe/Probe.tsx')
    .replace('**/*.tsx', 'Probe.tsx')
    .replace('**/*.ts', 'probe/probe.ts')

async function importErrors(filePath: string, from: string) {
  const code = `import { x } from '${from}'\nexport const y = x\n`
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports')
}

describe('the layer table holds by lint', () => {
  for (const layer of LAYERS) {
    const file = fileIn(layer)
    const forbidden = ALL.filter((n) => !layer.may.includes(n))
    it(`${file}: imports of ${forbidden.join(', ')} fail; of ${layer.may.join(', ')} pass`, async () => {
      for (const other of forbidden)
        expect(await importErrors(file, `../../${other}/probe`), `${file} → ${other}`).not.toEqual(
          [],
        )
      for (const other of layer.may.filter((m) => !m.includes('/')))
        expect(await importErrors(file, `../../${other}/probe`), `${file} → ${other}`).toEqual([])
      for (const pkg of layer.bannedPackages ?? [])
        expect(await importErrors(file, pkg.replace('*', 'x')), `${file} → ${pkg}`).not.toEqual([])
      if (layer.onlyPackages) {
        expect(await importErrors(file, 'dexie'), `${file} → dexie`).not.toEqual([])
        expect(await importErrors(file, 'react'), `${file} → react`).not.toEqual([])
        for (const pkg of layer.onlyPackages)
          expect(await importErrors(file, pkg), `${file} → ${pkg}`).toEqual([])
      }
    })
  }

  it('closes the gaps issue 21 found: cli → renderer, components → electron/renderer, shared → app', async () => {
    expect(await importErrors('src/cli/probe.ts', '../renderer/storage/db')).not.toEqual([])
    expect(
      await importErrors('src/renderer/components/Probe.tsx', 'electron/renderer'),
    ).not.toEqual([])
    expect(await importErrors('src/shared/probe.ts', '../app/answer')).not.toEqual([])
    // The one file main may import of the command line, and nothing else of it.
    expect(await importErrors('src/main/probe.ts', '../cli/file-source')).toEqual([])
    expect(await importErrors('src/main/probe.ts', '../cli/run-cli')).not.toEqual([])
    // Components never reach storage; the rest of the renderer reaches it only through app.
    expect(await importErrors('src/renderer/components/Probe.tsx', '../storage/db')).not.toEqual([])
    expect(await importErrors('src/renderer/probe.ts', 'dexie')).not.toEqual([])
    expect(await importErrors('src/renderer/storage/probe.ts', 'dexie')).toEqual([])
  })
})
