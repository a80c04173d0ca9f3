import type { CollectionData } from '../../app/exchange/collection-data'
import type { ReadImport } from '../../app/exchange/read-import'
import type { Settings } from '../../app/settings'
import type { Statistics } from '../../app/statistics'
import type { Progress } from '../../core/formats/import-error'
import { callWorker } from '../worker-call'
import type { ImportRequest, ImportResponse, WorkerRequest } from './import-messages'

/** Runs one request in a fresh import worker (ended when done). */
function inWorker<T>(
  request: WorkerRequest,
  transfer: Transferable[],
  pick: (m: ImportResponse) => T | undefined,
  progress?: Progress,
): Promise<T> {
  const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' })
  return callWorker(worker, request, transfer, pick, progress)
}

/** Reads a file to import, off the window's thread, reporting progress. */
export function readInWorker(request: ImportRequest, progress: Progress): Promise<ReadImport> {
  return inWorker(
    { kind: 'read', ...request },
    [request.file.bytes.buffer as ArrayBuffer],
    (m) => (m.type === 'done' ? m.result : undefined),
    progress,
  )
}

/** Writes an `.apkg` off the window's thread. */
export function ankiPackageInWorker(data: CollectionData): Promise<Uint8Array> {
  return inWorker({ kind: 'apkg', data }, [], (m) => (m.type === 'written' ? m.bytes : undefined))
}

/** A backup of the whole collection, made off the window's thread. */
export function backupInWorker(): Promise<{ name: string; bytes: Uint8Array }> {
  return inWorker({ kind: 'backup' }, [], (m) =>
    m.type === 'backup' ? { name: m.name, bytes: m.bytes } : undefined,
  )
}

/** Statistics of a deck or the collection, counted off the window's thread. */
export function statisticsInWorker(settings: Settings, deckId: string | null): Promise<Statistics> {
  return inWorker({ kind: 'stats', settings, deckId }, [], (m) =>
    m.type === 'stats' ? m.stats : undefined,
  )
}
