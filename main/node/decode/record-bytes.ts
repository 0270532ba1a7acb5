import {ApiError} from '../../../shared/api/errors'
import type {Scalar} from './decoded-trace'
import {frameKeyOfBytes} from './frame-key'
import {MsgpackDecoder, MsgpackError, readUint, skipValues} from './msgpack-reader'
import type {ValueTable} from './msgpack-reader'
import {mapHeader} from './msgpack-skip'
import type {KoloMap} from './py-objects'

/**
 * Questions about one record's msgpack bytes, asked without decoding the rest of it: a top-level
 * field, its frame id as a key, its call site. Record tables answer from these once the record's
 * bytes are back from wherever the body lives (memory, file, cache).
 */

const encoder = new TextEncoder()
const keyBytes = new Map<string, Uint8Array>()

function bytesOfKey(key: string): Uint8Array {
  let bytes = keyBytes.get(key)
  if (!bytes) {
    bytes = encoder.encode(key)
    if (keyBytes.size < 256) keyBytes.set(key, bytes)
  }
  return bytes
}

/** A JS value as a Scalar, or undefined when it is not one. */
export function toScalar(value: unknown): Scalar {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value
    case 'bigint':
      return Number(value)
    default:
      return value === null ? null : undefined
  }
}

/**
 * Where the value of top-level `key` starts in the record map at `bytes[start, end)`, or -1.
 *
 * Throws MsgpackError when the map is cut short before the key is found.
 */
export function fieldAt(bytes: Uint8Array, start: number, end: number, key: string): number {
  const header = mapHeader(bytes, start, end)
  if (!header) return -1
  const want = bytesOfKey(key)
  let pos = header[1]
  for (let k = 0; k < header[0]; k++) {
    const kb = bytes[pos]
    if (kb === undefined || pos >= end) throw new MsgpackError('a record is truncated', pos)
    const length = kb >= 0xa0 && kb <= 0xbf ? kb - 0xa0 : kb === 0xd9 ? bytes[pos + 1]! : -1
    if (length === want.length) {
      const at = pos + (kb === 0xd9 ? 2 : 1)
      let same = at + length <= end
      for (let j = 0; same && j < length; j++) same = bytes[at + j] === want[j]
      if (same) return at + length
    }
    pos = skipValues(bytes, pos, end, 2)
  }
  return -1
}

/** Field `key` of the record at `bytes[start, end)` as a scalar (undefined: absent or not one). */
export function scalarField(
  bytes: Uint8Array,
  start: number,
  end: number,
  key: string,
  values?: ValueTable,
): Scalar {
  try {
    const at = fieldAt(bytes, start, end, key)
    return at < 0 ? undefined : toScalar(new MsgpackDecoder(bytes, values).decodeAt(at, end))
  } catch {
    // A field that does not decode is not a scalar; full() reports the damage.
    return undefined
  }
}

/** The start and byte length of the str at `pos`, or undefined when it is not a str. */
function strSpan(bytes: Uint8Array, pos: number, end: number): [number, number] | undefined {
  const b = bytes[pos]
  if (b === undefined || pos >= end) return undefined
  let start: number
  let length: number
  if (b >= 0xa0 && b <= 0xbf) [start, length] = [pos + 1, b - 0xa0]
  else if (b === 0xd9 && pos + 2 <= end) [start, length] = [pos + 2, bytes[pos + 1]!]
  else if (b === 0xda && pos + 3 <= end) [start, length] = [pos + 3, readUint(bytes, pos + 1, 2)]
  else return undefined
  return start + length <= end ? [start, length] : undefined
}

/** The key of the record's frame_id (frame-key.ts), 0 when it has no str frame_id. */
export function frameKeyField(bytes: Uint8Array, start: number, end: number): number {
  try {
    const at = fieldAt(bytes, start, end, 'frame_id')
    const span = at < 0 ? undefined : strSpan(bytes, at, end)
    return span ? frameKeyOfBytes(bytes, span[0], span[1]) : 0
  } catch {
    return 0
  }
}

/** The record's user_code_call_site, when it is a map with a str frame id and an int line. */
export function callSiteField(
  bytes: Uint8Array,
  start: number,
  end: number,
): {frameId: string; line: number} | undefined {
  try {
    const at = fieldAt(bytes, start, end, 'user_code_call_site')
    if (at < 0) return undefined
    const site = new MsgpackDecoder(bytes).decodeAt(at, end)
    if (!(site instanceof Map)) return undefined
    const frameId: unknown = site.get('call_frame_id')
    const line: unknown = site.get('line_number')
    if (typeof frameId !== 'string' || typeof line !== 'number') return undefined
    return {frameId, line}
  } catch {
    return undefined
  }
}

/**
 * The record at `bytes[start, end)` decoded whole (see RecordTable.full).
 *
 * Throws ApiError('bad-trace') naming `source` and the record when its bytes do not decode.
 */
export function decodeRecord(
  bytes: Uint8Array,
  start: number,
  end: number,
  what: {source: string; index: number; values?: ValueTable; forDisplay?: boolean},
): KoloMap {
  const decoder = new MsgpackDecoder(bytes, what.values)
  decoder.markIntegralFloats = what.forDisplay ?? false
  let why = 'not a map'
  try {
    const value = decoder.decodeAt(start, end)
    if (value instanceof Map) return value
  } catch (error) {
    why = error instanceof Error ? error.message : String(error)
  }
  throw new ApiError('bad-trace', `${what.source}: record ${what.index} cannot be decoded: ${why}`)
}
