import type { ByteSource } from './byte-source'

// The zip's end records (APPNOTE.TXT 4.3.14–4.3.16): where its central directory starts.
const END = 0x06054b50
const END_BYTES = 22
const ZIP64_LOCATOR = 0x07064b50
const ZIP64_END = 0x06064b50
/** The end record is followed by a comment of at most 65,535 bytes. */
const MAX_TAIL = END_BYTES + 0xffff

const u32 = (b: Uint8Array, at: number) =>
  ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16) | ((b[at + 3] ?? 0) << 24)) >>>
  0
const u64 = (b: Uint8Array, at: number) => u32(b, at) + u32(b, at + 4) * 2 ** 32

/**
 * Where the entries of a zip end and its central directory starts, read from the end records
 * (the zip64 ones when the offset does not fit 32 bits); null when there are none or they
 * point outside the file. A streaming reader stops there.
 */
export async function centralDirectoryStart(source: ByteSource): Promise<number | null> {
  const from = Math.max(0, source.size - MAX_TAIL)
  const tail = await source.read(from, source.size)
  let end = -1
  for (let at = tail.length - END_BYTES; at >= 0; at--)
    if (u32(tail, at) === END) {
      end = at
      break
    }
  if (end < 0) return null
  let start = u32(tail, end + 16)
  if (start === 0xffffffff && end >= 20 && u32(tail, end - 20) === ZIP64_LOCATOR) {
    const at = u64(tail, end - 12)
    const record = await source.read(at, Math.min(source.size, at + 56))
    if (u32(record, 0) !== ZIP64_END) return null
    start = u64(record, 48)
  }
  return start <= from + end ? start : null
}
