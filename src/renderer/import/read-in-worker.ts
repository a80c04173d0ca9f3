import type { TextMapping } from '../../app/exchange/from-text'
import type { ConflictChoice, ImportSummary } from '../../app/exchange/import-collection'
import type { Settings } from '../../app/settings'
import type { Statistics, StatsPeriod } from '../../app/statistics'
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
      request.file instanceof File ? [] : [request.file.port],
      progress,
    )
  }

  /** A text file's records mapped anew. */
  remap(mapping: TextMapping): Promise<ImportView> {
    return this.ask({ kind: 'remap', mapping }, (m) => (m.type === 'read' ? m.view : undefined))
  }

  /** The plan for another conflict choice (the preview says what that choice would write). */
  replan(conflict: ConflictChoice): Promise<ImportView> {
    return this.ask({ kind: 'replan', conflict }, (m) => (m.type === 'read' ? m.view : undefined))
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

/** An `.apkg` of the collection (or one deck), read and written off the window's thread. */
export function ankiPackageInWorker(
  deckId?: string,
): Promise<{ bytes: Uint8Array; counts: { notes: number; cards: number } }> {
  return inWorker({ kind: 'apkg', ...(deckId ? { deckId } : {}) }, [], (m) =>
    m.type === 'written' ? { bytes: m.bytes, counts: m.counts } : undefined,
  )
}

/** A backup being made in a worker: its name and counts, its bytes as they are written. */
export interface BackupInProgress {
  name: string
  counts: { notes: number; cards: number }
  /** The archive, a chunk at a time; the worker ends when they are read (or given up). */
  chunks: AsyncIterable<Uint8Array>
}

/**
 * A backup of the whole collection (or of one deck), made off the window's thread and handed
 * over as a stream, so its media are never all in memory on either side.
 */
export async function backupInWorker(deckId?: string): Promise<BackupInProgress> {
  const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' })
  try {
    const started = await askWorker(
      worker,
      { kind: 'backup', ...(deckId ? { deckId } : {}) },
      [],
      (m: ImportResponse) => (m.type === 'backup' ? m : undefined),
    )
    return {
      name: started.name,
      counts: started.counts,
      chunks: chunksOf(started.stream, () => worker.terminate()),
    }
  } catch (e) {
    worker.terminate()
    throw e
  }
}

async function* chunksOf(stream: ReadableStream<Uint8Array>, end: () => void) {
  const reader = stream.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      yield value
    }
  } finally {
    await reader.cancel().catch(() => undefined)
    end()
  }
}

/** Statistics of a deck or the collection, counted off the window's thread. */
export function statisticsInWorker(
  settings: Settings,
  deckId: string | null,
  days: StatsPeriod,
): Promise<Statistics> {
  return inWorker({ kind: 'stats', settings, deckId, days }, [], (m) =>
    m.type === 'stats' ? m.stats : undefined,
  )
}
