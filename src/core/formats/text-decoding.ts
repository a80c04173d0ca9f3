// The WHATWG text decoder, present in every host this runs in (browsers, workers, Node ≥ 11);
// declared here because core compiles without DOM or Node types.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean })
  decode(input?: Uint8Array): string
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** Decodes UTF-8, or returns null when the bytes are not valid UTF-8 (never replaces them). */
export function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return strict.decode(bytes)
  } catch {
    return null
  }
}
