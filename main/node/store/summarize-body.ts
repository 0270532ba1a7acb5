import {ApiError} from '../../../shared/api/errors'
import {decodeTraceBody} from '../decode'
import {FileSource} from '../decode/byte-source'
import {fileReader} from '../decode/decode-trace-file'
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
