// First: Dexie reads the IndexedDB it finds when loaded, and the store loads it.
import { freshDb } from './test-db'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CommitNews } from '../../app/collection-writes'
import type { AttacheDb } from './db'
import { dexieCollection } from './open-collection'

let db: AttacheDb | null = null
afterEach(() => db?.close())

type Heard = CommitNews & { here: boolean }

describe('commits told across Collections over one database (tabs, workers)', () => {
  it('a listening Collection hears another’s commits once, and its own as its own', async () => {
    db = await freshDb()
    // The window's collection listens; a worker's only tells.
    const window = dexieCollection(db, { listen: true })
    const worker = dexieCollection(db)
    const inWindow: Heard[] = []
    const inWorker: Heard[] = []
    window.onCommit((news) => inWindow.push(news))
    worker.onCommit((news) => inWorker.push(news))

    await worker.putSetting({ key: 'x', value: 1 })
    await vi.waitFor(() => expect(inWindow).toHaveLength(1))
    expect(inWindow[0]).toEqual({ tables: ['settings'], cleared: false, here: false })

    await window.putSetting({ key: 'y', value: 2 })
    // A restore elsewhere clears the collection: the window learns that what it shows is gone.
    await worker.transaction(async () => {
      await worker.clearAll()
      await worker.putSetting({ key: 'z', value: 3 })
    })
    await vi.waitFor(() => expect(inWindow).toHaveLength(3))
    expect(inWindow.slice(1)).toEqual([
      { tables: ['settings'], cleared: false, here: true },
      { tables: ['settings'], cleared: true, here: false },
    ])
    // The worker does not listen: it heard its own two commits only.
    expect(inWorker.map((n) => n.here)).toEqual([true, true])
    // Nothing arrives late: the window's own commit was not heard a second time.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(inWindow).toHaveLength(3)
  })
})
