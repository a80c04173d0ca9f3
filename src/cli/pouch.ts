import PouchDB, { type Database } from 'pouchdb-core'
import httpAdapter from 'pouchdb-adapter-http'
import memoryAdapter from 'pouchdb-adapter-memory'
import replication from 'pouchdb-replication'

/** PouchDB for Node: replicas in memory, servers over HTTP. */
export const NodePouch = PouchDB.plugin(memoryAdapter).plugin(httpAdapter).plugin(replication)

let made = 0
/** A replica in memory, gone when the process ends (the command line syncs a backup file). */
export const memoryReplica = (name = 'replica') =>
  new NodePouch(`${name}-${process.pid}-${made++}`, { adapter: 'memory' })

/** The server's database, reached over HTTP with a user and password. */
export function serverDatabase(url: string, auth?: { username: string; password: string }) {
  return new NodePouch(url, { adapter: 'http', ...(auth ? { auth } : {}) })
}

/** Replicates a replica with the server both ways: what it has goes up, then what the server has comes down. */
export async function replicateBoth(local: Database, remote: Database) {
  const up = await local.replicate.to(remote, { batch_size: 500 })
  const down = await local.replicate.from(remote, { batch_size: 500 })
  for (const result of [up, down])
    if (result.doc_write_failures)
      throw new Error(`${result.doc_write_failures} documents could not be written`)
}
