import { BinaryReader, WireType } from '@bufbuild/protobuf/wire'
import { strictUtf8 } from '../text-decoding'

/** One field of a protobuf message: its number, and its value as the wire gives it. */
export type WireField =
  | { no: number; kind: 'varint'; value: number }
  | { no: number; kind: 'bytes'; value: Uint8Array }
  | { no: number; kind: 'float'; value: number }

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
    // Varints as int64: Anki's ids (a deck's preset) pass 32 bits; within 2^53 they stay exact.
    if (type === WireType.Varint) out.push({ no, kind: 'varint', value: Number(reader.int64()) })
    else if (type === WireType.Bit32) out.push({ no, kind: 'float', value: reader.float() })
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

/** A float field (proto3 `float`), or 0 when absent. */
export function floatField(fields: readonly WireField[], no: number): number {
  let value = 0
  for (const f of fields) if (f.no === no && f.kind === 'float') value = f.value
  return value
}

/** A repeated float field, packed (one length-delimited run) or not. */
export function floatsField(fields: readonly WireField[], no: number): number[] {
  const out: number[] = []
  for (const f of fields) {
    if (f.no !== no) continue
    if (f.kind === 'float') out.push(f.value)
    else if (f.kind === 'bytes') {
      const view = new DataView(f.value.buffer, f.value.byteOffset, f.value.byteLength)
      for (let at = 0; at + 4 <= f.value.byteLength; at += 4) out.push(view.getFloat32(at, true))
    }
  }
  return out
}
