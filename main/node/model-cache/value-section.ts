import type {ValueTable} from '../decode/msgpack-reader'
import {DamagedFile} from './sectioned-file'

/**
 * A v3 container's value table (kolo-format.md §4.6) as a cache section: per value a u32 id, a u8
 * kind (0 str, 1 bin), a u32 byte length and the bytes. Kolo caps a table at 16 MiB.
 */

/** Encode the values of a table (a Map from the container reader), or none. */
export function encodeValues(values: ValueTable | undefined): Uint8Array {
  const entries = values instanceof Map ? [...(values as Map<number, string | Uint8Array>)] : []
  const encoded = entries.map(([id, value]): [number, number, Uint8Array] =>
    typeof value === 'string' ? [id, 0, Buffer.from(value, 'utf8')] : [id, 1, value],
  )
  const out = Buffer.alloc(encoded.reduce((n, [, , bytes]) => n + 9 + bytes.length, 0))
  let at = 0
  for (const [id, kind, bytes] of encoded) {
    out.writeUInt32LE(id, at)
    out.writeUInt8(kind, at + 4)
    out.writeUInt32LE(bytes.length, at + 5)
    out.set(bytes, at + 9)
    at += 9 + bytes.length
  }
  return out
}

/** The table a values section holds (undefined when empty). */
export function decodeValues(bytes: Uint8Array, file: string): ValueTable | undefined {
  if (bytes.length === 0) return undefined
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const values = new Map<number, string | Uint8Array>()
  let at = 0
  while (at < bytes.length) {
    if (at + 9 > bytes.length) throw new DamagedFile(file, 'a value is cut short')
    const id = view.readUInt32LE(at)
    const kind = view.readUInt8(at + 4)
    const length = view.readUInt32LE(at + 5)
    const end = at + 9 + length
    if (end > bytes.length || kind > 1) throw new DamagedFile(file, 'a value is cut short')
    const value = view.subarray(at + 9, end)
    values.set(id, kind === 0 ? value.toString('utf8') : new Uint8Array(value))
    at = end
  }
  return values
}
