import type {ThreadPart, TraceParts} from './assemble-trace'
import {MemorySource} from './byte-source'
import type {ByteSource} from './byte-source'
import {mapsIn} from './legacy-eras'
import {MapRecordTable, emptyTable} from './map-table'
import {decodeMsgpack, MsgpackError} from './msgpack-reader'
import {threadKey} from './msgpack-trace'
import type {PrefixHook} from './prefix'
import type {KoloMap} from './py-objects'
import {SkimTableBuilder} from './skim-builder'
import {SkimContext} from './skim-context'
import {checkRecordHeader, memoryReader, scanV3, V3Defect} from './v3-scan'
import type {ByteReader, V3Record} from './v3-scan'

// Sizes of a record header and of the footer (kolo-format.md §4.5).
const RECORD_HEADER = 40
const FOOTER = 32

const CHUNK = 1
const THREAD_META = 2
const METADATA = 3
const INDEX = 4
const VALUE = 5

/** How to read a container (see readV3From). */
export interface V3ReadOptions {
  /** Names the container in error messages. */
  source: string
  /** Called with the number of records indexed so far, about every 50,000. */
  onProgress?: (records: number) => void
  /** Called every 8,192 records (DecodeOptions.pause). */
  pause?: () => void
  /** Called after each chunk with the chunk payload bytes read so far and in all. */
  onBytes?: (bytesRead: number, bytesTotal: number) => void
  /** Where records are read back from once skimmed (default: the reader's bytes, in memory). */
  records?: ByteSource
  /** Told when a thread's first records are indexed (a preview). */
  prefix?: PrefixHook
}

/** Parse a CHUNK payload's ULEB128 frame lengths; returns them and where the frames start. */
function frameLengths(b: Uint8Array, itemCount: number, at: number): [number[], number] {
  const lengths: number[] = []
  let p = 0
  for (let i = 0; i < itemCount; i++) {
    let value = 0
    let scale = 1
    for (;;) {
      if (p >= b.length || scale > 2 ** 49) {
        throw new V3Defect('bad frame length in a chunk', at + p)
      }
      const byte = b[p++]!
      value += (byte & 0x7f) * scale
      scale *= 128
      if (byte < 0x80) break
    }
    lengths.push(value)
  }
  return [lengths, p]
}

/** Check that a chunk's frame lengths add up to its payload (reads only the lengths). */
function checkChunk(reader: ByteReader, r: V3Record): void {
  const size = r.end - r.start
  // Most frames are under 16 KiB: two bytes of ULEB128 each. Read more only when they are not.
  let lengths: number[] | undefined
  let first = 0
  for (const perFrame of [3, 10]) {
    const head = reader.window(r.start, Math.min(size, r.itemCount * perFrame + 16))
    try {
      ;[lengths, first] = frameLengths(head, r.itemCount, r.start)
      break
    } catch (error) {
      if (head.length === size || perFrame === 10) throw error
    }
  }
  let sum = first
  for (const length of lengths ?? []) sum += length
  if (sum !== size) throw new V3Defect('chunk frame lengths do not add up to its payload', r.start)
}

function decodeMap(b: Uint8Array, r: V3Record, what: string): KoloMap {
  const value = decodeMsgpack(b)
  if (!(value instanceof Map)) throw new V3Defect(`the ${what} record is not a map`, r.offset)
  return value
}

/** A run of frames of one chunk: frames [first, first + count) of the CHUNK record `chunk`. */
interface Span {
  chunk: V3Record
  first: number
  count: number
}

/** What the records of a container say, before frames are indexed. */
class V3Contents {
  readonly values = new Map<number, string | Uint8Array>()
  readonly chunks = new Map<number, Map<number, V3Record>>()
  readonly metas = new Map<number, KoloMap>()
  readonly metadata: KoloMap = new Map()
  index: KoloMap | undefined

  constructor(
    private readonly reader: ByteReader,
    private readonly checkChunks = true,
  ) {}

