import { strToU8 } from 'fflate'

/**
 * A zip with one entry renamed in its local header and in its directory entry, to a name of
 * the same length (so every offset holds): how a crafted package gets what fflate's writer
 * never writes — two entries of one name, a NUL in a name. Null when `from` is not there.
 */
export function renameEntry(zip: Uint8Array, from: string, to: string): Uint8Array | null {
  const fromBytes = strToU8(from)
  const toBytes = strToU8(to)
  if (fromBytes.length !== toBytes.length) return null
  const out = zip.slice()
  const view = new DataView(out.buffer)
  let renamed = 0
  for (let i = 0; i + 46 < out.length; i++) {
    const sig = view.getUint32(i, true)
    const local = sig === 0x04034b50
    if (!local && sig !== 0x02014b50) continue
    const nameAt = local ? i + 30 : i + 46
    if (view.getUint16(local ? i + 26 : i + 28, true) !== fromBytes.length) continue
    if (!fromBytes.every((b, k) => out[nameAt + k] === b)) continue
    out.set(toBytes, nameAt)
    renamed++
  }
  return renamed === 2 ? out : null
}
