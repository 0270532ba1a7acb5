import {crc32} from 'node:zlib'
import {PyMissingRef} from '../decode/py-objects'
import {MsgpackWriter, encodeKolo} from './msgpack-writer'
import {entriesOf, fieldOf} from './trace-input'
import type {TraceMap} from './trace-input'

/**
 * Kolo 3.3+'s v3 trace container (`.kolo`, kolo-format.md §4.5), written as the Python writer does:
 * header, value records, chunks per thread, thread metas, metadata, index, footer.
 */

/** Record kinds of the container (kolo-format.md §4.5). */
export const RecordKind = {chunk: 1, threadMeta: 2, metadata: 3, index: 4, valueTable: 5} as const
/** Kolo's chunk size target. */
export const CHUNK_TARGET_BYTES = 512 * 1024
const INTERN_MIN_BYTES = 4 * 1024
/** The trace-level keys a METADATA record carries. */
export const METADATA_KEYS = [
  'command_line_args',
  'current_commit_sha',
  'current_thread_id',
  'meta',
  'timestamp',
  'trace_id',
  'trace_name',
  'frames_of_interest',
  'frames',
  'root_trace_id',
]

/** Options of writeKoloContainer. */
export interface ContainerOptions {
  /** Intern str/bytes of ≥ 4 KiB that occur in two or more frames as VALUE_TABLE + ext 9. */
  internValues?: boolean
  /** Chunk size target in bytes (Kolo: 512 KiB); a frame never spans chunks. */
  chunkBytes?: number
}

type IndexEntry = [number, number, number, number, number, number]

/** Encodes a C2 trace map as a complete v3 container. */
export function writeKoloContainer(trace: TraceMap, options: ContainerOptions = {}): Uint8Array {
  const parts: Uint8Array[] = []
  let offset = 0
  const index: IndexEntry[] = []
  const push = (bytes: Uint8Array): void => {
    parts.push(bytes)
    offset += bytes.length
  }
  const record = (kind: number, token: number, seq: number, count: number, body: Uint8Array) => {
    const checked = kind !== RecordKind.chunk
    index.push([kind, offset, body.length, token, seq, count])
    push(recordHeader(kind, token, seq, count, body, checked))
    push(body)
  }

  const header = encodeKolo(
    new Map([
      ['trace_id', fieldOf(trace, 'trace_id')],
      ['timestamp', fieldOf(trace, 'timestamp')],
    ]),
  )
  push(fileHeader(header))
  push(header)

  const threads = entriesOf(fieldOf(trace, 'threads'))
  const framesPerThread = threads.map(([, t]) => {
    const frames = fieldOf(t, 'frames')
    return Array.isArray(frames) ? (frames as unknown[]) : []
  })
  const values = options.internValues ? internTable(framesPerThread) : new Map<string, number>()
  for (const [text, id] of values) record(RecordKind.valueTable, 0, id, 1, encodeKolo(text))

  const spans = new Map<number, [number, number, number][]>()
  const writer = new MsgpackWriter()
  threads.forEach((_, i) => {
    const token = i + 1
    const chunkTarget = options.chunkBytes ?? CHUNK_TARGET_BYTES
    let frames: Uint8Array[] = []
    let size = 0
    let seq = 0
    const flush = (): void => {
      if (!frames.length) return
      record(RecordKind.chunk, token, seq, frames.length, chunkPayload(frames))
      spans.set(token, [...(spans.get(token) ?? []), [seq, 0, frames.length]])
      seq++
      frames = []
      size = 0
    }
    for (const frame of framesPerThread[i] ?? []) {
      writer.value(values.size ? replaceInterned(frame, values) : frame)
      const bytes = writer.take()
      if (size + bytes.length > chunkTarget) flush()
      frames.push(bytes)
      size += bytes.length
    }
    flush()
  })

  threads.forEach(([key, thread], i) => {
    const meta = new Map<string, unknown>([['thread_id', key]])
    for (const [k, v] of entriesOf(thread)) if (k !== 'frames') meta.set(String(k), v)
    record(RecordKind.threadMeta, i + 1, 0, 1, encodeKolo(meta))
  })

  const metadata = new Map<string, unknown>()
  for (const key of METADATA_KEYS) {
    const v = fieldOf(trace, key)
    if (v !== undefined) metadata.set(key, v)
  }
  record(RecordKind.metadata, 0, 0, 1, encodeKolo(metadata))

  const indexOffset = offset
  const entries = index.slice()
  const indexBody = encodeKolo(
    new Map<string, unknown>([
      ['records', entries],
      ['threads', spans],
    ]),
  )
  push(recordHeader(RecordKind.index, 0, 0, entries.length, indexBody, true))
  push(indexBody)
  push(footer(indexOffset, offset + 32))
  return Buffer.concat(parts)
}

