import {ApiError} from '../../../shared/api/errors'
import {decodeTraceBody} from '../decode'
import {FileSource} from '../decode/byte-source'
import {fileReader} from '../decode/decode-trace-file'
import {emptyTable} from '../decode/map-table'
import type {PrefixHook} from '../decode/prefix'
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

/** A list row from an outline (summarizeOutline), with the id and start time it carries. */
function outlineSummary(outline: Parameters<typeof summarizeOutline>[0]): BodySummary {
  const {traceId, timestamp, ...fields} = summarizeOutline(outline)
  const summary: BodySummary = {fields}
  if (traceId !== undefined) summary.traceId = traceId
  if (timestamp !== undefined) summary.timestamp = timestamp
  return summary
}

/**
 * Summarise a v3 container file from its outline (metadata, frame counts, first and last chunk):
 * a `partial` row that reads a few hundred KB of a file of any size. Throws ApiError('bad-trace').
 */
export function summarizeContainerFile(file: string): BodySummary {
  const source = new FileSource(file)
  try {
    return outlineSummary(readV3Outline(fileReader(source, source.identity().size), file))
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
  let outline: Parameters<typeof summarizeOutline>[0] | undefined
  const hook: PrefixHook = {
    offer({top, key, info, total, records}) {
      const first = records.snapshot()
      const thread = {key, info, total: total ?? first.length, first, last: emptyTable}
      outline = {top, threads: [thread]}
      // The decoder stops here: `top` and the records offered stay as they are.
      throw new HeadRead()
    },
  }
  try {
    decodeTraceBody(head, {source, prefix: hook})
  } catch {
    // HeadRead, or the head's end: either way what was offered is all there is
  }
  return outline && outlineSummary(outline)
}
