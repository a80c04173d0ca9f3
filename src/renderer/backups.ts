import platform from '@platform'
import { parseBackup } from '../app/exchange/backup-format'
import { backupInfo, backupsToKeep, type BackupInfo } from '../app/exchange/backups'
import { store } from './app-services'
import { backupInWorker } from './import/read-in-worker'
import { restoreFromBackup } from './live-data'
import { trackChanges } from './storage/change-tracker'

/** How often a changed collection is backed up (Anki's default is 30 minutes too). */
export const BACKUP_EVERY_MS = 30 * 60_000

let changed = false
const listeners = new Set<() => void>()

/** Calls `listener` after every backup written or removed here; returns the unsubscribe. */
export function onBackupsChanged(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
trackChanges(store.db, () => {
  changed = true
})

/** Tells the automatic backups that a worker changed the collection (the tracker sees only this window's writes). */
export function noteChangedElsewhere() {
  changed = true
}

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
    await platform.backups.write(file.name, file.bytes)
    const all = await listBackups()
    const keep = backupsToKeep(all, new Date())
    for (const b of all) if (!keep.has(b.name)) await platform.backups.remove(b.name)
    for (const listener of listeners) listener()
    return backupInfo({ name: file.name, size: file.bytes.length }) as BackupInfo
  } catch (e) {
    changed ||= wasChanged
    throw e
  }
}

/** Restores a backup by name, after backing up the collection as it is now. */
export async function restoreBackup(name: string) {
  const data = parseBackup(await platform.backups.read(name), name)
  await backupNow()
  await restoreFromBackup(data)
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