  /** Take in one record; throws V3Defect or MsgpackError when it makes no sense. */
  add(r: V3Record): void {
    if (r.kind === CHUNK) {
      const perToken = this.chunks.get(r.token) ?? new Map<number, V3Record>()
      if (perToken.has(r.sequence)) throw new V3Defect('a duplicate chunk', r.offset)
      if (this.checkChunks) checkChunk(this.reader, r)
      perToken.set(r.sequence, r)
      this.chunks.set(r.token, perToken)
      return
    }
    if (![THREAD_META, METADATA, INDEX, VALUE].includes(r.kind)) return // a newer writer's kind
    const b = this.reader.at(r.start, r.end - r.start)
    switch (r.kind) {
      case THREAD_META:
        this.metas.set(
          r.token,
          new Map([...(this.metas.get(r.token) ?? []), ...decodeMap(b, r, 'thread')]),
        )
        break
      case METADATA:
        for (const [k, v] of decodeMap(b, r, 'metadata')) this.metadata.set(k, v)
        break
      case INDEX:
        this.index = decodeMap(b, r, 'index')
        break
      default: {
        const value = decodeMsgpack(b)
        const ok = typeof value === 'string' || value instanceof Uint8Array
        if (r.itemCount !== 1 || !ok || this.values.has(r.sequence)) {
          throw new V3Defect('a bad value-table record', r.offset)
        }
        // A bin value must outlive a reused read window.
        this.values.set(r.sequence, typeof value === 'string' ? value : value.slice())
      }
    }
  }

  /** The frames of `token` in order: per INDEX spans if it has them, else every chunk. */
  spans(token: number): Span[] {
    const perToken = this.chunks.get(token) ?? new Map<number, V3Record>()
    const threads = this.index?.get('threads')
    const listed: unknown =
      threads instanceof Map ? (threads.get(token) ?? threads.get(String(token))) : undefined
    if (Array.isArray(listed)) {
      return (listed as unknown[]).map(span => {
        const [sequence, first, count] = Array.isArray(span) ? (span as unknown[]) : []
        const chunk = typeof sequence === 'number' ? perToken.get(sequence) : undefined
        if (
          !chunk ||
          typeof first !== 'number' ||
          typeof count !== 'number' ||
          first + count > chunk.itemCount
        ) {
          throw new V3Defect(`the INDEX names a missing chunk span of thread ${token}`, 0)
        }
        return {chunk, first, count}
      })
    }
    return [...perToken.keys()]
      .sort((x, y) => x - y)
      .map(sequence => {
        const chunk = perToken.get(sequence)!
        return {chunk, first: 0, count: chunk.itemCount}
      })
  }
}

/** The payload of a chunk; its header too (one read) when the scan took it from the INDEX. */
function chunkPayload(reader: ByteReader, chunk: V3Record, unchecked: boolean): Uint8Array {
  if (!unchecked) return reader.window(chunk.start, chunk.end - chunk.start)
  const record = reader.window(chunk.offset, chunk.end - chunk.offset)
  checkRecordHeader(reader, record.subarray(0, RECORD_HEADER), chunk, reader.size - FOOTER)
  return record.subarray(RECORD_HEADER)
}

/** Index the frames of `spans` into one table, one chunk in memory at a time. */
export function skimSpans(
  ctx: SkimContext,
  reader: ByteReader,
  spans: Span[],
  progress: {bytesRead: number; bytesTotal: number; onBytes?: V3ReadOptions['onBytes']},
  onChunk: (builder: SkimTableBuilder) => void,
  unchecked = false,
): SkimTableBuilder {
  const builder = new SkimTableBuilder(
    ctx,
    spans.reduce((n, s) => n + s.count, 0),
  )
  for (const {chunk, first, count} of spans) {
    const payload = chunkPayload(reader, chunk, unchecked)
    ctx.setWindow(payload, chunk.start)
    const [lengths, framesStart] = frameLengths(payload, chunk.itemCount, chunk.start)
    if (lengths.reduce((a, b) => a + b, framesStart) !== payload.length) {
      throw new V3Defect('chunk frame lengths do not add up to its payload', chunk.start)
    }
    let pos = framesStart
    for (let i = 0; i < first + count; i++) {
      const end = pos + lengths[i]!
      if (i >= first && builder.add(pos, end) !== end) {
        throw new MsgpackError('a frame does not fill its length', ctx.base + pos)
      }
      pos = end
    }
    progress.bytesRead += chunk.end - chunk.start
    progress.onBytes?.(progress.bytesRead, progress.bytesTotal)
    onChunk(builder)
  }
  return builder
}

