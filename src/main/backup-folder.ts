import { join } from 'node:path'
import { isBackupName } from '../core/formats/backup-name'

/** The file calls the backup folder makes (node:fs/promises in the app, the same in tests). */
export interface BackupFs {
  mkdir(path: string, options: { recursive: true }): Promise<unknown>
  readdir(path: string): Promise<string[]>
  stat(path: string): Promise<{ size: number; isFile(): boolean }>
  readFile(path: string): Promise<Uint8Array<ArrayBuffer>>
  writeFile(path: string, data: Uint8Array): Promise<void>
  rename(from: string, to: string): Promise<void>
  rm(path: string, options: { force: true }): Promise<void>
}

/**
 * Backups in `<userData>/backups`: only names of the backup pattern are read, written or
 * removed (a name is never a path), and a file is written whole or not at all (written
 * beside, then renamed).
 */
export function backupFolder(dir: string, fs: BackupFs) {
  const path = (name: unknown) => {
    if (typeof name !== 'string' || !isBackupName(name)) throw new Error('not a backup file name')
    return join(dir, name)
  }
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
    async write(name: unknown, bytes: Uint8Array) {
      const target = path(name)
      await fs.mkdir(dir, { recursive: true })
      const partial = `${target}.partial`
      await fs.writeFile(partial, bytes)
      await fs.rename(partial, target)
    },
    read: async (name: unknown) => fs.readFile(path(name)),
    remove: async (name: unknown) => fs.rm(path(name), { force: true }),
  }
}
