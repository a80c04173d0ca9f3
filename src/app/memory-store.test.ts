import { describe, expect, it } from 'vitest'
import { MemoryStore } from './memory-store'
import { storeContract } from './store-contract'
import { logRow } from './testing'

const log = (id: number) => logRow(id, 'n#0')

async function pages(store: MemoryStore, limit: number) {
  const ids: number[][] = []
  for (let after = -Infinity; ;) {
    const page = await store.logsAfter(after, limit)
    if (page.length) ids.push(page.map((l) => l.id))
    if (page.length < limit) return ids
    after = page[page.length - 1]?.id ?? Infinity
  }
}

describe('the memory store', () => {
  it('pages through the log in id order, after writes and after a rolled-back transaction', async () => {
    const store = new MemoryStore()
    await store.putLogs([50, 10, 40, 20, 30].map(log))
    expect(await pages(store, 2)).toEqual([[10, 20], [30, 40], [50]])
    await store.addLog(log(25))
    await store.deleteLog(40)
    expect(await pages(store, 2)).toEqual([[10, 20], [25, 30], [50]])
    await expect(
      store.transaction(async () => {
        await store.addLog(log(35))
        expect(await pages(store, 10)).toEqual([[10, 20, 25, 30, 35, 50]])
        throw new Error('no')
      }),
    ).rejects.toThrow('no')
    expect(await pages(store, 10)).toEqual([[10, 20, 25, 30, 50]])
    expect(await store.logsAfter(30, 1)).toEqual([log(50)])
  })
})

storeContract('in-memory', async () => new MemoryStore())
