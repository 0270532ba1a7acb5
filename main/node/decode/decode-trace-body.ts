import {gunzipSync} from 'node:zlib'
import {ApiError} from '../../../shared/api/errors'
import {assembleTrace, type ThreadPart, type TraceParts} from './assemble-trace'
import type {DecodedTrace, TraceFormat} from './decoded-trace'
import {foldEraA} from './era-a-fold'
import {MemorySource} from './byte-source'
import {readV3From} from './kolo-v3'
import {isEraA, isStringEncoded, jsonToKolo, mapsIn, normaliseRecord} from './legacy-eras'
import {MapRecordTable, emptyTable} from './map-table'
import {MsgpackError} from './msgpack-reader'
import {skimTraceMap, threadKey} from './msgpack-trace'
import type {KoloMap} from './py-objects'
import {SkimContext} from './skim-context'
import type {PrefixHook} from './prefix'
import type {SplitSkim} from './skim-split'
import {memoryReader, V3_MAGIC, V3Defect} from './v3-scan'

/** What decodeTraceBody needs besides the bytes. */
export interface DecodeOptions {
  /** Names the body in error messages: a file path, or `<db>#<trace id>`. */
  source: string
  /** Called with the number of records indexed so far, about every 50,000. */
  onProgress?: (records: number) => void
  /**
   * Called every 8,192 records (msgpack and Kolo 3.x bodies): background decoding waits there
   * while a trace the user opened loads.
   */
  pause?: () => void
  /** Largest gunzipped size accepted (default 1 GiB). */
  maxInflatedBytes?: number
  /** Told when the main thread's first records are indexed (a preview while the rest decodes). */
  prefix?: PrefixHook
  /** Skims half of a long record list on another thread (bytes on a SharedArrayBuffer). */
  split?: SplitSkim
}

const GIB = 1024 ** 3

function startsWith(bytes: Uint8Array, text: string): boolean {
  if (bytes.length < text.length) return false
  for (let i = 0; i < text.length; i++) if (bytes[i] !== text.charCodeAt(i)) return false
  return true
}

/** Era A/B records (from JSON, or a legacy body re-encoded as msgpack) in the C2 vocabulary. */
function legacyParts(top: KoloMap, records: KoloMap[]): {parts: TraceParts; format: TraceFormat} {
  const stringEncoded = isStringEncoded(records)
  let normalised = records.map(r => normaliseRecord(r, stringEncoded))
  const eraA = isEraA(top)
  if (eraA) normalised = foldEraA(top, normalised)
  const table = normalised.length > 0 ? new MapRecordTable(normalised) : emptyTable
  return {
    parts: {top, framesOfInterest: table, c1Frames: undefined, threads: undefined},
    format: eraA ? 'json-a' : 'json-b',
  }
}

function decodeMsgpackBody(bytes: Uint8Array, options: DecodeOptions): DecodedTrace {
  const ctx = new SkimContext(bytes, options.source, undefined, options.onProgress)
  ctx.split = options.split
  ctx.pause = options.pause
  const {parts, end} = skimTraceMap(ctx, 0, bytes.length, options.prefix)
  if (end !== bytes.length) {
    throw new MsgpackError(`${bytes.length - end} stray bytes after the trace map`, end)
  }
  const body = {byteLength: bytes.length, recovered: false}
  if (parts.threads) return assembleTrace({...parts, c1Frames: undefined}, 'msgpack-c2', body)
  if (parts.c1Frames || parts.top.has('main_thread_id')) {
    return assembleTrace({...parts, c1Frames: parts.c1Frames ?? []}, 'msgpack-c1', body)
  }
  // An era A/B trace that Kolo 3.x migrated into a msgpack file: small, decode it whole.
  const foi = parts.framesOfInterest
  const records = Array.from({length: foi.length}, (_, i) => foi.full(i))
  const legacy = legacyParts(parts.top, records)
  return assembleTrace(legacy.parts, legacy.format, body)
}

