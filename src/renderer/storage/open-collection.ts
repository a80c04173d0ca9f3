import { Collection } from '../../app/collection-writes'
import type { AttacheDb } from './db'
import { DexieStore } from './dexie-store'

/** The collection kept in the IndexedDB database `db`. */
export const dexieCollection = (db: AttacheDb) => new Collection(new DexieStore(db))
