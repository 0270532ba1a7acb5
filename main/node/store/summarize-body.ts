import {decodeTraceBody} from '../decode'
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
