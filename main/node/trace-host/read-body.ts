import {encodeModel} from '../../../shared/api/model-codec'
import {ApiError} from '../../../shared/api/errors'
import type {ByteSource} from '../decode/byte-source'
import {MemorySource, SourceChanged} from '../decode/byte-source'
import {decodeTraceBody} from '../decode/decode-trace-body'
import {decodeTraceFile} from '../decode/decode-trace-file'
import type {DecodedTrace} from '../decode/decoded-trace'
import {prefixHook} from '../decode/prefix'
import type {SplitSkim} from '../decode/skim-split'
import type {PrefixHook, PrefixPart} from '../decode/prefix'
import {buildTraceModel} from '../model/build-trace'
import {ChainBroken} from '../store'
import type {KoloStore, TraceBlob} from '../store'
import type {BodyLocation} from '../store/types'
import type {LoadMeter} from './load-meter'
import type {LoadHooks, LoadRequest} from './load-types'

// About a thousand rows when every call is two records: many screens, indexed and built in a
// few milliseconds, so the first rows never wait on more than they show.
const DEFAULT_PREVIEW_RECORDS = 2048
// A blob read from the database file is previewed from its first bytes, while the rest waits:
// these many first (enough for 2,048 records of 2 KB), then four times as many once more.
const PREVIEW_BYTES = 4 * 1024 * 1024

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
  prefix: PreviewHook,
  split?: SplitSkim,
): ReadBody {
  if (location.file === undefined && location.storage === 'sqlite-msgpack') {
    // On shared memory when a second thread may skim half of it.
    const blob = store.openTraceBlob?.(req.traceId, {shared: split !== undefined})
    if (blob) {
      try {
        return readBlob(blob, meter, prefix, split)
      } catch (error) {
        // The pages do not hold what SQLite said: SQLite reads it (or says what is wrong).
        if (!(error instanceof ChainBroken)) throw error
      } finally {
        blob.close()
      }
    }
  }
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
 * A blob read straight from the database file: its first part is read and previewed while the
 * rest waits, then the rest is read and the whole is decoded.
 */
function readBlob(
  blob: TraceBlob,
  meter: LoadMeter,
  prefix: PreviewHook,
  split: SplitSkim | undefined,
): ReadBody {
  const {stream, source} = blob
  const total = stream.length
  const onBytes = (read: number): void => meter.reading(read, total)
  for (let part = PREVIEW_BYTES; prefix.wanted && !prefix.previewed && part < total; part *= 4) {
    stream.fill(part, onBytes)
    previewFrom(stream.bytes.subarray(0, part), source, prefix)
    if (part > PREVIEW_BYTES) break
  }
  stream.fill(total, onBytes)
  if (!blob.unchanged()) {
    throw new SourceChanged(`${source}: the database changed while it was read`)
  }
  const bytes = stream.bytes
  const decoded = decodeTraceBody(bytes, {
    source,
    onProgress: records => meter.records(records),
    prefix,
    split,
  })
  return {decoded, reader: new MemorySource(bytes), copy: bytes}
}

/** Thrown through the decoder once the preview is made: the rest of the part is not needed. */
class PreviewMade extends Error {}

/**
 * Decode the first part of a body for its preview only: the decoder stops once the preview is
 * out, or where the part ends (if it is too short for one).
 */
function previewFrom(part: Uint8Array, source: string, prefix: PreviewHook): void {
  const stopAfterPreview: PrefixHook = {
    offer(offered) {
      prefix.offer(offered)
      if (prefix.previewed) throw new PreviewMade()
    },
  }
  try {
    decodeTraceBody(part, {source, prefix: stopAfterPreview})
  } catch (error) {
    // decodeTraceBody reports what it did not expect as 'bad-trace', PreviewMade among them.
    if (!(error instanceof ApiError) || error.code !== 'bad-trace') throw error
  }
}

/** A decode hook that also says whether a preview is wanted, and whether it was made. */
export interface PreviewHook extends PrefixHook {
  readonly wanted: boolean
  readonly previewed: boolean
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
): PreviewHook {
  const wants = (part: PrefixPart): boolean => {
    if (req.thread === '*') return false
    if (req.thread !== undefined) return !part.foi && part.key === req.thread
    if (part.foi) return part.format === 'msgpack-c1'
    const current = part.top.get('current_thread_id')
    return current === undefined || current === part.key
  }
  let previewed = false
  const preview =
    hooks.onPreview &&
    req.thread !== '*' &&
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
        previewed = true
        hooks.onPreview?.(model)
      },
    })
  return {
    wanted: Boolean(preview),
    get previewed() {
      return previewed
    },
    offer(part) {
      if (wants(part)) meter.thread(part.records.length, part.total)
      if (preview) preview.offer(part)
    },
  }
}
