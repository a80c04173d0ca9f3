/**
 * A file read a piece at a time: a browser File (its slices), a file on disk (its handle) or
 * bytes already in memory. Readers that can work in pieces (Anki packages) never hold the whole
 * file; the others read it whole after checking its size.
 */
export interface ByteSource {
  /** The file's name, for messages and its kind. */
  name: string
  size: number
  /** Bytes `start` to `end` (exclusive). */
  read(start: number, end: number): Promise<Uint8Array>
}

/** Bytes in memory as a source. */
export function bytesSource(name: string, bytes: Uint8Array): ByteSource {
  return { name, size: bytes.length, read: async (start, end) => bytes.subarray(start, end) }
}

/** How much is read at a time: large enough to be quick, small beside any entry limit. */
export const PIECE_BYTES = 1 << 20

/** The source's bytes `from` to `to`, a piece at a time. */
export async function* piecesOf(
  source: ByteSource,
  from = 0,
  to = source.size,
): AsyncGenerator<Uint8Array> {
  for (let at = from; at < to; at += PIECE_BYTES)
    yield await source.read(at, Math.min(to, at + PIECE_BYTES))
}

/** The whole source (callers check its size against their limit first). */
export function wholeBytes(source: ByteSource): Promise<Uint8Array> {
  return source.read(0, source.size)
}
