import type { CollectionData } from '../../app/exchange/collection-data'
import type { TextMapping } from '../../app/exchange/from-text'
import type { ConflictChoice, ImportSummary } from '../../app/exchange/import-collection'
import type { Settings } from '../../app/settings'
import type { Statistics } from '../../app/statistics'
import type { Progress } from '../../core/formats/import-error'
import { askWorker, callWorker } from '../worker-call'
import type { ImportRequest, ImportResponse, ImportView, WorkerRequest } from './import-messages'

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

/**
 * One import, from reading the file to writing it, in a worker of its own (issue 19): the
 * file's rows are read, planned, mapped and written there, and the window is sent only what it
 * shows, so it never waits on a large file. Close it when the dialog ends.
 */
export class ImportSession {
  private readonly worker = new Worker(new URL('./import.worker.ts', import.meta.url), {
    type: 'module',
  })

  /** The last request asked: the next waits for it, so answers never cross (one handler at a time). */
  private last: Promise<unknown> = Promise.resolve()

  private ask<T>(
    request: WorkerRequest,
    pick: (m: ImportResponse) => T | undefined,
    transfer: Transferable[] = [],
    progress?: Progress,
  ): Promise<T> {
    const asked = this.last
      .catch(() => undefined)
      .then(() => askWorker(this.worker, request, transfer, pick, progress))
    this.last = asked
    return asked
  }

  /** Reads a file, reporting progress; resolves to what the review step shows. */
  read(request: ImportRequest, progress: Progress): Promise<ImportView> {
    return this.ask(
      { kind: 'read', ...request },
      (m) => (m.type === 'read' ? m.view : undefined),
      [],
      progress,
    )
  }

  /** A text file's records mapped anew. */
  remap(mapping: TextMapping): Promise<ImportView> {
    return this.ask({ kind: 'remap', mapping }, (m) => (m.type === 'read' ? m.view : undefined))
  }

  /** Writes what was read in one transaction; null summary when a backup replaced the collection. */
  apply(conflict: ConflictChoice, replace: boolean): Promise<ImportSummary | null> {
    return this.ask({ kind: 'apply', conflict, replace }, (m) =>
      m.type === 'applied' ? { summary: m.summary } : undefined,
    ).then((r) => r.summary)
  }

  close() {
    this.worker.terminate()
  }
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
