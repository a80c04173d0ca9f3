import type { Page } from '@playwright/test'

/**
 * Every row of the named object stores of the app's database, read with raw IndexedDB (not
 * the app); a store the database does not have (yet) reads as empty.
 */
export function rawTables(
  page: Page,
  tables: readonly string[],
): Promise<Record<string, Record<string, unknown>[]>> {
  return page.evaluate(
    (names) =>
      new Promise<Record<string, Record<string, unknown>[]>>((resolve, reject) => {
        const open = indexedDB.open('attache')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const out: Record<string, Record<string, unknown>[]> = {}
          for (const n of names) out[n] = []
          const present = names.filter((n) => db.objectStoreNames.contains(n))
          if (present.length === 0) {
            db.close()
            resolve(out)
            return
          }
          const tx = db.transaction(present)
          let left = present.length
          for (const name of present) {
            const get = tx.objectStore(name).getAll()
            get.onsuccess = () => {
              out[name] = get.result as Record<string, unknown>[]
              if (--left === 0) {
                db.close()
                resolve(out)
              }
            }
            get.onerror = () => reject(get.error)
          }
        }
      }),
    [...tables],
  )
}

/** The ratings in the stored review log, oldest first. */
export async function storedRatings(page: Page): Promise<number[]> {
  const { revlog = [] } = await rawTables(page, ['revlog'])
  return (revlog as { id: number; rating: number }[])
    .sort((a, b) => a.id - b.id)
    .map((r) => r.rating)
}
