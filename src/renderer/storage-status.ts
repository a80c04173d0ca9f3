/** What the browser says of the collection's storage on this device. */
export interface StorageStatus {
  /** Whether the browser keeps the data under storage pressure; null when it does not say. */
  persisted: boolean | null
  /** Bytes this site uses (study data, media and backups) and may use; null when not told. */
  usage: number | null
  quota: number | null
}

/** Reads the status now (Storage API: `persisted()` and `estimate()`). */
export async function readStorageStatus(): Promise<StorageStatus> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage
  const [persisted, estimate] = await Promise.all([
    storage?.persisted ? storage.persisted().catch(() => null) : null,
    storage?.estimate ? storage.estimate().catch(() => null) : null,
  ])
  return {
    persisted,
    usage: estimate?.usage ?? null,
    quota: estimate?.quota ?? null,
  }
}

/**
 * Asks the browser to keep the data (it may say no: browsers grant it by how the site is used,
 * e.g. installed or bookmarked). Resolves to what it said; false where it cannot be asked.
 */
export async function askToKeepStorage(): Promise<boolean> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage
  return storage?.persist ? storage.persist().catch(() => false) : false
}
