import { describe, expect, it } from 'vitest'
import { memoryReplica, NodePouch } from './pouch'

/** The same documents in `db`: present, updated, deleted, in conflict. */
async function fill(db: InstanceType<typeof NodePouch>) {
  await db.bulkDocs([
    { _id: 'card:a', body: 1 },
    { _id: 'card:b', body: 2 },
    { _id: 'log:1', body: 3 },
  ])
  const b = (await db.get('card:b')) as { _rev: string }
  await db.put({ _id: 'card:b', _rev: b._rev, body: 22 })
  const log = (await db.get('log:1')) as { _rev: string }
  await db.bulkDocs([{ _id: 'log:1', _rev: log._rev, _deleted: true }])
  // Two revisions of one document from two devices: a conflict.
  await db.bulkDocs(
    [
      { _id: 'card:c', _rev: '1-aaa', body: 'one' },
      { _id: 'card:c', _rev: '1-bbb', body: 'two' },
    ],
    { new_edits: false },
  )
}

describe('memoryReplica', () => {
  it('answers allDocs by keys as PouchDB does, row for row', async () => {
    const ours = memoryReplica('keys')
    const plain = new NodePouch(`plain-keys-${process.pid}`, { adapter: 'memory' })
    await Promise.all([fill(ours), fill(plain)])
    const keys = ['card:b', 'nothing', 'log:1', 'card:c', 'card:a', 'card:a']
    for (const options of [
      { keys, include_docs: true, conflicts: true },
      { keys, include_docs: true },
      { keys },
    ]) {
      const [got, want] = await Promise.all([ours.allDocs(options), plain.allDocs(options)])
      expect(got.rows).toEqual(want.rows)
      expect(got.total_rows).toBe(want.total_rows)
    }
    // Without options, as without keys: PouchDB's own.
    expect((await ours.allDocs()).rows).toEqual((await plain.allDocs()).rows)
    // The conflict is there to be compared: its losing revision is named.
    const rows = (await ours.allDocs({ keys: ['card:c'], include_docs: true, conflicts: true }))
      .rows
    expect((rows[0]?.doc as { _conflicts?: string[] })._conflicts).toEqual(['1-aaa'])
    await Promise.all([ours.destroy(), plain.destroy()])
  })
})
