import { BinaryReader, WireType } from '@bufbuild/protobuf/wire'
import { strictUtf8 } from '../text-decoding'

/** One field of a protobuf message: its number, and its value as the wire gives it. */
export type WireField =
  { no: number; kind: 'varint'; value: number } | { no: number; kind: 'bytes'; value: Uint8Array }

/**
 * The fields of a protobuf message, in order, without a schema: Anki's package metadata, media
 * map and note-type configs are read by field number (anki/proto/*.proto), unknown fields
 * skipped. Throws on a malformed message.
 */
export function wireFields(bytes: Uint8Array): WireField[] {
  const reader = new BinaryReader(bytes)
  const out: WireField[] = []
  while (reader.pos < reader.len) {
    const [no, type] = reader.tag()
    if (type === WireType.Varint) out.push({ no, kind: 'varint', value: reader.uint32() })
    else if (type === WireType.LengthDelimited)
      out.push({ no, kind: 'bytes', value: reader.bytes() })
    else reader.skip(type, no)
  }
  return out
}

/** The last varint with number `no` (proto3's rule for a repeated scalar field), or 0. */
export function varintField(fields: readonly WireField[], no: number): number {
  let value = 0
  for (const f of fields) if (f.no === no && f.kind === 'varint') value = f.value
  return value
}

/** A string field; null when present but not UTF-8, '' when absent. */
export function stringField(fields: readonly WireField[], no: number): string | null {
  let value: Uint8Array | undefined
  for (const f of fields) if (f.no === no && f.kind === 'bytes') value = f.value
  return value ? strictUtf8(value) : ''
}

/** Every length-delimited field with number `no` (a repeated message field). */
export function messageFields(fields: readonly WireField[], no: number): Uint8Array[] {
  return fields.flatMap((f) => (f.no === no && f.kind === 'bytes' ? [f.value] : []))
}
