import {normalizeSql} from '../../../shared/algorithms/function-table'
import type {TraceInsights} from '../../../shared/insights/trace-insights'
import {hostOf} from '../../../shared/project-index/route-key'
import {field, PyCollection} from '../decode/py-objects'
import type {BuiltTrace} from '../model/build-trace'
import type {IndexCaps} from './index-caps'

/** One SQL fingerprint (normalised text) of a trace: how often, how long, how many rows, where. */
export interface SqlFact {
  fingerprint: string
  count: number
  totalNs: number
  /** Rows returned, summed over the queries whose rows were counted; undefined if none were. */
  rows?: number
  firstNode: number
  sites: {file: string; line: number; count: number}[]
}

/** An N+1 finding of the SQL analysis, as the index keeps it. */
export interface NPlusOneFact {
  fingerprint: string
  /** The first repeated query, and the innermost timeline item holding it (-1: none). */
  firstNode: number
  itemNode: number
  file: string
  line: number
  count: number
  totalNs: number
  fix: string
}

/** An uncaught exception: its type and message, and where it was raised. */
export interface ExceptionFact {
  node: number
  originNode: number
  type: string
  message: string
  file?: string
  line?: number
}

/**
 * SQL fingerprints with call sites and row counts, N+1 findings, templates, outbound hosts and
 * exceptions of a trace, from its insights (main/node/insights), which did the finding.
 *
 * A fingerprint is the query's template (the query itself when Kolo recorded none) through
 * normalizeSql, so `IN (%s, %s)` and `IN (%s)` and raw SQL with literals group together.
 */
export function sqlFacts(built: BuiltTrace, insights: TraceInsights, caps: IndexCaps) {
  const {model} = built
  const span = (node: number) => model.endNs[node]! - model.startNs[node]!
  const fingerprintOf = memo((text: string) => normalizeSql(text))
  const byFingerprint = new Map<string, SqlFact & {siteMap: Map<string, number>}>()
  let counted = 0
  for (const q of insights.sql.queries) {
    const fingerprint = fingerprintOf(insights.sql.templates[q.templateId] ?? '')
    let fact = byFingerprint.get(fingerprint)
    if (!fact) {
      fact = {fingerprint, count: 0, totalNs: 0, firstNode: q.nodeId, sites: [], siteMap: new Map()}
      byFingerprint.set(fingerprint, fact)
    }
    fact.count++
    fact.totalNs += span(q.nodeId)
    if (counted < caps.rowCountQueries) {
      counted++
      const rows = rowCount(built, q.nodeId)
      if (rows !== undefined) fact.rows = (fact.rows ?? 0) + rows
    }
    const site = q.callSite
    if (site?.file !== undefined) {
      const key = `${site.file}\u0000${site.line}`
      fact.siteMap.set(key, (fact.siteMap.get(key) ?? 0) + 1)
    }
  }
  const sql: SqlFact[] = [...byFingerprint.values()].map(({siteMap, ...fact}) => {
    for (const [key, count] of siteMap) {
      const [file = '', line = '0'] = key.split('\u0000')
      fact.sites.push({file, line: Number(line), count})
    }
    return fact
  })
  const nPlusOne: NPlusOneFact[] = insights.sql.analysis.nPlusOne.map(f => ({
    fingerprint: fingerprintOf(f.template),
    firstNode: f.nodeIds[0] ?? -1,
    itemNode: -1,
    file: f.callSite.file ?? '',
    line: f.callSite.line,
    count: f.count,
    totalNs: f.totalNs,
    fix: f.fix,
  }))
  return {
    sql,
    nPlusOne,
    nPlusOneFirstNodes: nPlusOne.map(n => n.firstNode),
    templates: tally(insights.templates.map(t => [t.name, span(t.nodeId)])).map(
      ([name, count, totalNs]) => ({name, count, totalNs}),
    ),
    hosts: tally(insights.outbound.map(o => [hostOf(o.url) ?? o.url, 0])).map(([host, count]) => ({
      host,
      count,
    })),
    exceptions: insights.exceptions.map((e): ExceptionFact => {
      const at = model.fileId[e.nodeId]! >= 0 ? e.nodeId : (e.originNodeId ?? -1)
      const fact: ExceptionFact = {
        node: e.nodeId,
        originNode: e.originNodeId ?? -1,
        type: exceptionType(e.message),
        message: e.message.trim(),
      }
      if (at >= 0 && model.fileId[at]! >= 0) {
        fact.file = model.strings[model.fileId[at]!]
        fact.line = model.line[at]!
      }
      return fact
    }),
  }
}

/** The rows a query returned: Kolo's `query_data` (chunks of row tuples, or rows, or one tuple). */
function rowCount(built: BuiltTrace, node: number): number | undefined {
  const close = built.closeRecord[node]!
  if (close < 0) return undefined
  let data: unknown
  try {
    data = field(built.records.full(close), 'query_data')
  } catch {
    return undefined
  }
  if (data instanceof PyCollection) return 1
  if (!Array.isArray(data)) return undefined
  let rows = 0
  for (const item of data as unknown[]) rows += Array.isArray(item) ? item.length : 1
  return rows
}

/** "ValueError" of "ValueError: no books", "urllib.error.HTTPError" of "urllib.error.HTTPError: …". */
export function exceptionType(message: string): string {
  const m = /^\s*([A-Za-z_][\w.]*)(?::|$)/.exec(message)
  return m?.[1] ?? message.trim().slice(0, 80)
}

function tally(entries: [string, number][]): [string, number, number][] {
  const out = new Map<string, [string, number, number]>()
  for (const [key, ns] of entries) {
    const t = out.get(key) ?? [key, 0, 0]
    t[1]++
    t[2] += ns
    out.set(key, t)
  }
  return [...out.values()]
}

function memo(fn: (text: string) => string): (text: string) => string {
  const cache = new Map<string, string>()
  return text => {
    let v = cache.get(text)
    if (v === undefined) cache.set(text, (v = fn(text)))
    return v
  }
}
