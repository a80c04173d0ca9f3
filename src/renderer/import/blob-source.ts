import type { ByteSource } from '../../core/formats/byte-source'

/** A chosen file read a piece at a time (its slices), never whole: packages may be GBs. */
export function blobSource(file: File): ByteSource {
  return {
    name: file.name,
    size: file.size,
    read: async (start, end) => new Uint8Array(await file.slice(start, end).arrayBuffer()),
  }
}
