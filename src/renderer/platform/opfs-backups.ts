import type { BackupFolder } from '../../shared/platform'
import { isBackupName } from '../../core/formats/backup-name'

/**
 * Backups in the browser's origin-private file system (OPFS): files only this site can reach,
 * kept with its storage, in a `backups` folder.
 */
async function folder() {
  const root = await navigator.storage.getDirectory()
  return root.getDirectoryHandle('backups', { create: true })
}

function checked(name: string) {
  if (!isBackupName(name)) throw new Error('not a backup file name')
  return name
}

export const opfsBackups: BackupFolder = {
  where: 'this browser’s private storage for the app',
  async list() {
    const dir = await folder()
    const files: { name: string; size: number }[] = []
    for await (const handle of dir.values()) {
      if (handle.kind !== 'file' || !isBackupName(handle.name)) continue
      files.push({
        name: handle.name,
        size: (await (handle as FileSystemFileHandle).getFile()).size,
      })
    }
    return files
  },
  async write(name, bytes) {
    const dir = await folder()
    const file = await dir.getFileHandle(checked(name), { create: true })
    // A writable stream commits on close: the file is replaced whole or not at all.
    const out = await file.createWritable()
    await out.write(bytes as Uint8Array<ArrayBuffer>)
    await out.close()
  },
  async read(name) {
    const dir = await folder()
    const file = await (await dir.getFileHandle(checked(name))).getFile()
    return new Uint8Array(await file.arrayBuffer())
  },
  async remove(name) {
    const dir = await folder()
    await dir.removeEntry(checked(name))
  },
}
