import { lstat, readFile, readdir } from 'node:fs/promises'
import type { DeckFs } from './deck-loader'

/** Deck loading's file-system calls on the real disk: `lstat` (links not followed), timed reads. */
export const nodeDeckFs: DeckFs = {
  readdir: (dir) => readdir(dir),
  entry: async (path) => {
    try {
      const s = await lstat(path)
      const kind = s.isSymbolicLink()
        ? 'link'
        : s.isDirectory()
          ? 'dir'
          : s.isFile()
            ? 'file'
            : 'other'
      return { kind, size: s.size }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw e
    }
  },
  readBytes: (path, timeoutMs) => readFile(path, { signal: AbortSignal.timeout(timeoutMs) }),
}
