import { parseDecks, type DeckProblem, type DeckSource } from '../core/decks/parse-deck'
import type { LoadedDecks } from '../shared/ipc'

/** The file-system calls deck loading needs (node:fs in the app and the build, a fake in tests). */
export interface DeckFs {
  readdir(dir: string): Promise<string[]>
  readFile(path: string): Promise<string>
  exists(path: string): Promise<boolean>
}

/** Each deck is a folder holding `deck.json`. */
const DECK_FILE = 'deck.json'

/**
 * Reads and validates `<dir>/<deck>/deck.json` for every deck folder in each directory. A file
 * or folder that cannot be read or does not validate is reported by name, line and reason and
 * skipped; the other decks still load. The Electron main process calls this at start-up, the
 * web build at build time, so both hosts hand the renderer the same validated decks.
 */
export async function loadDecks(dirs: readonly string[], fs: DeckFs): Promise<LoadedDecks> {
  const sources: DeckSource[] = []
  const problems: DeckProblem[] = []
  for (const dir of dirs) {
    let entries: string[]
    try {
      entries = (await fs.readdir(dir)).sort()
    } catch (e) {
      problems.push({ file: dir, reason: `cannot list deck folder (${errorText(e)})` })
      continue
    }
    for (const entry of entries) {
      if (entry.startsWith('.')) continue
      const path = `${dir}/${entry}/${DECK_FILE}`
      if (!(await fs.exists(path))) continue
      const file = `${entry}/${DECK_FILE}`
      try {
        sources.push({ file, text: await fs.readFile(path) })
      } catch (e) {
        problems.push({ file, reason: `cannot read (${errorText(e)})` })
      }
    }
  }
  const parsed = parseDecks(sources)
  return { decks: parsed.decks, problems: [...problems, ...parsed.problems] }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}
