import mime from 'mime/lite'
import { fnv1aBytes } from '../core/hash'
import { mediaRow, putMediaFiles } from './exchange/media-files'
import type { Collection } from './collection-writes'

/**
 * Stores an image or sound the user pasted or dropped, named for its content (as Anki names
 * pasted media), and returns the name the note refers to it by. The same file twice is stored
 * once; a different file never takes an existing name.
 */
export function storePastedMedia(
  store: Collection,
  bytes: Uint8Array,
  type: string,
  now: Date,
): Promise<string> {
  return store.transaction(async () => {
    const bound = store.bound()
    const ext = mime.getExtension(type) ?? 'bin'
    let name = `pasted-${fnv1aBytes(bytes).toString(16).padStart(8, '0')}.${ext}`
    const file = { ...mediaRow(name, bytes, now.getTime()), type }
    for (let n = 2; ; n++) {
      const [stored] = await store.getMedia([name])
      if (!stored) break
      if (stored.hash === file.hash) return name
      name = name.replace(/(-\d+)?\.[^.]+$/, `-${n}.${ext}`)
    }
    await putMediaFiles(bound, [{ ...file, name }])
    return name
  }, ['media', 'mediaContent'])
}
