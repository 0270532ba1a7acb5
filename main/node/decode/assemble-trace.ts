import type {DecodedThread, DecodedTrace, RecordTable, TraceFormat} from './decoded-trace'
import {emptyTable} from './map-table'
import type {KoloMap} from './py-objects'
import {parseTimestamp} from './timestamps'

/** One thread as found in a trace map: its key, its other fields, its records. */
export interface ThreadPart {
  key: string
  info: KoloMap
  records: RecordTable
}

/** A trace map taken apart: record lists as tables, everything else decoded. */
export interface TraceParts {
  /** Every top-level field except `frames_of_interest`, `frames` (C1) and `threads`. */
  top: KoloMap
  framesOfInterest: RecordTable
  /** C1's `frames: {native_id: [record]}`. */
  c1Frames: ThreadPart[] | undefined
  /** C2's and v3's `threads`. */
  threads: ThreadPart[] | undefined
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

function keyText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  return undefined
}

function fromPart(part: ThreadPart): DecodedThread {
  const recorded = part.records.length > 0 ? text(part.records.get(0, 'thread')) : undefined
  return {
    key: part.key,
    name: text(part.info.get('name')) ?? recorded ?? part.key,
    records: part.records,
  }
}

/** The main thread first, then the others (kolo-format.md §6). */
function pickThreads(parts: TraceParts): DecodedThread[] {
  const {top, framesOfInterest: foi} = parts
  const meta = top.get('meta')
  const hasConfig = meta instanceof Map && meta.has('config')
  const firstThreadName = foi.length > 0 ? text(foi.get(0, 'thread')) : undefined
  if (parts.c1Frames) {
    const key = keyText(top.get('main_thread_id')) ?? 'main'
    const main = {key, name: firstThreadName ?? key, records: foi}
    const others = parts.c1Frames.map(p =>
      fromPart(p.key === key ? {...p, key: `${key}-frames`} : p),
    )
    return [main, ...others]
  }
  const threads = parts.threads ?? []
  // A recovered v3 file has no metadata (no `meta.config`, no `current_thread_id`): show its threads.
  if (threads.length > 0 && (hasConfig || foi.length === 0)) {
    const current = keyText(top.get('current_thread_id'))
    if (current === undefined) return threads.map(fromPart)
    const found = threads.find(t => t.key === current)
    const main = found ? fromPart(found) : {key: current, name: current, records: emptyTable}
    return [main, ...threads.filter(t => t !== found).map(fromPart)]
  }
  return [{key: 'main', name: firstThreadName ?? 'main', records: foi}, ...threads.map(fromPart)]
}

/** A DecodedTrace from trace parts: thread selection, ids, times and meta fields. */
export function assembleTrace(
  parts: TraceParts,
  format: TraceFormat,
  body: {byteLength: number; recovered: boolean},
): DecodedTrace {
  const {top} = parts
  const threads = pickThreads(parts)
  const main = threads[0]!
  const meta = top.get('meta')
  const firstStamp = main.records.length > 0 ? main.records.get(0, 'timestamp') : undefined
  const timestamp = parseTimestamp(top.get('timestamp')) ?? parseTimestamp(firstStamp) ?? 0
  const traceId =
    text(top.get('trace_id')) ?? text(top.get('invocation_id')) ?? text(top.get('request_id')) ?? ''
  const args = top.get('command_line_args')
  const trace: DecodedTrace = {
    format,
    traceId,
    timestamp,
    threads,
    mainThreadKey: main.key,
    recovered: body.recovered,
    byteLength: body.byteLength,
  }
  const traceName = text(top.get('trace_name'))
  if (traceName !== undefined) trace.traceName = traceName
  if (meta instanceof Map) {
    const version = text(meta.get('version'))
    if (version !== undefined) trace.koloVersion = version
    const source = text(meta.get('source'))
    if (source !== undefined) trace.source = source
  }
  if (Array.isArray(args)) {
    trace.commandLine = args.filter((a): a is string => typeof a === 'string')
  }
  const sha = text(top.get('current_commit_sha'))
  if (sha !== undefined) trace.commitSha = sha
  return trace
}
