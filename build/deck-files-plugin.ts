import { existsSync } from 'node:fs'
import { readFile, readdir } from 'node:fs/promises'
import type { Plugin } from 'vite'
import { readDeckFiles } from '../src/main/deck-files.ts'

const ID = 'virtual:attache-deck-files'

/**
 * Bundles the deck files into the web build, read by the same code the Electron main process
 * uses, from each folder in `dirs`.
 */
export function deckFilesPlugin(dirs: readonly string[]): Plugin {
  return {
    name: 'attache-deck-files',
    resolveId: (id) => (id === ID ? `\0${ID}` : undefined),
    async load(id) {
      if (id !== `\0${ID}`) return undefined
      for (const dir of dirs) this.addWatchFile(dir)
      const files = await readDeckFiles(dirs, {
        readdir: (d) => readdir(d),
        readFile: (p) => readFile(p, 'utf8'),
        exists: async (p) => existsSync(p),
      })
      return `export default ${JSON.stringify(files)}`
    },
  }
}
