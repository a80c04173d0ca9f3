import { existsSync } from 'node:fs'
import { readFile, readdir } from 'node:fs/promises'
import type { DeckFs } from './deck-loader'

/** Deck loading's file-system calls on the real disk. */
export const nodeDeckFs: DeckFs = {
  readdir: (dir) => readdir(dir),
  readFile: (path) => readFile(path, 'utf8'),
  exists: async (path) => existsSync(path),
}