/** The 24-byte file header before the header payload. */
export function fileHeader(payload: Uint8Array): Uint8Array {
  const b = Buffer.alloc(24)
  b.write('KOLOTRC3', 0, 'latin1')
  b.writeUInt16LE(3, 8)
  b.writeUInt8(2, 10) // payload_format: writers use 2
  b.writeUInt8(0, 11) // codec: none
  b.writeUInt32LE(0, 12)
  b.writeUInt32LE(payload.length, 16)
  b.writeUInt32LE(crc32(payload), 20)
  return b
}

/** The 40-byte header of one record; `checked` stores the payload's CRC. */
export function recordHeader(
  kind: number,
  token: number,
  seq: number,
  count: number,
  payload: Uint8Array,
  checked: boolean,
): Uint8Array {
  const b = Buffer.alloc(40)
  b.write('KR3\0', 0, 'latin1')
  b.writeUInt8(kind, 4)
  b.writeUInt32LE(token, 8)
  b.writeBigUInt64LE(BigInt(seq), 12)
  b.writeUInt32LE(count, 20)
  b.writeUInt32LE(payload.length, 24) // raw_len
  b.writeUInt32LE(payload.length, 28) // stored_len: no compression
  b.writeUInt32LE(checked ? crc32(payload) : 0, 32)
  b.writeUInt32LE(crc32(b.subarray(0, 36)), 36)
  return b
}

/** The 32-byte footer. */
export function footer(indexOffset: number, fileLength: number): Uint8Array {
  const b = Buffer.alloc(32)
  b.write('KOLOEND3', 0, 'latin1')
  b.writeBigUInt64LE(BigInt(indexOffset), 8)
  b.writeBigUInt64LE(BigInt(fileLength), 16)
  b.writeUInt32LE(crc32(b.subarray(0, 24)), 24)
  b.writeUInt32LE(0, 28)
  return b
}

/** ULEB128 frame lengths, then the frames back to back. */
export function chunkPayload(frames: Uint8Array[]): Uint8Array {
  const lengths: number[] = []
  for (const f of frames) {
    let n = f.length
    do {
      const byte = n & 0x7f
      n = Math.floor(n / 128)
      lengths.push(n ? byte | 0x80 : byte)
    } while (n)
  }
  return Buffer.concat([Uint8Array.from(lengths), ...frames])
}

/** Strings of ≥ 4 KiB seen in two or more frames, numbered from 1 in order of first use. */
function internTable(threads: unknown[][]): Map<string, number> {
  const seenIn = new Map<string, number>()
  const table = new Map<string, number>()
  let frameNo = 0
  for (const frames of threads) {
    for (const frame of frames) {
      frameNo++
      visitStrings(frame, s => {
        if (s.length * 3 < INTERN_MIN_BYTES || Buffer.byteLength(s) < INTERN_MIN_BYTES) return
        const first = seenIn.get(s)
        if (first === undefined) seenIn.set(s, frameNo)
        else if (first !== frameNo && !table.has(s)) table.set(s, table.size + 1)
      })
    }
  }
  return table
}

function visitStrings(v: unknown, fn: (s: string) => void): void {
  if (typeof v === 'string') {
    fn(v)
  } else if (Array.isArray(v)) {
    for (const item of v) visitStrings(item, fn)
  } else if (v instanceof Map) {
    for (const item of (v as Map<unknown, unknown>).values()) visitStrings(item, fn)
  } else if (v !== null && typeof v === 'object' && v.constructor === Object) {
    for (const item of Object.values(v)) visitStrings(item, fn)
  }
}

function replaceInterned(v: unknown, table: Map<string, number>): unknown {
  if (typeof v === 'string') {
    const id = table.get(v)
    return id === undefined ? v : new PyMissingRef(id)
  }
  if (Array.isArray(v)) return v.map(item => replaceInterned(item, table))
  if (v instanceof Map) {
    return new Map(
      [...(v as Map<unknown, unknown>)].map(([k, x]) => [k, replaceInterned(x, table)]),
    )
  }
  if (v !== null && typeof v === 'object' && v.constructor === Object) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replaceInterned(x, table)]))
  }
  return v
}
