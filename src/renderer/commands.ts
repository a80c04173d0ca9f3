import platform from '@platform'
import { makeCommands } from '../app/commands'
import { scheduler, store } from './app-services'
import type { Progress } from '../core/formats/import-error'
import { BUILT_IN_NOTE_TYPES } from '../core/notes/note-types'
import { backupNow } from './backups'
import { serveSource } from './import/port-source'
import { ImportSession } from './import/read-in-worker'
import { saveAndRescheduleInWorker } from './optimize/optimize-in-worker'
import { isStorageFailure, writeErrorMessage } from './storage/storage-errors'

/** An id no other note or deck has: Anki's guids are 10 base-91 characters of chance. */
function randomId(length: number): string {
  const alphabet =
    'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!$%&()*+,-./:;<=>?@[]^_`{|}~'
  const bytes = crypto.getRandomValues(new Uint8Array(length))
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('')
}

/**
 * Every write the window makes, as one typed map grouped by domain (`src/app/commands.ts`):
 * this window's collection, its backups folder, the rescheduling worker, and the storage's
 * failures in the app's words. Reads are hooks (`queries.ts`).
 */
export const commands = makeCommands({
  collection: store,
  scheduler,
  backup: backupNow,
  storageFailure: (e) => (isStorageFailure(e) ? writeErrorMessage(e) : null),
  randomId,
  now: () => new Date(),
  // Rescheduling replays every card's history: in a worker, so the window never waits on it.
  reschedule: saveAndRescheduleInWorker,
})

/**
 * Restores a backup by name, after backing up the collection as it is now (the command's
 * rule). The backup is read, checked and written by the import worker (the window serves it
 * the file a piece at a time), so a backup of any size never stops the window; nothing changes
 * unless all of it is usable.
 */
export async function restoreBackup(name: string, progress: Progress = () => undefined) {
  const served = serveSource(await platform.backups.open(name))
  const session = new ImportSession()
  try {
    await session.read({ file: served.file, noteTypes: BUILT_IN_NOTE_TYPES }, progress)
    await commands.exchange.apply(session, 'keep', true)
  } finally {
    session.close()
    served.close()
  }
}

/** A new preset's id (chance is the caller's). */
export const newPresetId = () => `preset-${randomId(8)}`

/** Opens an https link in the system browser (the host checks it against its allow-list). */
export function openExternal(url: string) {
  // The platform's method, not Electron's shell: the main process checks the URL.
  return platform.openExternal(url) // eng-disable OPEN_EXTERNAL_JS_CHECK
}
