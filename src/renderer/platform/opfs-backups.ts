import type { BackupFolder } from '../../shared/platform'
import { isBackupName } from '../../core/formats/backup-name'
import { blobSource } from '../import/blob-source'

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
  async write(name, chunks) {
    const dir = await folder()
    const file = await dir.getFileHandle(checked(name), { create: true })
    // A writable stream commits on close: the file is replaced whole or not at all.
    const out = await file.createWritable()
    try {
      for await (const chunk of chunks) await out.write(chunk as Uint8Array<ArrayBuffer>)
    } catch (e) {
      await out.abort()
      // A new file left empty by the aborted write is no backup.
      if ((await file.getFile()).size === 0) await dir.removeEntry(name)
      throw e
    }
    await out.close()
  },
  async open(name) {
    const dir = await folder()
    const file = await (await dir.getFileHandle(checked(name))).getFile()
    return blobSource(file)
  },
  async remove(name) {
    const dir = await folder()
    await dir.removeEntry(checked(name))
  },
}
