import { Collection } from '../../app/collection-writes'
import { commitChannel } from './commit-channel'
import type { AttacheDb } from './db'
import { DexieStore } from './dexie-store'

/**
 * The collection kept in the IndexedDB database `db`. Its commits are told to the other tabs
 * and workers over the same database; with `listen`, it hears theirs (the window's one
 * Collection does; a worker's short-lived ones only tell).
 */
export function dexieCollection(db: AttacheDb, options: { listen?: boolean } = {}) {
  const channel = commitChannel(db.name)
  return new Collection(
    new DexieStore(db),
    channel && { post: channel.post, listen: options.listen ? channel.listen : () => undefined },
  )
}
