import initSqlJs from 'sql.js'
import { sqlJsEngine, type SqlEngine } from '../core/formats/anki/sqlite'

let engine: Promise<SqlEngine> | undefined

/** sql.js in Node: the module finds its WASM file beside itself in node_modules. */
export function nodeSqlEngine(): Promise<SqlEngine> {
  engine ??= initSqlJs().then(sqlJsEngine)
  return engine
}
