import type { Plugin } from 'vite'
import { loadDecks } from '../src/main/deck-loader.ts'
import { nodeDeckFs } from '../src/main/node-deck-fs.ts'

const ID = 'virtual:attache-decks'

/**
 * Bundles the built-in decks into the web build, read and validated at build time by the
 * same code the Electron main process runs at start-up (problems are bundled too, and shown).
 */
export function decksPlugin(dirs: readonly string[]): Plugin {
  return {
    name: 'attache-decks',
    resolveId: (id) => (id === ID ? `\0${ID}` : undefined),
    async load(id) {
      if (id !== `\0${ID}`) return undefined
      for (const dir of dirs) this.addWatchFile(dir)
      return `export default ${JSON.stringify(await loadDecks(dirs, nodeDeckFs))}`
    },
  }
}
