import {encodeModel} from '../../../shared/api/model-codec'
import type {ByteSource} from '../decode/byte-source'
import {MemorySource} from '../decode/byte-source'
import {decodeTraceBody} from '../decode/decode-trace-body'
import {decodeTraceFile} from '../decode/decode-trace-file'
import type {DecodedTrace} from '../decode/decoded-trace'
import {prefixHook} from '../decode/prefix'
import type {PrefixHook, PrefixPart} from '../decode/prefix'
import {buildTraceModel} from '../model/build-trace'
import type {KoloStore} from '../store'
import type {BodyLocation} from '../store/types'
import type {LoadMeter} from './load-meter'
import type {LoadHooks, LoadRequest} from './load-types'

// About two screens of rows when every call is two records; a cold worker indexes them fast.
const DEFAULT_PREVIEW_RECORDS = 8192

/** A trace body decoded for building, and where its records are read back from afterwards. */
export interface ReadBody {
  decoded: DecodedTrace
  reader: ByteSource
  /** The body's bytes, when they are in memory (a SQLite blob, a gzipped file): the model cache keeps a copy. */
  copy: Uint8Array | undefined
}

/**
 * Decode a trace's body where it is: a file (a Kolo 3.x raw file, a trace file) is streamed or
 * read, and its records are read back from it afterwards by offset; a database row's blob is read
 * whole and kept until the model cache holds a copy.
 */
export function readBody(
  store: KoloStore,
  req: LoadRequest,
  location: BodyLocation,
  meter: LoadMeter,
  prefix: PrefixHook,
): ReadBody {
  if (location.file !== undefined) {
    const file = decodeTraceFile(location.file, {
      source: location.source,
      expect: {size: location.sizeBytes ?? -1, mtimeMs: location.mtimeMs ?? -1, ino: location.ino},
      onProgress: records => meter.records(records),
      onBytes: (read, total) => meter.bytes(read, total),
      prefix,
    })
    if (!file.streamed) meter.bytes(location.sizeBytes ?? 0, location.sizeBytes ?? 0)
    const copy = file.reader instanceof MemorySource ? file.reader.bytes : undefined
    return {decoded: file.decoded, reader: file.reader, copy}
  }
  const body = store.readTraceBody(req.traceId)
  meter.read(body.bytes.length)
  const decoded = decodeTraceBody(body.bytes, {
    source: body.source,
    onProgress: records => meter.records(records),
    prefix,
  })
  return {decoded, reader: new MemorySource(body.bytes), copy: body.bytes}
}

/**
 * The hook a load decodes with: it meters the shown thread's records out of its total, and
 * makes a preview of its first records when `hooks.onPreview` wants one.
 */
export function previewHook(
  req: LoadRequest,
  meter: LoadMeter,
  hooks: LoadHooks,
  previewRecords = DEFAULT_PREVIEW_RECORDS,
): PrefixHook {
  const wants = (part: PrefixPart): boolean => {
    if (req.thread === '*') return false
    if (req.thread !== undefined) return !part.foi && part.key === req.thread
    if (part.foi) return part.format === 'msgpack-c1'
    const current = part.top.get('current_thread_id')
    return current === undefined || current === part.key
  }
  const preview =
    hooks.onPreview &&
    prefixHook({
      records: previewRecords,
      wants,
      onPrefix: ({decoded, recordsTotal}) => {
        let model: ArrayBuffer
        try {
          const partial = recordsTotal === undefined ? {} : {recordsTotal}
          model = encodeModel(buildTraceModel(decoded, {thread: req.thread, partial}).model)
        } catch {
          return // a preview is a nicety: the whole model still comes
        }
        hooks.onPreview?.(model)
      },
    })
  return {
    offer(part) {
      if (wants(part)) meter.thread(part.records.length, part.total)
      preview?.offer(part)
    },
  }
}
