import platform from '@platform'
import { backupInfo, backupsToKeep, type BackupInfo } from '../app/exchange/backups'
import type { Progress } from '../core/formats/import-error'
import { BUILT_IN_NOTE_TYPES } from '../core/notes/note-types'
import { db } from './app-services'
import { serveSource } from './import/port-source'
import { backupInWorker, ImportSession } from './import/read-in-worker'
import { forgetShownMedia } from './live-data'
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
trackChanges(db, () => {
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
 * Restores a backup by name, after backing up the collection as it is now. The backup is read,
 * checked and written by the import worker (the window serves it the file a piece at a time),
 * so a backup of any size never stops the window; nothing changes unless all of it is usable.
 */
export async function restoreBackup(name: string, progress: Progress = () => undefined) {
  const served = serveSource(await platform.backups.open(name))
  const session = new ImportSession()
  try {
    await session.read({ file: served.file, noteTypes: BUILT_IN_NOTE_TYPES }, progress)
    await backupNow()
    await session.apply('keep', true)
  } finally {
    session.close()
    served.close()
  }
  noteChangedElsewhere()
  forgetShownMedia()
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
