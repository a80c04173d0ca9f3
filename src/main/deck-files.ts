import type { DeckFiles } from '../shared/ipc'

/** The file-system calls deck reading needs (node:fs/promises in the app, a fake in tests). */
export interface DeckFs {
  readdir(dir: string): Promise<string[]>
  readFile(path: string): Promise<string>
  exists(path: string): Promise<boolean>
}

/** Each deck is a folder holding `deck.json`. */
export const DECK_FILE = 'deck.json'

/**
 * Reads `<dir>/<deck>/deck.json` for every deck folder in each directory. Files are not
 * parsed here: core's parser runs in the renderer for both hosts. A folder that cannot be
 * read is reported by name and reason; the rest still load.
 */
export async function readDeckFiles(dirs: readonly string[], fs: DeckFs): Promise<DeckFiles> {
  const result: DeckFiles = { sources: [], problems: [] }
  for (const dir of dirs) {
    let entries: string[]
    try {
      entries = (await fs.readdir(dir)).sort()
    } catch (e) {
      result.problems.push({ file: dir, reason: `cannot list deck folder (${errorText(e)})` })
      continue
    }
    for (const entry of entries) {
      if (entry.startsWith('.')) continue
      const path = `${dir}/${entry}/${DECK_FILE}`
      if (!(await fs.exists(path))) continue
      const file = `${entry}/${DECK_FILE}`
      try {
        result.sources.push({ file, text: await fs.readFile(path) })
      } catch (e) {
        result.problems.push({ file, reason: `cannot read (${errorText(e)})` })
      }
    }
  }
  return result
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}
