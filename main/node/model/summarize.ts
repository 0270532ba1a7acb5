import type {TraceSummary} from '../../../shared/model/trace-summary'
import type {DecodedTrace} from '../decode/decoded-trace'
import {pickThreads} from './build-trace'
import {testDisplayName} from './record-fields'

/** What a trace body tells the trace list; the store adds id, createdAt and storage. */
export type TraceSummaryFields = Pick<
  TraceSummary,
  'name' | 'method' | 'path' | 'status' | 'durationMs' | 'recordCount' | 'queryCount' | 'kind'
>

/**
 * Summarise a trace for the trace list from scalars of its main thread (kolo-format.md §6).
 *
 * One pass reading `type` per record; no tree is built. The name is Kolo's: the start_test record
 * for test traces, else trace_name, else "STATUS METHOD path".
 */
export function summarizeTrace(decoded: DecodedTrace): TraceSummaryFields {
  const {threads} = pickThreads(decoded, undefined)
  let recordCount = 0
  let queryCount = 0
  let testName: string | undefined
  let method: string | undefined
  let path: string | undefined
  let status: number | undefined
  let msDuration: number | undefined
  let sawRequest = false
  let sawResponse = false
  let first: number | undefined
  let last: number | undefined
  for (const thread of threads) {
    const records = thread.records
    recordCount += records.length
    for (let i = 0; i < records.length; i++) {
      const type = records.get(i, 'type')
      if (type === 'frame') continue
      if (type === 'end_sql_query') {
        if (records.get(i, 'query') != null) queryCount++
      } else if (type === 'start_test' && testName === undefined) {
        testName = testDisplayName(records.get(i, 'test_name'), records.get(i, 'test_class'))
      } else if (type === 'django_request' && !sawRequest) {
        sawRequest = true
        method = str(records.get(i, 'method'))
        path = str(records.get(i, 'path_info'))
      } else if (type === 'django_response' && !sawResponse) {
        sawResponse = true
        status = num(records.get(i, 'status_code'))
        msDuration = num(records.get(i, 'ms_duration'))
      }
    }
    if (records.length > 0) {
      const a = num(records.get(0, 'timestamp'))
      const b = num(records.get(records.length - 1, 'timestamp'))
      if (a !== undefined) first = first === undefined ? a : Math.min(first, a)
      if (b !== undefined) last = last === undefined ? b : Math.max(last, b)
    }
  }
  const kind: TraceSummaryFields['kind'] =
    testName !== undefined ? 'test' : sawRequest ? 'request' : 'script'
  const spanMs = first !== undefined && last !== undefined ? (last - first) * 1000 : undefined
  const composed = [status, method, path].filter(p => p !== undefined).join(' ')
  const name = testName ?? decoded.traceName ?? (composed || decoded.traceId)
  const summary: TraceSummaryFields = {name, kind, recordCount, queryCount}
  if (kind === 'request') {
    summary.method = method
    summary.path = path
    summary.status = status
  }
  const durationMs = kind === 'request' ? (msDuration ?? spanMs) : spanMs
  if (durationMs !== undefined) summary.durationMs = durationMs
  return summary
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined)
