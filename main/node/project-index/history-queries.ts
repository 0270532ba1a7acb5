import type {FunctionHistory, HistoryCall} from '../../../shared/project-index/index-types'
import {callNorms, outlierMarks} from '../../../shared/project-index/index-stats'
import type {Statements} from './statements'

/** Which function, and which of its calls. */
export interface HistoryRequest {
  qualname: string
  /** The file as recorded, when the same qualname exists in several files. */
  file?: string
  /** How many calls to return (default 20, at most 500). */
  limit?: number
  /** Only calls that started before this time (epoch ms): the next page. */
  beforeMs?: number
}

/** Calls an outlier is judged against: the function's most recent ones. */
export const historyWindow = 200

interface CallRow {
  traceId: string
  traceName: string
  node: number
  frameId: string | null
  startMs: number
  durationNs: number
  args: string | null
  ret: string | null
  exc: string | null
}

/**
 * The last calls of a function across the project, newest first, with previews of their values
 * and outliers marked against its recent history (index-stats: slow, exception, unusual return).
 *
 * Reads the `calls (fn_id, start_ms)` index backwards: one short range scan per function id.
 */
export function functionHistory(s: Statements, req: HistoryRequest): FunctionHistory {
  const limit = Math.max(1, Math.min(500, Math.floor(req.limit ?? 20)))
  const fns = (
    req.file === undefined
      ? s
          .get(
            `SELECT f.id, fl.path AS file, f.line, f.end_line AS endLine FROM functions f
            LEFT JOIN files fl ON fl.id = f.file_id WHERE f.qualname = ?`,
          )
          .all(req.qualname)
      : s
          .get(
            `SELECT f.id, fl.path AS file, f.line, f.end_line AS endLine FROM functions f
            JOIN files fl ON fl.id = f.file_id WHERE f.qualname = ? AND fl.path = ?`,
          )
          .all(req.qualname, req.file)
  ) as {id: number; file: string | null; line: number; endLine: number}[]
  const history: FunctionHistory = {qualname: req.qualname, totalCalls: 0, calls: []}
  if (fns.length === 0) return history
  const first = fns[0]!
  if (first.file !== null && first.file !== '') history.file = first.file
  if (first.line > 0) history.line = first.line
  if (first.endLine > first.line) history.endLine = first.endLine
  const total = s.get('SELECT total(calls) FROM trace_functions WHERE fn_id = ?').pluck()
  const recent = s.get(
    `SELECT t.trace_id AS traceId, t.name AS traceName, c.node, c.frame_id AS frameId,
      c.start_ms AS startMs, c.duration_ns AS durationNs, c.args, c.ret, c.exc
    FROM calls c JOIN traces t ON t.pk = c.trace_pk
    WHERE c.fn_id = ? AND c.start_ms < ? ORDER BY c.start_ms DESC LIMIT ?`,
  )
  const before = req.beforeMs ?? Number.MAX_VALUE
  const windowSize = Math.max(limit, historyWindow)
  let rows: CallRow[] = []
  for (const fn of fns) {
    history.totalCalls += total.get(fn.id) as number
    rows = rows.concat(recent.all(fn.id, before, windowSize) as CallRow[])
  }
  if (fns.length > 1) rows.sort((a, b) => b.startMs - a.startMs)
  rows = rows.slice(0, windowSize)
  const calls = rows.map(toCall)
  const norms = callNorms(calls)
  if (norms.medianNs !== undefined) history.medianNs = norms.medianNs
  if (norms.p95Ns !== undefined) history.p95Ns = norms.p95Ns
  if (norms.typicalReturn !== undefined) history.typicalReturn = norms.typicalReturn
  history.calls = calls.slice(0, limit).map(c => ({...c, outliers: outlierMarks(c, norms)}))
  return history
}

function toCall(r: CallRow): HistoryCall {
  const call: HistoryCall = {
    traceId: r.traceId,
    traceName: r.traceName,
    nodeId: r.node,
    startMs: r.startMs,
    durationNs: r.durationNs,
    outliers: [],
  }
  if (r.frameId !== null) call.frameId = r.frameId
  if (r.args !== null) call.args = r.args
  if (r.ret !== null) call.returnValue = r.ret
  if (r.exc !== null) call.exception = r.exc
  return call
}
