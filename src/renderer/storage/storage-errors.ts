import Dexie from 'dexie'

/**
 * What went wrong with the browser's storage, in the app's words: what happened and what to
 * do. Dexie's and IndexedDB's error names are matched; the original text is kept at the end
 * for a bug report.
 */
export function storageErrorMessage(e: unknown): string {
  const name = e instanceof Error ? e.name : ''
  const detail = e instanceof Error ? e.message : String(e)
  const inner = (e as { inner?: { name?: string } } | null)?.inner?.name ?? ''
  const is = (n: string) => name === n || inner === n
  if (is('MissingAPIError') || typeof indexedDB === 'undefined')
    return (
      'This browser gives Attaché no storage for your study data (IndexedDB is unavailable — ' +
      'private browsing, or site data blocked for this page). Allow site data for this page, or ' +
      'use the desktop app. Nothing was changed.'
    )
  if (is('VersionError'))
    return (
      'Your study data was saved by a newer version of Attaché than this one. Open it with that ' +
      'version (or update this one); nothing was changed.'
    )
  if (is('QuotaExceededError'))
    return 'The disk is full, or this site’s storage quota is used up: free some space and try again. Nothing was saved.'
  return `The browser’s storage failed (${name || 'Error'}: ${detail}). Reload the page; if it happens again, restart the browser. Nothing was changed.`
}

/**
 * Why a write did not happen, in the app's words, for a message beside the thing that was not
 * saved: a full disk says so; any other refusal names the browser's error. Either way the
 * write was one transaction, so nothing of it was saved.
 */
export function writeErrorMessage(e: unknown): string {
  const name = e instanceof Error ? e.name : ''
  // Dexie wraps what IndexedDB said: one error (`inner`), or one per row of a bulk write.
  const wrapped = e as {
    inner?: { name?: string; message?: string }
    failures?: { name?: string; message?: string }[]
  } | null
  const inner = wrapped?.inner ?? wrapped?.failures?.[0]
  if (name === 'QuotaExceededError' || inner?.name === 'QuotaExceededError')
    return 'The disk is full, or this site’s storage quota is used up: free some space and try again. Nothing was saved.'
  const detail = inner?.message ?? (e instanceof Error ? e.message : String(e))
  return `The browser’s storage refused the write (${inner?.name ?? (name || 'Error')}: ${detail}). Nothing was saved; try again, and restart the browser if it keeps happening.`
}

/** Dexie's error names (each IndexedDB error it wraps has its own). */
const DEXIE_ERRORS = new Set<string>(Object.values(Dexie.errnames))

/**
 * Whether `e` is a failure of the storage itself (what Dexie or IndexedDB threw), as opposed to
 * an error the app raised to say what is wrong (those already speak the user's language).
 */
export function isStorageFailure(e: unknown): boolean {
  if (typeof DOMException !== 'undefined' && e instanceof DOMException) return true
  return e instanceof Error && (DEXIE_ERRORS.has(e.name) || 'inner' in e || 'failures' in e)
}
