import { isDeepStrictEqual } from 'node:util'
import { backupJson, backupProblems } from '../../app/exchange/backup-format'
import { collectionProblems } from '../../app/exchange/collection-check'
import { exportCollection } from '../../app/exchange/export-collection'
import { applyImport } from '../../app/exchange/import-collection'
import { readImportBytes } from '../../app/exchange/read-import'
import { addNote, createDeck } from '../../app/editing'
import { scheduler } from '../../app/testing'
import type { SqlEngine } from '../../core/formats/anki/sqlite'
import { ImportError } from '../../core/formats/import-error'
import { readReviewLogCsv } from '../../core/formats/text/review-log-csv'
import { type Collection, memoryCollection } from '../../app/collection-writes'

/** What one fuzz input did: imported whole, refused in our words, or something it must never do. */
export type Outcome =
  | { kind: 'imported'; notes: number; logs: number }
  | { kind: 'refused'; message: string }
  | { kind: 'crashed'; message: string }
  | { kind: 'half-written'; message: string }
  | { kind: 'invalid-result'; message: string }

const now = new Date('2026-06-01T10:00:00Z')

/** A collection that already holds a deck and a note of the user's: what an import must leave alone. */
export async function collectionWithOwnNote(now: Date): Promise<Collection> {
  const store = memoryCollection()
  await createDeck(store, { id: 'mine', name: 'Mine' }, now)
  await addNote(
    store,
    scheduler,
    { guid: 'own', deckId: 'mine', typeId: 'basic', fields: { Front: 'x', Back: 'y' }, tags: [] },
    now,
  )
  return store
}

/**
 * Imports one file into a collection that already holds a note, as `npm run cli -- import`
 * and the app do, and checks the promises of issue 19: a refusal is an ImportError (our words,
 * naming the file) and leaves the collection exactly as it was; an import leaves a collection
 * whose every value passes the collection check and whose backup `validate` accepts.
 */
export async function importOne(
  name: string,
  bytes: Uint8Array,
  engine: SqlEngine,
  target: 'import' | 'revlog' = 'import',
): Promise<Outcome> {
  const store = await collectionWithOwnNote(now)
  const before = await exportCollection(store)
  try {
    if (target === 'revlog') {
      const history = readReviewLogCsv(bytes, name)
      const bad = history.find((h) => !Number.isFinite(h.at) || !h.cardId)
      if (bad)
        return { kind: 'invalid-result', message: `a review at ${bad.at} of "${bad.cardId}"` }
      return { kind: 'imported', notes: 0, logs: history.length }
    }
    const read = await readImportBytes(name, bytes, engine, now)
    await applyImport(store, read.data, 'keep', now)
  } catch (e) {
    if (!(e instanceof ImportError) || e.file !== name)
      return {
        kind: 'crashed',
        message: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
      }
    if (!isDeepStrictEqual(await exportCollection(store), before))
      return { kind: 'half-written', message: e.message }
    return { kind: 'refused', message: e.message }
  }
  const after = await exportCollection(store)
  const problems = collectionProblems(after)
  if (problems.length) return { kind: 'invalid-result', message: problems.slice(0, 3).join('; ') }
  const backup = backupProblems(new TextEncoder().encode(backupJson(after, now))).problems
  if (backup.length)
    return { kind: 'invalid-result', message: `its backup: ${backup.slice(0, 3).join('; ')}` }
  return { kind: 'imported', notes: after.notes.length - 1, logs: after.reviewLogs.length }
}
