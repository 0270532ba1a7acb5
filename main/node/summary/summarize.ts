import {sqlParamsKey} from '../../../shared/insights/sql-keys'
import type {TraceSummary} from '../../../shared/model/trace-summary'
import type {DecodedTrace} from '../decode/decoded-trace'
import {pickThreads} from '../decode/pick-threads'
import {testDisplayName} from '../decode/record-fields'
import {unnamedTraceName} from '../decode/trace-name'

/** What a trace body tells the trace list; the store adds id, createdAt and storage. */
export type TraceSummaryFields = Pick<
  TraceSummary,
  | 'name'
  | 'method'
  | 'path'
  | 'status'
  | 'durationMs'
  | 'recordCount'
  | 'queryCount'
  | 'duplicateQueryCount'
  | 'sqlTimeMs'
  | 'kind'
  | 'partial'
>

/**
 * Summarise a trace for the trace list from scalars of its main thread (kolo-format.md §6).
 *
 * One pass reading `type` per record; no tree is built. The name is Kolo's: the start_test record
 * for test traces, else trace_name, else "STATUS METHOD path", else the command line or root call.
 */
export function summarizeTrace(decoded: DecodedTrace): TraceSummaryFields {
  const {threads} = pickThreads(decoded, undefined)
  let recordCount = 0
  let queryCount = 0
  const sql = new SqlTally()
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
      if (type === 'start_sql_query') {
        sql.start(num(records.get(i, 'timestamp')))
      } else if (type === 'end_sql_query') {
        const query = records.get(i, 'query')
        if (query != null) {
          queryCount++
          sql.end(query, records.get(i, 'query_template'), num(records.get(i, 'timestamp')))
        }
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
  const name =
    testName ??
    decoded.traceName ??
    (composed || unnamedTraceName(decoded, threads[0]?.records) || decoded.traceId)
  const summary: TraceSummaryFields = {name, kind, recordCount, queryCount}
  if (queryCount > 0) {
    summary.duplicateQueryCount = sql.duplicates
    summary.sqlTimeMs = sql.totalMs
  }
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

// Duplicates and time in SQL from the records alone (the insights panel counts from the tree).
// A query recorded as its bare template, whose parameters are not scalars, is not counted as a
// duplicate: without its parameters two runs cannot be told apart.
class SqlTally {
  private readonly seen = new Set<string>()
  private startedAt: number | undefined
  duplicates = 0
  totalMs = 0

  start(timestamp: number | undefined): void {
    this.startedAt = timestamp
  }

  end(query: unknown, template: unknown, timestamp: number | undefined): void {
    if (this.startedAt !== undefined && timestamp !== undefined && timestamp >= this.startedAt) {
      this.totalMs += (timestamp - this.startedAt) * 1000
    }
    this.startedAt = undefined
    const text = String(query)
    const params = sqlParamsKey(text, str(template), () => undefined)
    if (params === undefined) return
    const key = `${text}\u0000${params}`
    if (this.seen.has(key)) this.duplicates++
    else this.seen.add(key)
  }
}
