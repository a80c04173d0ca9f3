import { open } from 'node:fs/promises'
import { basename } from 'node:path'
import type { ByteSource } from '../core/formats/byte-source'

/** Why a path cannot be read, in the user's words. */
export function unreadable(path: string, e: unknown) {
  const code = (e as NodeJS.ErrnoException).code
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'is a folder, not a file'
        : (e as Error).message
  return `${path}: ${why}`
}

/**
 * A file on disk read a piece at a time (an Anki package of several GB is never held whole),
 * open while `work` runs. Throws the node error of a path that cannot be opened.
 */
export async function withFileSource<T>(
  path: string,
  work: (source: ByteSource) => Promise<T>,
): Promise<T> {
  const handle = await open(path, 'r')
  try {
    const stat = await handle.stat()
    if (stat.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' })
    const source: ByteSource = {
      name: basename(path),
      size: stat.size,
      async read(start, end) {
        const bytes = new Uint8Array(Math.max(0, end - start))
        let at = 0
        while (at < bytes.length) {
          const { bytesRead } = await handle.read(bytes, at, bytes.length - at, start + at)
          if (bytesRead === 0) break
          at += bytesRead
        }
        return at === bytes.length ? bytes : bytes.subarray(0, at)
      },
    }
    return await work(source)
  } finally {
    await handle.close()
  }
}