/**
 * Read a v3 container into trace parts shaped like C2 (kolo-format.md §4.5, 4–5).
 *
 * Chunks are read and indexed one at a time, so a container far larger than memory reads in
 * bounded memory when `reader` reads a file. Throws V3Defect or MsgpackError for a file that
 * cannot be read at all.
 */
export function readV3From(
  reader: ByteReader,
  options: V3ReadOptions,
): {parts: TraceParts; recovered: boolean} {
  const {contents, top, foi, recovered, perToken, unchecked} = readContents(reader, true)
  const ctx = new SkimContext(
    reader.window(0, 0),
    options.source,
    contents.values,
    options.onProgress,
    options.records ?? readerSource(reader),
  )
  ctx.pause = options.pause
  const progress = {
    bytesRead: 0,
    bytesTotal: perToken.reduce(
      (n, t) => n + t.spans.reduce((m, s) => m + s.chunk.end - s.chunk.start, 0),
      0,
    ),
    onBytes: options.onBytes,
  }
  const threads: ThreadPart[] = perToken.map(({key, info, spans}) => {
    if (spans.length === 0) return {key, info, records: emptyTable}
    const total = spans.reduce((n, s) => n + s.count, 0)
    const builder = skimSpans(
      ctx,
      reader,
      spans,
      progress,
      b => options.prefix?.offer({format: 'kolo-v3', top, key, info, records: b, total}),
      unchecked,
    )
    return {key, info, records: builder.finish()}
  })
  const parts: TraceParts = {
    top,
    framesOfInterest: foi.length > 0 ? new MapRecordTable(foi) : emptyTable,
    c1Frames: undefined,
    threads,
  }
  return {parts, recovered}
}

/** Everything of a container but its frames: top-level fields, threads and their chunk spans. */
export function readContents(reader: ByteReader, checkChunks: boolean) {
  const scan = scanV3(reader, {fromIndex: true})
  // A complete file's chunks are checked as they are read (any defect rejects it); a torn one's
  // now, so that what survives ends at the first bad chunk.
  const contents = new V3Contents(reader, checkChunks && !scan.unchecked)
  let recovered = scan.recovered
  for (const r of scan.records) {
    try {
      contents.add(r)
    } catch (error) {
      if (!scan.recovered || !(error instanceof V3Defect || error instanceof MsgpackError)) {
        throw error
      }
      recovered = true
      break
    }
  }
  const header = decodeMsgpack(reader.at(scan.headerPayload[0], scan.headerPayload[1] - 24))
  const top: KoloMap = new Map(contents.metadata)
  top.delete('recovered')
  const defaults = header instanceof Map ? header : new Map()
  for (const key of ['trace_id', 'timestamp']) {
    if (!top.has(key) && defaults.has(key)) top.set(key, defaults.get(key))
  }
  const foi = mapsIn(top.get('frames_of_interest'))
  for (const key of ['frames_of_interest', 'frames', 'threads']) top.delete(key)
  const tokens = [...new Set([...contents.chunks.keys(), ...contents.metas.keys()])].sort(
    (x, y) => x - y,
  )
  const perToken = tokens.map(token => {
    const info: KoloMap = new Map(contents.metas.get(token) ?? [])
    const key = info.has('thread_id') ? threadKey(info.get('thread_id')) : String(token)
    info.delete('thread_id')
    return {key, info, spans: contents.spans(token)}
  })
  return {contents, top, foi, recovered, perToken, unchecked: scan.unchecked}
}

/** A ByteSource reading back from a ByteReader. */
export function readerSource(reader: ByteReader): ByteSource {
  return {residentBytes: 0, read: (offset, length) => reader.at(offset, length), close() {}}
}

/** readV3From over a container in memory. */
export function readV3(
  b: Uint8Array,
  source: string,
  onProgress?: (records: number) => void,
): {parts: TraceParts; recovered: boolean} {
  return readV3From(memoryReader(b), {source, onProgress, records: new MemorySource(b)})
}
