import { join } from 'node:path'
import { isBackupName } from '../core/formats/backup-name'

/** The file calls the backup folder makes (node:fs/promises in the app, the same in tests). */
export interface BackupFs {
  mkdir(path: string, options: { recursive: true }): Promise<unknown>
  readdir(path: string): Promise<string[]>
  stat(path: string): Promise<{ size: number; isFile(): boolean }>
  /** Bytes `start` to `end` of a file (fewer at its end). */
  readRange(path: string, start: number, end: number): Promise<Uint8Array<ArrayBuffer>>
  writeFile(path: string, data: Uint8Array): Promise<void>
  appendFile(path: string, data: Uint8Array): Promise<void>
  rename(from: string, to: string): Promise<void>
  rm(path: string, options: { force: true }): Promise<void>
}

/** The most one IPC call carries: a backup travels in pieces, never whole. */
export const BACKUP_PIECE_BYTES = 16 * 2 ** 20

/**
 * Backups in `<userData>/backups`: only names of the backup pattern are read, written or
 * removed (a name is never a path), and a file is written whole or not at all: its pieces go
 * to `<name>.partial`, renamed to the name once the last is written. Reads are by range, so a
 * backup of GBs of media is never held whole in either process.
 */
export function backupFolder(dir: string, fs: BackupFs) {
  const path = (name: unknown) => {
    if (typeof name !== 'string' || !isBackupName(name)) throw new Error('not a backup file name')
    return join(dir, name)
  }
  const partial = (name: unknown) => `${path(name)}.partial`
  return {
    folder: dir,
    async list() {
      await fs.mkdir(dir, { recursive: true })
      const files = []
      for (const name of await fs.readdir(dir)) {
        if (!isBackupName(name)) continue
        const info = await fs.stat(join(dir, name))
        if (info.isFile()) files.push({ name, size: info.size })
      }
      return files
    },
    /** Adds a piece to the file being written (`first`: starts it anew). */
    async append(name: unknown, bytes: Uint8Array, first: boolean) {
      const target = partial(name)
      if (bytes.length > BACKUP_PIECE_BYTES) throw new Error('a backup piece is too large')
      await fs.mkdir(dir, { recursive: true })
      if (first) await fs.writeFile(target, bytes)
      else await fs.appendFile(target, bytes)
    },
    /** The file being written becomes the backup, whole. */
    commit: async (name: unknown) => fs.rename(partial(name), path(name)),
    /** The file being written is dropped (the backup failed part way). */
    discard: async (name: unknown) => fs.rm(partial(name), { force: true }),
    async read(name: unknown, start: number, end: number) {
      const file = path(name)
      if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && 0 <= start && start <= end))
        throw new Error('not a range of a file')
      if (end - start > BACKUP_PIECE_BYTES) throw new Error('a backup piece is too large')
      return fs.readRange(file, start, end)
    },
    remove: async (name: unknown) => fs.rm(path(name), { force: true }),
  }
}
