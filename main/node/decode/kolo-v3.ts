import type {ThreadPart, TraceParts} from './assemble-trace'
import {mapsIn} from './legacy-eras'
import {MapRecordTable, emptyTable} from './map-table'
import {decodeMsgpack, MsgpackError} from './msgpack-reader'
import {threadKey} from './msgpack-trace'
import type {KoloMap} from './py-objects'
import {SkimTableBuilder} from './skim-builder'
import {SkimContext} from './skim-context'
import {scanV3, V3Defect, type V3Record} from './v3-scan'

const CHUNK = 1
const THREAD_META = 2
const METADATA = 3
const INDEX = 4
const VALUE = 5

/** Frame i of a chunk is bytes [starts[i], starts[i] + lengths[i]) of the file. */
interface Chunk {
  starts: number[]
  lengths: number[]
}

/** Split a CHUNK payload: item_count ULEB128 lengths, then the frames back to back. */
function chunkFrames(b: Uint8Array, r: V3Record): Chunk {
  const lengths: number[] = []
  let p = r.start
  for (let i = 0; i < r.itemCount; i++) {
    let value = 0
    let scale = 1
    for (;;) {
      if (p >= r.end || scale > 2 ** 49) throw new V3Defect('bad frame length in a chunk', p)
      const byte = b[p++]!
      value += (byte & 0x7f) * scale
      scale *= 128
      if (byte < 0x80) break
    }
    lengths.push(value)
  }
  const starts: number[] = []
  for (const length of lengths) {
    starts.push(p)
    p += length
  }
  if (p !== r.end) throw new V3Defect('chunk frame lengths do not add up to its payload', r.start)
  return {starts, lengths}
}

/** Append frames [from, to) of `chunk` to `out` (a loop: spreading 100k+ items overflows the stack). */
function append(out: Chunk, chunk: Chunk, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    out.starts.push(chunk.starts[i]!)
    out.lengths.push(chunk.lengths[i]!)
  }
}

function decodeMap(b: Uint8Array, r: V3Record, what: string): KoloMap {
  const value = decodeMsgpack(b, undefined, r.start, r.end)
  if (!(value instanceof Map)) throw new V3Defect(`the ${what} record is not a map`, r.offset)
  return value
}

/** What the records of a container say, before frames are indexed. */
class V3Contents {
  readonly values = new Map<number, string | Uint8Array>()
  readonly chunks = new Map<number, Map<number, Chunk>>()
  readonly metas = new Map<number, KoloMap>()
  readonly metadata: KoloMap = new Map()
  index: KoloMap | undefined

  constructor(private readonly b: Uint8Array) {}

  /** Take in one record; throws V3Defect or MsgpackError when it makes no sense. */
  add(r: V3Record): void {
    const b = this.b
    switch (r.kind) {
      case CHUNK: {
        const perToken = this.chunks.get(r.token) ?? new Map<number, Chunk>()
        if (perToken.has(r.sequence)) throw new V3Defect('a duplicate chunk', r.offset)
        perToken.set(r.sequence, chunkFrames(b, r))
        this.chunks.set(r.token, perToken)
        break
      }
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
      case VALUE: {
        const value = decodeMsgpack(b, undefined, r.start, r.end)
        const ok = typeof value === 'string' || value instanceof Uint8Array
        if (r.itemCount !== 1 || !ok || this.values.has(r.sequence)) {
          throw new V3Defect('a bad value-table record', r.offset)
        }
        this.values.set(r.sequence, value)
        break
      }
      default:
        break // a kind from a newer writer: nothing we can use
    }
  }

  /** The frames of `token` in order: per INDEX spans if it has them, else every chunk. */
  frames(token: number): Chunk {
    const perToken = this.chunks.get(token) ?? new Map<number, Chunk>()
    const threads = this.index?.get('threads')
    const spans: unknown =
      threads instanceof Map ? (threads.get(token) ?? threads.get(String(token))) : undefined
    const out: Chunk = {starts: [], lengths: []}
    if (Array.isArray(spans)) {
      for (const span of spans as unknown[]) {
        const [sequence, first, count] = Array.isArray(span) ? (span as unknown[]) : []
        const chunk = typeof sequence === 'number' ? perToken.get(sequence) : undefined
        if (
          !chunk ||
          typeof first !== 'number' ||
          typeof count !== 'number' ||
          first + count > chunk.starts.length
        ) {
          throw new V3Defect(`the INDEX names a missing chunk span of thread ${token}`, 0)
        }
        append(out, chunk, first, first + count)
      }
      return out
    }
    for (const sequence of [...perToken.keys()].sort((x, y) => x - y)) {
      const chunk = perToken.get(sequence)!
      append(out, chunk, 0, chunk.starts.length)
    }
    return out
  }
}

/**
 * Read a v3 container into trace parts shaped like C2 (kolo-format.md §4.5, 4–5).
 *
 * Throws V3Defect or MsgpackError for a file that cannot be read at all.
 */
export function readV3(
  b: Uint8Array,
  source: string,
  onProgress?: (records: number) => void,
): {parts: TraceParts; recovered: boolean} {
  const scan = scanV3(b)
  const contents = new V3Contents(b)
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
  const header = decodeMsgpack(b, undefined, scan.headerPayload[0], scan.headerPayload[1])
  const top: KoloMap = new Map(contents.metadata)
  top.delete('recovered')
  const defaults = header instanceof Map ? header : new Map()
  for (const key of ['trace_id', 'timestamp']) {
    if (!top.has(key) && defaults.has(key)) top.set(key, defaults.get(key))
  }
  const foi = mapsIn(top.get('frames_of_interest'))
  for (const key of ['frames_of_interest', 'frames', 'threads']) top.delete(key)

  const ctx = new SkimContext(b, source, contents.values, onProgress)
  const tokens = [...new Set([...contents.chunks.keys(), ...contents.metas.keys()])].sort(
    (x, y) => x - y,
  )
  const threads: ThreadPart[] = tokens.map(token => {
    const info: KoloMap = new Map(contents.metas.get(token) ?? [])
    const key = info.has('thread_id') ? threadKey(info.get('thread_id')) : String(token)
    info.delete('thread_id')
    const frames = contents.frames(token)
    if (frames.starts.length === 0) return {key, info, records: emptyTable}
    const builder = new SkimTableBuilder(ctx, frames.starts.length)
    frames.starts.forEach((start, i) => {
      const end = start + frames.lengths[i]!
      if (builder.add(start, end) !== end) {
        throw new MsgpackError('a frame does not fill its length', start)
      }
    })
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
