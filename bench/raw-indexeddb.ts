/** The baseline for answering: raw IndexedDB, one strict transaction doing get + add + put. */
export function openRawDb(name: string): Promise<IDBDatabase> {
  return new Promise((ok, fail) => {
    const r = indexedDB.open(name, 1)
    r.onupgradeneeded = () => {
      r.result.createObjectStore('cards', { keyPath: 'id' })
      r.result.createObjectStore('logs', { keyPath: 'id' })
    }
    r.onsuccess = () => ok(r.result)
    r.onerror = () => fail(r.error)
  })
}

export function putRawCards(raw: IDBDatabase, rows: readonly { id: string }[]): Promise<void> {
  return new Promise((ok, fail) => {
    const tx = raw.transaction('cards', 'readwrite')
    for (const row of rows) tx.objectStore('cards').put(row)
    tx.oncomplete = () => ok()
    tx.onerror = () => fail(tx.error)
  })
}

let nextLogId = Date.now()

/**
 * The same writes an answer makes, on raw IndexedDB: read the card, add a log row of the same
 * shape (the review's fields and the card as it was), put the card back with its revision
 * moved on.
 */
export function rawAnswer(raw: IDBDatabase, id: string): Promise<void> {
  return new Promise((ok, fail) => {
    const tx = raw.transaction(['cards', 'logs'], 'readwrite', { durability: 'strict' })
    const get = tx.objectStore('cards').get(id)
    get.onsuccess = () => {
      const card = get.result as { revision: number; noteId: string; due: number }
      const now = Date.now()
      tx.objectStore('logs').add({
        id: nextLogId++,
        cardId: id,
        noteId: card.noteId,
        rating: 3,
        state: 2,
        due: card.due,
        stability: 10,
        difficulty: 5,
        elapsed_days: 3,
        last_elapsed_days: 3,
        scheduled_days: 5,
        learning_steps: 0,
        review: now,
        durationMs: 4000,
        before: card,
      })
      tx.objectStore('cards').put({ ...card, revision: card.revision + 1, due: now })
    }
    tx.oncomplete = () => ok()
    tx.onerror = () => fail(tx.error)
  })
}
