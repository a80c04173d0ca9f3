import type { Transaction } from 'dexie'
import type { MediaRow } from '../../app/collection'
import { contentHash } from '../../core/media/content-hash'

/** Version 5's media row: the bytes in the row. */
type V5Media = Omit<MediaRow, 'hash'> & { data: Uint8Array }

/**
 * Version 6: each media file's bytes move to `mediaContent` under their SHA-256, the row keeps
 * the hash. One file at a time, so the upgrade holds one file's bytes whatever the collection.
 */
export async function moveMediaContent(tx: Transaction) {
  const media = tx.table<V5Media | MediaRow, string>('media')
  const content = tx.table('mediaContent')
  for (const name of await media.toCollection().primaryKeys()) {
    const row = await media.get(name)
    if (!row || !('data' in row)) continue
    const { data, ...rest } = row
    const hash = contentHash(data)
    await content.put({ hash, data })
    await media.put({ ...rest, hash })
  }
}
