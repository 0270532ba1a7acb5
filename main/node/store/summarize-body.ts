import {ApiError} from '../../../shared/api/errors'
import {decodeTraceBody} from '../decode'
import {FileSource} from '../decode/byte-source'
import {fileReader} from '../decode/decode-trace-file'
import {emptyTable} from '../decode/map-table'
import type {PrefixHook, PrefixPart} from '../decode/prefix'
import {readV3Outline} from '../decode/v3-outline'
import {summarizeOutline} from '../summary/outline-summary'
import {summarizeTrace} from '../summary/summarize'
import type {TraceSummaryFields} from '../summary/summarize'
import type {TraceBody} from './types'

/** What decoding one body yields for the list: its summary, the id and start time it carries. */
export interface BodySummary {
  fields: TraceSummaryFields
  traceId?: string
  /** Epoch seconds of the trace's start, when the body has one. */
  timestamp?: number
}

/** Decode a body once and summarise it; throws what the decoder throws. */
export function summarizeBody(body: TraceBody): BodySummary {
  const decoded = decodeTraceBody(body.bytes, {source: body.source})
  const summary: BodySummary = {fields: summarizeTrace(decoded)}
  if (decoded.traceId) summary.traceId = decoded.traceId
  if (Number.isFinite(decoded.timestamp) && decoded.timestamp > 0) {
    summary.timestamp = decoded.timestamp
  }
  return summary
}

/**
 * Summarise a v3 container file from its outline (metadata, frame counts, first and last chunk):
 * a `partial` row that reads a few hundred KB of a file of any size. Throws ApiError('bad-trace').
 */
export function summarizeContainerFile(file: string): BodySummary {
  const source = new FileSource(file)
  try {
    const outline = readV3Outline(fileReader(source, source.identity().size), file)
    const {traceId, timestamp, ...fields} = summarizeOutline(outline)
    const summary: BodySummary = {fields}
    if (traceId !== undefined) summary.traceId = traceId
    if (timestamp !== undefined) summary.timestamp = timestamp
    return summary
  } catch (error) {
    if (error instanceof ApiError) throw error
    throw new ApiError(
      'bad-trace',
      `${file}: ${error instanceof Error ? error.message : String(error)}`,
    )
  } finally {
    source.close()
  }
}

/** Thrown through the decoder once the head's first records are in hand. */
class HeadRead extends Error {}

/**
 * Summarise a msgpack body from its first bytes only (a big 2.x blob's first MB): the top-level
 * fields and the first records of the first thread offered give the name, the kind and, for a
 * request, its method and path; the record count is that thread's. A `partial` row, without the
 * status and duration that sit at the body's end. Undefined when the head holds no records.
 */
export function summarizeHead(head: Uint8Array, source: string): BodySummary | undefined {
  let part:
    {top: PrefixPart['top']; key: string; info: PrefixPart['info']; total?: number} | undefined
  let first: ReturnType<PrefixPart['records']['snapshot']> | undefined
  const hook: PrefixHook = {
    offer(offered) {
      part = {top: new Map(offered.top), key: offered.key, info: offered.info, total: offered.total}
      first = offered.records.snapshot()
      throw new HeadRead()
    },
  }
  try {
    decodeTraceBody(head, {source, prefix: hook})
  } catch {
    // HeadRead, or the head's end: either way what was offered is all there is
  }
  if (!part || !first) return undefined
  const thread = {
    key: part.key,
    info: part.info,
    total: part.total ?? first.length,
    first,
    last: emptyTable,
  }
  const {traceId, timestamp, ...fields} = summarizeOutline({top: part.top, threads: [thread]})
  const summary: BodySummary = {fields}
  if (traceId !== undefined) summary.traceId = traceId
  if (timestamp !== undefined) summary.timestamp = timestamp
  return summary
}
