import PouchDB from 'pouchdb-core'
import httpAdapter from 'pouchdb-adapter-http'
import memoryAdapter from 'pouchdb-adapter-memory'
import replication from 'pouchdb-replication'
import { REQUEST_TIMEOUT_MS, timedFetch } from '../app/sync/http'

/** PouchDB for Node: replicas in memory, servers over HTTP. */
export const NodePouch = PouchDB.plugin(memoryAdapter).plugin(httpAdapter).plugin(replication)

let made = 0
/**
 * A replica in memory, gone when the process ends (the command line syncs a backup file).
 * Its `allDocs` with `keys` and `include_docs` reads each key with `get`: PouchDB's LevelDB core
 * (under the memory adapter) answers a keys query with a range read, a read stream, per key
 * (IndexedDB's adapter reads them in one transaction since pouchdb#6854), several times slower
 * for the 500 ids a sync reads at once. Rows are as PouchDB's own; a deleted document's row,
 * which needs its last revision, is read as PouchDB reads it.
 */
export function memoryReplica(name = 'replica') {
  const db = new NodePouch(`${name}-${process.pid}-${made++}`, { adapter: 'memory' })
  const byRange = db.allDocs.bind(db)
  db.allDocs = async (options) => {
    const keys = options?.keys
    if (!keys || !options.include_docs) return byRange(options ?? {})
    const rows = await Promise.all(
      keys.map((key) =>
        db.get(key, options.conflicts ? { conflicts: true } : {}).then(
          (doc) => ({ id: key, key, value: { rev: (doc as { _rev: string })._rev }, doc }),
          async (error: { status?: number; reason?: string }) => {
            if (error?.status !== 404) throw error
            if (error.reason !== 'deleted') return { key, error: 'not_found' }
            const [row] = (await byRange({ ...options, keys: [key] })).rows
            return row ?? { key, error: 'not_found' }
          },
        ),
      ),
    )
    return { rows, total_rows: (await db.info()).doc_count } as Awaited<ReturnType<typeof byRange>>
  }
  return db
}

/** The server's database, reached over HTTP with a user and password; a request gives up after `timeoutMs`. */
export function serverDatabase(
  url: string,
  auth?: { username: string; password: string },
  timeoutMs = REQUEST_TIMEOUT_MS,
) {
  return new NodePouch(url, {
    adapter: 'http',
    fetch: timedFetch(timeoutMs),
    ...(auth ? { auth } : {}),
  })
}
