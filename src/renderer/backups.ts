import platform from '@platform'
import { backupInfo, backupsToKeep, type BackupInfo } from '../app/exchange/backups'
import { store } from './app-services'
import { backupInWorker } from './import/read-in-worker'

/** How often a changed collection is backed up (Anki's default is 30 minutes too). */
export const BACKUP_EVERY_MS = 30 * 60_000

let changed = false
const listeners = new Set<() => void>()

/** Calls `listener` after every backup written or removed here; returns the unsubscribe. */
export function onBackupsChanged(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
// Every commit to the collection, this window's or a worker's (an import, a restore, a
// reschedule), makes the next automatic backup due.
store.onCommit(() => {
  changed = true
})

/** The backups in the host's folder, newest first. */
export async function listBackups(): Promise<BackupInfo[]> {
  const files = await platform.backups.list()
  return files
    .flatMap((f) => {
      const info = backupInfo(f)
      return info ? [info] : []
    })
    .sort((a, b) => b.createdAt - a.createdAt)
}

/** Writes a backup of the whole collection now, then drops the ones the keeping rules let go. */
export async function backupNow(): Promise<BackupInfo> {
  const wasChanged = changed
  changed = false
  try {
    const file = await backupInWorker()
    await platform.backups.write(file.name, file.chunks)
    const all = await listBackups()
    const keep = backupsToKeep(all, new Date())
    for (const b of all) if (!keep.has(b.name)) await platform.backups.remove(b.name)
    for (const listener of listeners) listener()
    const written = all.find((b) => b.name === file.name)
    if (!written) throw new Error(`the backup ${file.name} is not in the folder after writing it`)
    return written
  } catch (e) {
    changed ||= wasChanged
    throw e
  }
}

/**
 * Backs up every 30 minutes while something changed, and when the app closes with changes
 * (Electron waits for it; a browser tab is backed up when hidden). Returns a stop function.
 */
export function startAutomaticBackups(onError: (message: string) => void): () => void {
  let stopped = false
  const run = async () => {
    if (!changed || stopped) return
    try {
      await backupNow()
    } catch (e) {
      onError(
        `The automatic backup could not be written: ${e instanceof Error ? e.message : String(e)}`,
      )
    }
  }
  const timer = setInterval(() => void run(), BACKUP_EVERY_MS)
  return () => {
    stopped = true
    clearInterval(timer)
  }
}

// Closing the app backs up a changed collection (once, for the app's whole life).
platform.onClose(async () => {
  if (changed) await backupNow()
})
