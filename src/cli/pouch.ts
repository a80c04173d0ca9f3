import PouchDB from 'pouchdb-core'
import httpAdapter from 'pouchdb-adapter-http'
import memoryAdapter from 'pouchdb-adapter-memory'
import replication from 'pouchdb-replication'
import { REQUEST_TIMEOUT_MS, timedFetch } from '../app/sync/http'

/** PouchDB for Node: replicas in memory, servers over HTTP. */
export const NodePouch = PouchDB.plugin(memoryAdapter).plugin(httpAdapter).plugin(replication)

let made = 0
/** A replica in memory, gone when the process ends (the command line syncs a backup file). */
export const memoryReplica = (name = 'replica') =>
  new NodePouch(`${name}-${process.pid}-${made++}`, { adapter: 'memory' })

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
