import type {SqlInsights} from '../../../shared/insights/trace-insights'
import type {SiteRef} from '../../../shared/insights/trace-insights'
import type {TraceModel} from '../../../shared/model/trace-model'

/** One query of the SQL panel's list, with what the analysis says about it. */
export interface QueryRow {
  /** 1-based position in execution order. */
  index: number
  nodeId: number
  query: string
  template: string
  startNs: number
  durationNs: number
  database?: string
  callSite?: SiteRef
  /** How many queries share this one's template (1: none other). */
  similar: number
  /** How many times this exact query (same SQL, same parameters) ran (1: once). */
  duplicates: number
  /** Which N+1 finding (index into analysis.nPlusOne) this query belongs to, if any. */
  finding?: number
}

/** The rows of the SQL panel, in execution order. */
export function queryRows(sql: SqlInsights, model: TraceModel): QueryRow[] {
  const similar = new Map<number, number>()
  for (const g of sql.analysis.groups) for (const id of g.nodeIds) similar.set(id, g.nodeIds.length)
  const dupes = new Map<number, number>()
  for (const d of sql.analysis.duplicates) {
    for (const id of d.nodeIds) dupes.set(id, d.nodeIds.length)
  }
  const finding = new Map<number, number>()
  sql.analysis.nPlusOne.forEach((f, i) => {
    for (const id of f.nodeIds) finding.set(id, i)
  })
  return sql.queries.map((q, i) => {
    const id = q.nodeId
    const row: QueryRow = {
      index: i + 1,
      nodeId: id,
      query: model.strings[model.nameId[id]!] ?? '',
      template: sql.templates[q.templateId] ?? '',
      startNs: model.startNs[id]!,
      durationNs: model.endNs[id]! - model.startNs[id]!,
      similar: similar.get(id) ?? 1,
      duplicates: dupes.get(id) ?? 1,
    }
    if (q.database !== undefined) row.database = q.database
    if (q.callSite !== undefined) row.callSite = q.callSite
    const f = finding.get(id)
    if (f !== undefined) row.finding = f
    return row
  })
}

/** What the list shows: every query, or only some (a finding's, a group's), and a text filter. */
export interface RowFilter {
  text: string
  nodeIds?: ReadonlySet<number>
  slowOnly: boolean
  slowNs: number
}

/** The rows that pass a filter; the text matches the SQL or the call site, case-insensitively. */
export function filterRows(rows: QueryRow[], filter: RowFilter): QueryRow[] {
  const text = filter.text.trim().toLowerCase()
  return rows.filter(
    r =>
      (!filter.nodeIds || filter.nodeIds.has(r.nodeId)) &&
      (!filter.slowOnly || r.durationNs >= filter.slowNs) &&
      (text === '' ||
        r.query.toLowerCase().includes(text) ||
        (r.callSite?.file ?? '').toLowerCase().includes(text)),
  )
}

/** A short one-line form of a query for the list: whitespace folded, the SELECT list elided. */
export function shortSql(query: string, maxChars = 240): string {
  const flat = query.replace(/\s+/g, ' ').trim()
  const select = /^SELECT\s+(DISTINCT\s+)?(.*?)\s+FROM\s/i.exec(flat)
  let text = flat
  if (select && select[2]!.length > 40 && select[2]!.includes(',')) {
    text = `SELECT ${select[1] ?? ''}… FROM ${flat.slice(select[0].length)}`
  }
  return text.length > maxChars ? text.slice(0, maxChars - 1) + '…' : text
}
