import {assembleTrace} from './assemble-trace'
import type {DecodedTrace, RecordTable, TraceFormat} from './decoded-trace'
import {emptyTable} from './map-table'
import type {KoloMap} from './py-objects'

/**
 * Previews while a body is read: when a thread's first records are indexed, a decoded trace of
 * just those (and the trace's top-level fields read so far) can be built and shown as the tree's
 * first rows, long before the rest of a big body is read.
 */

/** Records indexed so far of one thread. */
export interface GrowingTable {
  readonly length: number
  /** A table of the records indexed so far. */
  snapshot(): RecordTable
}

/** What a decoder offers: one thread's records so far. */
export interface PrefixPart {
  format: TraceFormat
  /** The trace's top-level fields read so far (C2 reads them before `threads`; v3 from METADATA). */
  top: KoloMap
  /** The thread's key, and its fields (name, ident, …); `frames_of_interest` when `foi`. */
  key: string
  info: KoloMap
  /** The list is frames_of_interest (C1, legacy) rather than one of `threads`. */
  foi?: boolean
  records: GrowingTable
  /** How many records the thread has, when the decoder knows (msgpack array header, v3 index). */
  total: number | undefined
}

/** Takes offers from a decoder while it indexes (decode-trace-body, kolo-v3). */
export interface PrefixHook {
  offer(part: PrefixPart): void
}

/** What a preview is made of: the trace so far, and how many records the thread has in all. */
export interface Prefix {
  decoded: DecodedTrace
  recordsTotal: number | undefined
}

/** Options of prefixHook. */
export interface PrefixOptions {
  /** Offer a preview once the thread has this many records indexed. */
  records: number
  /** Whether this thread is the one that will be shown (Kolo's main thread, or the one asked for). */
  wants: (part: PrefixPart) => boolean
  /** Called at most once, synchronously, while the decoder waits. */
  onPrefix: (prefix: Prefix) => void
}

/** A hook that makes one preview of the first thread it wants, once it has enough records. */
export function prefixHook(options: PrefixOptions): PrefixHook {
  let done = false
  return {
    offer(part) {
      if (done || part.records.length < options.records || !options.wants(part)) return
      done = true
      const records = part.records.snapshot()
      const thread = {key: part.key, info: part.info, records}
      const decoded = assembleTrace(
        {
          top: new Map(part.top),
          framesOfInterest: part.foi ? records : emptyTable,
          c1Frames: part.foi && part.format === 'msgpack-c1' ? [] : undefined,
          threads: part.foi ? undefined : [thread],
        },
        part.format,
        {byteLength: 0, recovered: false},
      )
      options.onPrefix({decoded, recordsTotal: part.total})
    },
  }
}
