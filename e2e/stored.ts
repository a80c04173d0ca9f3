import type { Page } from '@playwright/test'

/** The ratings in the stored review log, oldest first, read with raw IndexedDB (not the app). */
export function storedRatings(page: Page): Promise<number[]> {
  return page.evaluate(
    () =>
      new Promise<number[]>((resolve, reject) => {
        const open = indexedDB.open('attache')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const get = db.transaction('revlog').objectStore('revlog').getAll()
          get.onsuccess = () => {
            const rows = get.result as { id: number; rating: number }[]
            db.close()
            resolve(rows.sort((a, b) => a.id - b.id).map((r) => r.rating))
          }
          get.onerror = () => reject(get.error)
        }
      }),
  )
}
