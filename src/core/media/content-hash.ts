import { sha256 } from '@noble/hashes/sha2'
import { bytesToHex } from '@noble/hashes/utils'

/**
 * The key a media file's bytes are stored under: SHA-256 in hex, so one file is stored once
 * whatever its names, and a file can be stored before any row names it (an import writes its
 * media one at a time, then its notes in one transaction).
 */
export function contentHash(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes))
}

/** A content hash taken piece by piece, for a file read as a stream. */
export function contentHasher() {
  const h = sha256.create()
  return {
    update(piece: Uint8Array) {
      h.update(piece)
    },
    digest: () => bytesToHex(h.digest()),
  }
}