function decodeJsonBody(bytes: Uint8Array, options: DecodeOptions): DecodedTrace {
  let parsed: unknown
  try {
    parsed = JSON.parse(new TextDecoder('utf-8').decode(bytes))
  } catch (error) {
    throw new ApiError('bad-trace', `${options.source}: invalid JSON: ${(error as Error).message}`)
  }
  const top = jsonToKolo(parsed)
  if (!(top instanceof Map)) {
    throw new ApiError('bad-trace', `${options.source}: the JSON is not an object`)
  }
  const records = mapsIn(top.get('frames_of_interest'))
  const frames: unknown = top.get('frames')
  const threads: unknown = top.get('threads')
  for (const key of ['frames_of_interest', 'frames', 'threads']) top.delete(key)
  const legacy = legacyParts(top, records)
  // A JSON body with other threads is not documented; read them the msgpack way if present.
  const others = (lists: unknown, nested: boolean): ThreadPart[] | undefined => {
    if (!(lists instanceof Map) || lists.size === 0) return undefined
    return [...lists].map(([key, value]): ThreadPart => {
      const info: KoloMap = nested && value instanceof Map ? new Map(value) : new Map()
      const list = mapsIn(nested ? info.get('frames') : value)
      info.delete('frames')
      const encoded = isStringEncoded(list)
      const table = new MapRecordTable(list.map(r => normaliseRecord(r, encoded)))
      return {key: threadKey(key), info, records: table}
    })
  }
  legacy.parts.c1Frames = others(frames, false)
  legacy.parts.threads = others(threads, true)
  options.onProgress?.(records.length)
  return assembleTrace(legacy.parts, legacy.format, {byteLength: bytes.length, recovered: false})
}

function firstNonSpace(bytes: Uint8Array): number | undefined {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)
  ) {
    i++
  }
  return bytes[i]
}

function sniffAndDecode(
  bytes: Uint8Array,
  options: DecodeOptions,
  gzipDepth: number,
): DecodedTrace {
  const {source} = options
  if (bytes.length === 0) throw new ApiError('bad-trace', `${source}: the trace body is empty`)
  const first = bytes[0]!
  if (startsWith(bytes, V3_MAGIC)) {
    const {parts, recovered} = readV3From(memoryReader(bytes), {
      source,
      onProgress: options.onProgress,
      pause: options.pause,
      records: new MemorySource(bytes),
      prefix: options.prefix,
    })
    return assembleTrace(parts, 'kolo-v3', {byteLength: bytes.length, recovered})
  }
  if ((first >= 0x80 && first <= 0x8f) || first === 0xde || first === 0xdf) {
    return decodeMsgpackBody(bytes, options)
  }
  if (firstNonSpace(bytes) === 0x7b) return decodeJsonBody(bytes, options)
  if (first === 0x1f && bytes[1] === 0x8b) {
    if (gzipDepth >= 2) throw new ApiError('bad-trace', `${source}: gzip nested too deep`)
    const limit = options.maxInflatedBytes ?? GIB
    let inflated: Uint8Array
    try {
      inflated = gunzipSync(bytes, {maxOutputLength: limit})
    } catch (error) {
      const code = (error as {code?: string}).code
      const why =
        code === 'ERR_BUFFER_TOO_LARGE'
          ? `inflates beyond ${limit} bytes`
          : (error as Error).message
      throw new ApiError('bad-trace', `${source}: bad gzip data: ${why}`)
    }
    return sniffAndDecode(inflated, options, gzipDepth + 1)
  }
  const head = Array.from(bytes.subarray(0, 8), b => b.toString(16).padStart(2, '0')).join(' ')
  throw new ApiError('bad-trace', `${source}: not a Kolo trace (it starts with ${head})`)
}

/**
 * Decode a trace body of any era (kolo-format.md §3): sniffed, never trusted by name.
 *
 * `KOLOTRC3` → v3 container; a msgpack map → C1/C2 (or a migrated era A/B trace); `{` → JSON
 * (eras A/B); gzip → inflated (bounded) and sniffed again. msgpack record lists are indexed,
 * not decoded. Throws ApiError('bad-trace', '<source>: <what is wrong>') and nothing else.
 */
export function decodeTraceBody(bytes: Uint8Array, options: DecodeOptions): DecodedTrace {
  try {
    return sniffAndDecode(bytes, options, 0)
  } catch (error) {
    if (error instanceof ApiError) throw error
    if (error instanceof MsgpackError || error instanceof V3Defect) {
      throw new ApiError('bad-trace', `${options.source}: ${error.message}`)
    }
    // RangeError (stack, allocation) and anything unforeseen: still a typed error.
    const message = error instanceof Error ? error.message : String(error)
    throw new ApiError('bad-trace', `${options.source}: cannot decode the trace: ${message}`)
  }
}
