import type {RecordTable} from '../decode/decoded-trace'
import type {OutlineThread} from '../decode/v3-outline'
import type {KoloMap} from '../decode/py-objects'
import {testDisplayName} from '../decode/record-fields'
import {unnamedTraceName} from '../decode/trace-name'
import type {TraceSummaryFields} from './summarize'

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined)

/** The first record of `type` in a table, or -1. */
function find(records: RecordTable, type: string, fromEnd = false): number {
  for (let k = 0; k < records.length; k++) {
    const i = fromEnd ? records.length - 1 - k : k
    if (records.get(i, 'type') === type) return i
  }
  return -1
}

/**
 * A list row from a container outline (kolo-v3 readV3Outline): the trace's name and kind, a
 * request's method, path, status and duration, its record count and time span, as summarizeTrace
 * would give them, marked `partial` (queries are not counted: that needs every record).
 *
 * A request trace starts with its django_request and ends with its django_response, a test trace
 * starts with start_test: the first and last chunk hold them.
 */
export function summarizeOutline(outline: {
  top: KoloMap
  threads: OutlineThread[]
}): TraceSummaryFields & {traceId?: string; timestamp?: number} {
  const {top} = outline
  const current = top.get('current_thread_id')
  const main = outline.threads.find(t => t.key === current)
  const threads = main ? [main] : outline.threads.filter(t => t.total > 0)
  const first = threads[0]?.first
  const last = threads[threads.length - 1]?.last
  let testName: string | undefined
  let method: string | undefined
  let path: string | undefined
  let status: number | undefined
  let msDuration: number | undefined
  const test = first ? find(first, 'start_test') : -1
  if (first && test >= 0) {
    testName = testDisplayName(first.get(test, 'test_name'), first.get(test, 'test_class'))
  }
  const request = first ? find(first, 'django_request') : -1
  if (first && request >= 0) {
    method = str(first.get(request, 'method'))
    path = str(first.get(request, 'path_info'))
    const response = last ? find(last, 'django_response', true) : -1
    if (last && response >= 0) {
      status = num(last.get(response, 'status_code'))
      msDuration = num(last.get(response, 'ms_duration'))
    }
  }
  const firstTs = first && first.length > 0 ? num(first.get(0, 'timestamp')) : undefined
  const lastTs = last && last.length > 0 ? num(last.get(last.length - 1, 'timestamp')) : undefined
  const spanMs =
    firstTs !== undefined && lastTs !== undefined ? (lastTs - firstTs) * 1000 : undefined
  const kind: TraceSummaryFields['kind'] =
    testName !== undefined ? 'test' : request >= 0 ? 'request' : 'script'
  const args = top.get('command_line_args')
  const commandLine = Array.isArray(args)
    ? args.filter((a): a is string => typeof a === 'string')
    : undefined
  const composed = [status, method, path].filter(p => p !== undefined).join(' ')
  const traceId = str(top.get('trace_id'))
  const name =
    testName ??
    str(top.get('trace_name')) ??
    (composed || unnamedTraceName({commandLine}, first) || traceId || '')
  const summary: TraceSummaryFields & {traceId?: string; timestamp?: number} = {
    name,
    kind,
    recordCount: threads.reduce((n, t) => n + t.total, 0),
    partial: true,
  }
  if (kind === 'request') Object.assign(summary, {method, path, status})
  const durationMs = kind === 'request' ? (msDuration ?? spanMs) : spanMs
  if (durationMs !== undefined) summary.durationMs = durationMs
  if (traceId) summary.traceId = traceId
  const timestamp = num(top.get('timestamp'))
  if (timestamp !== undefined && timestamp > 0) summary.timestamp = timestamp
  return summary
}
