// The part of PouchDB this app uses, typed here: DefinitelyTyped's @types/pouchdb-core declares a
// global `Buffer` that breaks Node's own typings. The replica interface sync relies on is
// `Replica` in src/app/sync/sync.ts; these declarations only let hosts construct databases.
declare module 'pouchdb-core' {
  export interface ReplicationResult {
    ok: boolean
    docs_read: number
    docs_written: number
    doc_write_failures: number
    errors: unknown[]
  }
  export interface Replication extends PromiseLike<ReplicationResult> {
    on(event: 'change', listener: (info: { docs_written: number; docs_read: number }) => void): this
    on(event: 'error' | 'denied', listener: (error: unknown) => void): this
    cancel(): void
  }
  export interface ReplicateOptions {
    batch_size?: number
    batches_limit?: number
    retry?: boolean
    checkpoint?: 'source' | 'target' | false
  }
  export interface Database {
    readonly name: string
    allDocs(options?: { keys?: string[]; include_docs?: boolean; conflicts?: boolean }): Promise<{
      rows: { id: string; key: string; doc?: unknown; value?: { rev: string; deleted?: boolean } }[]
      total_rows: number
    }>
    bulkDocs(docs: object[], options?: { new_edits?: boolean }): Promise<unknown[]>
    get(id: string, options?: { rev?: string; conflicts?: boolean }): Promise<unknown>
    put(doc: object): Promise<{ ok: boolean; id: string; rev: string }>
    changes(options: {
      since: number | string
      limit: number
      include_docs: true
      conflicts: true
    }): Promise<{
      results: { id: string; seq: number | string; deleted?: boolean; doc?: unknown }[]
      last_seq: number | string
    }>
    info(): Promise<{ doc_count: number; update_seq: number | string }>
    destroy(): Promise<void>
    close(): Promise<void>
    replicate: {
      to(target: Database | string, options?: ReplicateOptions): Replication
      from(source: Database | string, options?: ReplicateOptions): Replication
    }
  }
  export interface DatabaseOptions {
    adapter?: string
    prefix?: string
    auth?: { username: string; password: string }
    skip_setup?: boolean
    fetch?: (url: string | Request, init?: RequestInit) => Promise<Response>
  }
  export interface Static {
    new (name: string, options?: DatabaseOptions): Database
    plugin(plugin: unknown): Static
    defaults(options: DatabaseOptions): Static
  }
  const PouchDB: Static
  export default PouchDB
}
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown
  export default plugin
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown
  export default plugin
}
declare module 'pouchdb-replication' {
  const plugin: unknown
  export default plugin
}
declare module 'pouchdb-adapter-idb' {
  const plugin: unknown
  export default plugin
}
