import PouchDB from 'pouchdb-core'
import httpAdapter from 'pouchdb-adapter-http'
import idbAdapter from 'pouchdb-adapter-idb'
import replication from 'pouchdb-replication'

/** PouchDB in the window: the replica in IndexedDB (apart from Dexie's database), servers over HTTP. */
export const BrowserPouch = PouchDB.plugin(idbAdapter).plugin(httpAdapter).plugin(replication)
