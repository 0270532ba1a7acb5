import type {
  LineMarks,
  OverlapEntry,
  OverlapGroup,
  ProjectOverlap,
} from '../../../shared/project-index/index-types'
import type {Statements} from './statements'

/** Which traces a cross-trace query looks at: these ids, or every indexed trace. */
export interface Selection {
  traceIds?: readonly string[]
}

// The selected traces' keys as a CTE: json_each of the ids, or every trace that decoded.
function selectionSql(selection: Selection): {cte: string; args: unknown[]} {
  if (selection.traceIds === undefined) {
    return {cte: 'sel(pk) AS (SELECT pk FROM traces WHERE error IS NULL)', args: []}
  }
  return {
    cte: `sel(pk) AS (SELECT t.pk FROM json_each(?) j JOIN traces t ON t.trace_id = j.value
      WHERE t.error IS NULL)`,
    args: [JSON.stringify(selection.traceIds)],
  }
}

interface OverlapRow {
  label: string
  rows: number | null
  file: string | null
  line: number | null
  traces: number
  calls: number
  totalNs: number
  onlyPk: number
}

/**
 * Where the selected traces overlap in code: per function, SQL fingerprint, template and outbound
 * host, in how
 * many of them it ran, how often and how long; split into shared (more than one trace) and
 * unique (one trace), each capped at `limit` entries (shared by trace count, unique by time).
 */
export function overlap(s: Statements, selection: Selection, limit = 100): ProjectOverlap {
  const {cte, args} = selectionSql(selection)
  const traceCount = (s
    .get(`WITH ${cte} SELECT count(*) FROM sel`)
    .pluck()
    .get(...args) ?? 0) as number
  const group = (sql: string): OverlapGroup => {
    const rows = s.get(`WITH ${cte} ${sql}`).all(...args) as OverlapRow[]
    return split(s, rows, limit)
  }
  return {
    traceCount,
    functions:
      group(`SELECT f.qualname AS label, NULL AS rows, fl.path AS file, f.line, count(*) AS traces,
        sum(x.calls) AS calls, sum(x.total_ns) AS totalNs, min(x.trace_pk) AS onlyPk
      FROM trace_functions x JOIN functions f ON f.id = x.fn_id LEFT JOIN files fl ON fl.id = f.file_id
      WHERE x.trace_pk IN sel GROUP BY x.fn_id`),
    sql: group(`SELECT f.text AS label, sum(x.rows) AS rows, NULL AS file, NULL AS line, count(*) AS traces,
        sum(x.count) AS calls, sum(x.total_ns) AS totalNs, min(x.trace_pk) AS onlyPk
      FROM trace_sql x JOIN fingerprints f ON f.id = x.fp_id
      WHERE x.trace_pk IN sel GROUP BY x.fp_id`),
    templates:
      group(`SELECT f.name AS label, NULL AS rows, NULL AS file, NULL AS line, count(*) AS traces,
        sum(x.count) AS calls, sum(x.total_ns) AS totalNs, min(x.trace_pk) AS onlyPk
      FROM trace_templates x JOIN templates f ON f.id = x.tpl_id
      WHERE x.trace_pk IN sel GROUP BY x.tpl_id`),
    hosts:
      group(`SELECT x.host AS label, NULL AS rows, NULL AS file, NULL AS line, count(*) AS traces,
        sum(x.count) AS calls, 0 AS totalNs, min(x.trace_pk) AS onlyPk
      FROM trace_hosts x WHERE x.trace_pk IN sel GROUP BY x.host`),
  }
}

function split(s: Statements, rows: OverlapRow[], limit: number): OverlapGroup {
  const shared = rows.filter(r => r.traces > 1)
  const unique = rows.filter(r => r.traces === 1)
  shared.sort((a, b) => b.traces - a.traces || b.totalNs - a.totalNs)
  unique.sort((a, b) => b.totalNs - a.totalNs)
  const traceId = s.get('SELECT trace_id FROM traces WHERE pk = ?').pluck()
  const entry = (r: OverlapRow): OverlapEntry => {
    const e: OverlapEntry = {label: r.label, traces: r.traces, calls: r.calls, totalNs: r.totalNs}
    if (r.file !== null) e.file = r.file
    if (r.line !== null) e.line = r.line
    if (r.rows !== null) e.rows = r.rows
    if (r.traces === 1) e.traceId = traceId.get(r.onlyPk) as string
    return e
  }
  return {
    shared: shared.slice(0, limit).map(entry),
    unique: unique.slice(0, limit).map(entry),
    sharedCount: shared.length,
    uniqueCount: unique.length,
  }
}

/**
 * "Ran in N of M": per line of `file` (as the trace records it), in how many of the selected
 * traces it ran (a def line, a return line, a line that called something or ran a query).
 */
export function lineMarks(s: Statements, file: string, selection: Selection): LineMarks {
  const {cte, args} = selectionSql(selection)
  const traceCount = (s
    .get(`WITH ${cte} SELECT count(*) FROM sel`)
    .pluck()
    .get(...args) ?? 0) as number
  const fileId = s.get('SELECT id FROM files WHERE path = ?').pluck().get(file) as
    number | undefined
  if (fileId === undefined) return {file, traceCount, lines: []}
  const lines = s
    .get(
      `WITH ${cte} SELECT line, count(*) AS traces FROM trace_lines
      WHERE file_id = ? AND trace_pk IN sel GROUP BY line ORDER BY line`,
    )
    .all(...args, fileId) as {line: number; traces: number}[]
  return {file, traceCount, lines}
}
