/** The baseline for answering: raw IndexedDB, one strict transaction doing get + add + put. */
export function openRawDb(name: string): Promise<IDBDatabase> {
  return new Promise((ok, fail) => {
    const r = indexedDB.open(name, 1)
    r.onupgradeneeded = () => {
      r.result.createObjectStore('cards', { keyPath: 'id' })
      r.result.createObjectStore('logs', { autoIncrement: true })
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

export function rawAnswer(raw: IDBDatabase, id: string): Promise<void> {
  return new Promise((ok, fail) => {
    const tx = raw.transaction(['cards', 'logs'], 'readwrite', { durability: 'strict' })
    const get = tx.objectStore('cards').get(id)
    get.onsuccess = () => {
      const card = get.result as { revision: number }
      tx.objectStore('logs').add({ cardId: id, rating: 3, review: Date.now() })
      tx.objectStore('cards').put({ ...card, revision: card.revision + 1 })
    }
    tx.oncomplete = () => ok()
    tx.onerror = () => fail(tx.error)
  })
}
