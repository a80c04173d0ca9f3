import { EncryptionMismatch, WrongPassphrase } from './encryption'

/**
 * Why a server address cannot be used, or null: it must be http(s), and https unless the server
 * is on this machine (a password and the collection would otherwise cross the network in clear).
 */
export function serverUrlProblem(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return `"${url}" is not a web address (for example https://couch.example.org)`
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return `"${url}" is not an http or https address`
  if (parsed.username || parsed.password)
    return 'put the user and password in their own fields, not in the address'
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)
  if (parsed.protocol === 'http:' && !local)
    return `"${url}" is not encrypted: use https (plain http is allowed only for a server on this machine)`
  return null
}

/** A database name CouchDB accepts: lower-case letter first, then a-z 0-9 _$()+-/. */
export function databaseNameProblem(name: string): string | null {
  return /^[a-z][a-z0-9_$()+/-]*$/.test(name)
    ? null
    : `"${name}" is not a CouchDB database name: start with a lower-case letter, then a-z, 0-9 or _$()+-/`
}

/** A failed sync in words a user can act on, from the error PouchDB or the network gave. */
export function syncErrorMessage(error: unknown, server: string): string {
  if (error instanceof WrongPassphrase || error instanceof EncryptionMismatch)
    return `${error.message}; nothing was written`
  const e = (error ?? {}) as { status?: number; name?: string; message?: string; code?: string }
  const status = typeof e.status === 'number' ? e.status : 0
  if (status === 401)
    return `${server} refused the user name and password (401): check them, or sign in again`
  if (status === 403)
    return `${server} does not let this user use the database (403): ask its administrator for access`
  if (status === 404) return `${server} has no such database (404), and this user may not create it`
  if (status === 413) return `${server} refused a document as too large (413)`
  if (status >= 500)
    return `${server} failed (${status}): nothing was lost; try again later (the next sync resumes)`
  const text = `${e.name ?? ''} ${e.message ?? ''} ${e.code ?? ''}`
  if (/abort|timeout|timed out/i.test(text))
    return `${server} did not answer in time: nothing was lost; the next sync resumes`
  if (/JSON/.test(text))
    return `${server} answered with something that is not CouchDB's JSON: is the address that of a CouchDB server? Nothing was lost`
  if (/fetch failed|network|ECONNREFUSED|ENOTFOUND|ECONNRESET|Failed to fetch|socket/i.test(text))
    return `could not reach ${server}: is the server running and the address right? Nothing was lost`
  return `sync with ${server} stopped: ${e.message ?? String(error)}; nothing was lost`
}
