import * as fs from 'node:fs/promises'
import { withFileSource } from '../cli/file-source'
import type { BackupFs } from './backup-folder'

/** The backup folder's file calls, on the real file system. */
export const nodeBackupFs: BackupFs = {
  mkdir: (p, o) => fs.mkdir(p, o),
  readdir: (p) => fs.readdir(p),
  stat: (p) => fs.stat(p),
  // The command line's file reader: the same loop over short reads.
  readRange: async (p, start, end) =>
    (await withFileSource(p, (source) => source.read(start, end))) as Uint8Array<ArrayBuffer>,
  writeFile: (p, d) => fs.writeFile(p, d),
  appendFile: (p, d) => fs.appendFile(p, d),
  rename: (a, b) => fs.rename(a, b),
  rm: (p, o) => fs.rm(p, o),
}
