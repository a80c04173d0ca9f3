import { resolve, sep } from 'node:path'
import type { Plugin, ViteDevServer } from 'vite'
import { loadDecks } from '../src/main/deck-loader.ts'
import { nodeDeckFs } from '../src/main/node-deck-fs.ts'

const ID = 'virtual:attache-decks'
const RESOLVED = `\0${ID}`

/**
 * Bundles the built-in decks into the web build, read and validated at build time by the
 * same code the Electron main process runs at start-up (problems are bundled too, and shown).
 *
 * Under the dev server (`npm run web`) the deck folders are watched through Vite's own
 * watcher: a deck file added, changed or removed re-reads the decks and reloads the page.
 * (`this.addWatchFile` is for files: given a folder, Vite's import analysis tried to resolve
 * the folder as an import and the dev server answered 500.)
 */
export function decksPlugin(dirs: readonly string[]): Plugin {
  const roots = dirs.map((d) => resolve(d))
  const isDeckFile = (file: string) =>
    roots.some((root) => resolve(file).startsWith(root + sep)) && file.endsWith('.json')
  return {
    name: 'attache-decks',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    async load(id) {
      if (id !== RESOLVED) return undefined
      return `export default ${JSON.stringify(await loadDecks(roots, nodeDeckFs))}`
    },
    configureServer(server: ViteDevServer) {
      server.watcher.add(roots)
      const reload = (file: string) => {
        if (!isDeckFile(file)) return
        const module = server.moduleGraph.getModuleById(RESOLVED)
        if (module) server.moduleGraph.invalidateModule(module)
        server.ws.send({ type: 'full-reload' })
      }
      server.watcher.on('add', reload)
      server.watcher.on('change', reload)
      server.watcher.on('unlink', reload)
    },
  }
}
