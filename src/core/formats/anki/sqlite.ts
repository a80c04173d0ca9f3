import type { SqlJsStatic } from 'sql.js'

/** The little of SQLite a collection reader needs: open a file's bytes, run a query. */
export interface SqlDatabase {
  /** The rows of one query, each as column → value (integers as numbers, blobs as bytes). */
  all(sql: string): Record<string, unknown>[]
  close(): void
}

/** A database being written: statements with bound values, then the file's bytes. */
export interface SqlWriter {
  run(sql: string, values?: readonly (string | number | null)[]): void
  /** Runs one statement for each row of values (prepared once). */
  runMany(sql: string, rows: readonly (readonly (string | number | null)[])[]): void
  bytes(): Uint8Array
  close(): void
}

export interface SqlEngine {
  open(bytes: Uint8Array): SqlDatabase
  create(): SqlWriter
}

const HEADER = 'SQLite format 3\u0000'

/** Whether `bytes` start like an SQLite database file. */
export function looksLikeSqlite(bytes: Uint8Array) {
  if (bytes.length < 100) return false
  for (let i = 0; i < HEADER.length; i++) if (bytes[i] !== HEADER.charCodeAt(i)) return false
  return true
}

/**
 * SQLite through sql.js (WASM): the same engine in the browser, a worker and Node; each host
 * loads the module its own way and passes it in.
 *
 * Anki declares its name columns `COLLATE unicase`, a collation only Anki registers; sql.js
 * cannot register collations, and every query that touches such an index fails. Reading needs
 * no case-insensitive ordering, so the copy opened here has the collation removed from its
 * schema (the user's file is never written).
 */
export function sqlJsEngine(SQL: SqlJsStatic): SqlEngine {
  return {
    open(bytes) {
      let db = new SQL.Database(bytes)
      const custom = db.exec("SELECT 1 FROM sqlite_master WHERE sql LIKE '%COLLATE unicase%'")
      if (custom.length > 0) {
        db.exec(
          "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, 'COLLATE unicase', '') WHERE sql LIKE '%COLLATE unicase%'; PRAGMA writable_schema = OFF;",
        )
        const cleaned = db.export()
        db.close()
        db = new SQL.Database(cleaned)
      }
      const open = db
      return {
        all(sql) {
          return open
            .exec(sql)
            .flatMap(({ columns, values }) =>
              values.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]]))),
            )
        },
        close: () => open.close(),
      }
    },
    create() {
      const db = new SQL.Database()
      return {
        run: (sql, values) => void db.run(sql, values ? [...values] : undefined),
        runMany(sql, rows) {
          const statement = db.prepare(sql)
          try {
            for (const row of rows) statement.run([...row])
          } finally {
            statement.free()
          }
        },
        bytes: () => db.export(),
        close: () => db.close(),
      }
    },
  }
}
