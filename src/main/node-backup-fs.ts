import * as fs from 'node:fs/promises'
import type { BackupFs } from './backup-folder'

/** The backup folder's file calls, on the real file system. */
export const nodeBackupFs: BackupFs = {
  mkdir: (p, o) => fs.mkdir(p, o),
  readdir: (p) => fs.readdir(p),
  stat: (p) => fs.stat(p),
  readFile: async (p) => new Uint8Array(await fs.readFile(p)),
  writeFile: (p, d) => fs.writeFile(p, d),
  rename: (a, b) => fs.rename(a, b),
  rm: (p, o) => fs.rm(p, o),
}
