import * as zlib from 'node:zlib'
import {decodeMsgpack} from './msgpack-reader'

/** The magic strings of the v3 container (kolo-format.md §4.5). */
export const V3_MAGIC = 'KOLOTRC3'
const RECORD_MAGIC = [0x4b, 0x52, 0x33, 0x00] // "KR3\0"
const FOOTER_MAGIC = 'KOLOEND3'
const RECORD_HEADER = 40
const FOOTER = 32

/** A damaged container: `fatal` when no prefix of it can be trusted. */
export class V3Defect extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`)
    this.name = 'V3Defect'
  }
}

/** One record of a v3 container; `start`/`end` delimit its payload in the file. */
export interface V3Record {
  kind: number
  offset: number
  token: number
  sequence: number
  itemCount: number
  start: number
  end: number
}

/**
 * Random access to a container's bytes: the whole file in memory, or the file itself, read by
 * offset so a 3 GB container never sits in memory at once.
 */
export interface ByteReader {
  readonly size: number
  /** Bytes [offset, offset + length) (clamped to the size), which stay valid. */
  at(offset: number, length: number): Uint8Array
  /** The same, possibly in a buffer the next window() call reuses. */
  window(offset: number, length: number): Uint8Array
}

/** A ByteReader over bytes in memory (views, no copies). */
export function memoryReader(b: Uint8Array): ByteReader {
  const view = (offset: number, length: number): Uint8Array =>
    b.subarray(offset, Math.min(b.length, offset + length))
  return {size: b.length, at: view, window: view}
}

/** A container's header and records, as far as they could be read. */
export interface V3Scan {
  payloadFormat: number
  headerPayload: [number, number]
  records: V3Record[]
  /** The INDEX offset from a valid footer; undefined when there is none (recovery). */
  indexOffset: number | undefined
  recovered: boolean
  /** Chunk headers were taken from the INDEX, not read: check each when its chunk is read. */
  unchecked: boolean
}

const crc32Table = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

/** zlib crc32 of `bytes`, continuing from `value` (node:zlib's when this Node has it, 20.15+). */
export function crc32(bytes: Uint8Array, value = 0): number {
  if (typeof zlib.crc32 === 'function') return zlib.crc32(bytes, value) >>> 0
  let c = (value ^ 0xffffffff) >>> 0
  for (const b of bytes) c = crc32Table[(c ^ b) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function u16(b: Uint8Array, p: number): number {
  return b[p]! | (b[p + 1]! << 8)
}

/** Little-endian u32. */
export function u32(b: Uint8Array, p: number): number {
  return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16)) + b[p + 3]! * 0x1000000
}

function u64(b: Uint8Array, p: number): number {
  const high = u32(b, p + 4)
  // Beyond 2^53 no offset or id can be real: make it fail the range checks.
  return high >= 0x200000 ? Number.POSITIVE_INFINITY : u32(b, p) + high * 0x100000000
}

function ascii(b: Uint8Array, p: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (b[p + i] !== text.charCodeAt(i)) return false
  return true
}

function checkHeader(r: ByteReader): {payloadFormat: number; payloadEnd: number} {
  const b = r.at(0, 24)
  if (b.length < 24 || !ascii(b, 0, V3_MAGIC)) {
    throw new V3Defect('the container header is truncated', 0)
  }
  const version = u16(b, 8)
  if (version !== 3) throw new V3Defect(`unsupported container version ${version}`, 8)
  const payloadFormat = b[10]!
  if (payloadFormat !== 1 && payloadFormat !== 2) {
    throw new V3Defect(`unknown payload format ${payloadFormat}`, 10)
  }
  if (b[11] !== 0) throw new V3Defect(`unknown codec ${b[11]}`, 11)
  if (u32(b, 12) !== 0) throw new V3Defect('non-zero header flags', 12)
  const payloadEnd = 24 + u32(b, 16)
  if (payloadEnd > r.size) throw new V3Defect('the header payload runs past the end', 16)
  if (crc32(r.at(24, payloadEnd - 24)) !== u32(b, 20)) {
    throw new V3Defect('header payload CRC mismatch', 20)
  }
  return {payloadFormat, payloadEnd}
}

/** The INDEX offset of a valid footer, or undefined. */
function footerIndex(r: ByteReader, payloadEnd: number): number | undefined {
  const size = r.size
  const at = size - FOOTER
  if (at < payloadEnd) return undefined
  const b = r.at(at, FOOTER)
  if (!ascii(b, 0, FOOTER_MAGIC)) return undefined
  const indexOffset = u64(b, 8)
  if (u64(b, 16) !== size || u32(b, 28) !== 0) return undefined
  if (crc32(b.subarray(0, 24)) !== u32(b, 24)) return undefined
  return payloadEnd <= indexOffset && indexOffset < at ? indexOffset : undefined
}

/** Why the record header `b` at `p` is unusable, or undefined when it is fine. */
function recordDefect(r: ByteReader, b: Uint8Array, p: number, end: number): string | undefined {
  if (p + RECORD_HEADER > end || b.length < RECORD_HEADER) return 'a record header is cut short'
  for (let i = 0; i < 4; i++) if (b[i] !== RECORD_MAGIC[i]) return 'bad record magic'
  if (crc32(b.subarray(0, 36)) !== u32(b, 36)) return 'record header CRC mismatch'
  const stored = u32(b, 28)
  if (u32(b, 24) !== stored) {
    return 'compressed records are not supported (raw_len ≠ stored_len)'
  }
  if (p + RECORD_HEADER + stored > end) return 'a record payload runs past the end'
  const payloadCrc = u32(b, 32)
  // Chunks carry no payload CRC (0): their payloads are not read here.
  if (payloadCrc !== 0 && crc32(r.at(p + RECORD_HEADER, stored)) !== payloadCrc) {
    return 'record payload CRC mismatch'
  }
  return undefined
}

/**
 * Check a v3 container's header and footer and list its records (kolo-format.md §4.5, 1–3).
 *
 * A file with a valid footer must be perfect (any defect throws V3Defect); without one, the
 * records before the first defect are kept and the scan is marked recovered. Only headers (and
 * the payloads that carry a CRC) are read: chunks stay where they are. With `fromIndex`, a
 * complete file's records are listed from its INDEX (one read instead of a header read per
 * chunk, thousands of random reads in a 3 GB file): the scan is then `unchecked`, and each
 * chunk's header must be checked when the chunk is read (checkChunkHeader).
 */
export function scanV3(
  input: Uint8Array | ByteReader,
  options: {fromIndex?: boolean} = {},
): V3Scan {
  const r = input instanceof Uint8Array ? memoryReader(input) : input
  const {payloadFormat, payloadEnd} = checkHeader(r)
  const indexOffset = footerIndex(r, payloadEnd)
  const complete = indexOffset !== undefined
  const end = complete ? r.size - FOOTER : r.size
  if (complete && options.fromIndex) {
    const records = indexedRecords(r, indexOffset, payloadEnd, end)
    const headerPayload: [number, number] = [24, payloadEnd]
    return {payloadFormat, headerPayload, records, indexOffset, recovered: false, unchecked: true}
  }
  const records: V3Record[] = []
  let p = payloadEnd
  while (p < end) {
    const b = r.window(p, RECORD_HEADER)
    const defect = recordDefect(r, b, p, end)
    if (defect !== undefined) {
      if (complete) throw new V3Defect(defect, p)
      break
    }
    const stored = u32(b, 28)
    records.push({
      kind: b[4]!,
      offset: p,
      token: u32(b, 8),
      sequence: u64(b, 12),
      itemCount: u32(b, 20),
      start: p + RECORD_HEADER,
      end: p + RECORD_HEADER + stored,
    })
    p += RECORD_HEADER + stored
  }
  if (complete && !records.some(r => r.offset === indexOffset && r.kind === 4)) {
    throw new V3Defect('the footer does not point at an INDEX record', indexOffset)
  }
  return {
    payloadFormat,
    headerPayload: [24, payloadEnd],
    records,
    indexOffset,
    recovered: !complete,
    unchecked: false,
  }
}

const CHUNK_KIND = 1
const INDEX_KIND = 4

function recordAt(b: Uint8Array, p: number): V3Record {
  const stored = u32(b, 28)
  return {
    kind: b[4]!,
    offset: p,
    token: u32(b, 8),
    sequence: u64(b, 12),
    itemCount: u32(b, 20),
    start: p + RECORD_HEADER,
    end: p + RECORD_HEADER + stored,
  }
}

/** The records a complete file's INDEX lists (headers of all but chunks checked now). */
function indexedRecords(r: ByteReader, at: number, first: number, end: number): V3Record[] {
  const header = r.at(at, RECORD_HEADER)
  const defect = recordDefect(r, header, at, end)
  if (defect !== undefined) throw new V3Defect(defect, at)
  const index = recordAt(header, at)
  if (index.kind !== INDEX_KIND) {
    throw new V3Defect('the footer does not point at an INDEX record', at)
  }
  const body = decodeMsgpack(r.at(index.start, index.end - index.start))
  const listed: unknown = body instanceof Map ? body.get('records') : undefined
  if (!Array.isArray(listed)) throw new V3Defect('the INDEX lists no records', at)
  const records: V3Record[] = []
  let next = first
  for (const entry of listed as unknown[]) {
    const [kind, offset, stored, token, sequence, count] = Array.isArray(entry)
      ? (entry as unknown[])
      : []
    const fields = [kind, offset, stored, token, sequence, count]
    if (!fields.every(f => typeof f === 'number' && Number.isSafeInteger(f) && f >= 0)) {
      throw new V3Defect('a bad INDEX entry', at)
    }
    const [k, o, n, t, q, c] = fields as number[]
    // In file order, back to back with room for their payloads, before the INDEX.
    if (o! < next || o! + RECORD_HEADER + n! > at) {
      throw new V3Defect('an INDEX entry points outside the records', o!)
    }
    const record = {kind: k!, offset: o!, token: t!, sequence: q!, itemCount: c!}
    records.push({...record, start: o! + RECORD_HEADER, end: o! + RECORD_HEADER + n!})
    if (k !== CHUNK_KIND) checkRecordHeader(r, r.at(o!, RECORD_HEADER), records.at(-1)!, end)
    next = o! + RECORD_HEADER + n!
  }
  records.push(index)
  return records
}

/**
 * Check that the 40 bytes `b` are the header the INDEX promised for record `record` (and, for a
 * record with a payload CRC, its payload). Throws V3Defect.
 */
export function checkRecordHeader(
  r: ByteReader,
  b: Uint8Array,
  record: V3Record,
  end: number,
): void {
  const defect = recordDefect(r, b, record.offset, end)
  if (defect !== undefined) throw new V3Defect(defect, record.offset)
  const found = recordAt(b, record.offset)
  if (
    found.kind !== record.kind ||
    found.token !== record.token ||
    found.sequence !== record.sequence ||
    found.itemCount !== record.itemCount ||
    found.end !== record.end
  ) {
    throw new V3Defect('a record does not match its INDEX entry', record.offset)
  }
}
