import {decodeTraceBody} from '../../decode/decode-trace-body'
import {traceMap} from '../../demo/demo-kit'
import {encodeKolo} from '../../kolo-writer/msgpack-writer'
import {TraceRecorder} from '../../kolo-writer/trace-recorder'
import {seededRandom, traceId} from '../../kolo-writer/ulid'
import {buildTraceModel} from '../../model/build-trace'
import type {BuiltTrace} from '../../model/build-trace'

/** A recorded trace: the trace map as Kolo 2.40 writes it, for a store, and its id. */
export interface RecordedTrace {
  traceId: string
  map: Map<string, unknown>
}

/**
 * Record one trace with a TraceRecorder, as Kolo 2.40 would write it (kolo-format.md §4.3).
 *
 * `start` (epoch s) and `seed` fix the ids and the clock's jitter, so two recordings of the same
 * code differ only in what `record` does differently.
 */
export function recordTrace(
  name: string,
  record: (rec: TraceRecorder) => void,
  options: {start?: number; seed?: number} = {},
): RecordedTrace {
  const start = options.start ?? 1_767_225_600
  const random = seededRandom(options.seed ?? 1)
  const id = traceId(start, random)
  const rec = new TraceRecorder(start + 0.0001, random)
  record(rec)
  const map = traceMap({
    traceId: id,
    timestamp: start,
    name,
    source: 'kolo.middleware.KoloMiddleware',
    argv: ['manage.py', 'runserver'],
    thread: {
      name: 'MainThread',
      nativeId: 4242,
      ident: 140_245_678_901_248,
      daemon: false,
      records: rec.records,
    },
  })
  return {traceId: id, map}
}

/** A recorded trace through the app's own path: Kolo's bytes, our decoder, our tree builder. */
export function buildRecorded(trace: RecordedTrace): BuiltTrace {
  const decoded = decodeTraceBody(encodeKolo(trace.map), {source: `test#${trace.traceId}`})
  return buildTraceModel(decoded)
}
