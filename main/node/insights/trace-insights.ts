import {NodeFlag, NodeKind} from '../../../shared/model/node-kind'
import {nameOf} from '../../../shared/model/trace-model'
import {formatLogMessage} from '../../../shared/insights/log-format'
import {analyseSql} from '../../../shared/insights/sql-analysis'
import type {SqlQueryFacts} from '../../../shared/insights/sql-analysis'
import {sqlParamsKey} from '../../../shared/insights/sql-keys'
import type {SiteRef, SqlQueryInsight, TraceInsights} from '../../../shared/insights/trace-insights'
import {formatPy} from '../../../shared/values/py-format'
import {field} from '../decode/py-objects'
import {toPyValue} from '../decode/to-py-value'
import type {BuiltTrace} from '../model/build-trace'
import {callSiteOf} from '../model/node-details'
import {exceptionMessage} from '../model/record-fields'

const cache = new WeakMap<BuiltTrace, TraceInsights>()

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined)

/**
 * The insight panels' facts of a built trace, computed once per build (then cached).
 *
 * One pass over the rows reading scalars of their records; a record is decoded whole only for a
 * log's arguments and for raw SQL whose text does not carry its parameters.
 */
export function traceInsights(built: BuiltTrace): TraceInsights {
  const known = cache.get(built)
  if (known) return known
  const insights = computeInsights(built)
  cache.set(built, insights)
  return insights
}

function computeInsights(built: BuiltTrace): TraceInsights {
  const {model, records, openRecord, closeRecord} = built
  const out: TraceInsights = {
    traceId: model.traceId,
    sql: {queries: [], templates: [], analysis: analyseSql(model, [])},
    requests: [],
    outbound: [],
    templates: [],
    logs: [],
    exceptions: [],
    tests: [],
  }
  const templateIds = new Map<string, number>()
  const facts: SqlQueryFacts[] = []
  const openTests: {end: number; index: number}[] = []
  for (let row = 0; row < model.nodeCount; row++) {
    while (openTests.length > 0 && row >= openTests.at(-1)!.end) openTests.pop()
    const open = openRecord[row]!
    const close = closeRecord[row]!
    const get = (i: number, key: string) => (i >= 0 ? records.get(i, key) : undefined)
    const site = () => siteOf(built, row, open)
    switch (model.kind[row]) {
      case NodeKind.sql: {
        const query = str(get(close, 'query')) ?? nameOf(model, row)
        const template = str(get(close, 'query_template'))
        const key = template ?? query
        let templateId = templateIds.get(key)
        if (templateId === undefined) {
          templateId = out.sql.templates.push(key) - 1
          templateIds.set(key, templateId)
        }
        const callSite = site()
        const q: SqlQueryInsight = {nodeId: row, templateId}
        const database = str(get(close, 'database')) ?? str(get(open, 'database'))
        if (database !== undefined) q.database = database
        if (callSite) q.callSite = callSite
        out.sql.queries.push(q)
        // The query text carries its parameters unless it is the bare template: decode those.
        const params = sqlParamsKey(query, template, () =>
          close >= 0 ? formatPy(toPyValue(field(records.full(close), 'query_params'))) : '',
        )
        const f: SqlQueryFacts = {nodeId: row, query, paramsKey: params ?? ''}
        if (template !== undefined) f.template = template
        if (callSite?.nodeId !== undefined) {
          f.callSiteNodeId = callSite.nodeId
          f.callSiteLine = callSite.line
        }
        facts.push(f)
        break
      }
      case NodeKind.request: {
        const test = openTests.at(-1)
        out.requests.push({
          nodeId: row,
          method: str(get(open, 'method')) ?? '',
          path: str(get(open, 'path_info')) ?? '',
          status: num(get(close, 'status_code')),
          durationMs: num(get(close, 'ms_duration')),
          testNodeId: test ? out.tests[test.index]!.nodeId : undefined,
        })
        if (test) out.tests[test.index]!.requestNodeIds.push(row)
        break
      }
      case NodeKind.outbound:
        out.outbound.push({
          nodeId: row,
          method: str(get(open, 'method')) ?? '',
          url: str(get(open, 'url')) ?? nameOf(model, row),
          status: num(get(close, 'status_code')),
          library: str(get(open, 'subtype')),
          callSite: site(),
        })
        break
      case NodeKind.template:
        out.templates.push({nodeId: row, name: nameOf(model, row), callSite: site()})
        break
      case NodeKind.log: {
        const full = open >= 0 ? records.full(open) : undefined
        const msg = toPyValue(field(full, 'msg') ?? '')
        const args = full?.has('args') ? toPyValue(field(full, 'args')) : undefined
        const level = field(full, 'level')
        out.logs.push({
          nodeId: row,
          level: typeof level === 'number' ? String(level) : (str(level) ?? ''),
          logger: str(field(full, 'name')) ?? '',
          message: formatLogMessage(msg, args),
          callSite: site(),
        })
        break
      }
      case NodeKind.test: {
        const name = str(get(open, 'test_name')) ?? nameOf(model, row)
        const testClass = str(get(open, 'test_class'))
        out.tests.push({
          nodeId: row,
          testName: name,
          ...(testClass ? {testClass} : {}),
          requestNodeIds: [],
        })
        openTests.push({end: row + model.size[row]!, index: out.tests.length - 1})
        break
      }
    }
  }
  for (const e of built.exceptions) {
    if (e.node < 0) continue
    const summary = open(built, e.node)
    out.exceptions.push({
      nodeId: e.node,
      message: exceptionMessage(summary) ?? e.message ?? nameOf(model, e.node),
      ...(e.request >= 0 ? {requestNodeId: e.request} : {}),
      ...(e.origin >= 0 ? {originNodeId: e.origin} : {}),
    })
  }
  // Exceptions Kolo recorded outside a request (no match) are leaves of kind exception too.
  for (let row = 0; row < model.nodeCount; row++) {
    if (model.kind[row] !== NodeKind.exception) continue
    if (out.exceptions.some(e => e.nodeId === row)) continue
    out.exceptions.push({nodeId: row, message: nameOf(model, row)})
  }
  out.exceptions.sort((a, b) => a.nodeId - b.nodeId)
  out.sql.analysis = analyseSql(model, facts)
  return out
}

function open(built: BuiltTrace, row: number): unknown {
  const i = built.openRecord[row]!
  return i >= 0 ? field(built.records.full(i), 'exception_summary') : undefined
}

function siteOf(built: BuiltTrace, row: number, openIndex: number): SiteRef | undefined {
  if (openIndex < 0) return undefined
  const site = callSiteOf(built, row, openIndex)
  if (!site) return undefined
  const {model} = built
  if (site.nodeId === undefined) {
    const ref: SiteRef = {line: site.line}
    if (site.file !== undefined) ref.file = site.file
    if (site.fileId !== undefined) ref.fileId = site.fileId
    return ref
  }
  // Kolo's call site is the nearest traced frame; with include_frames that may be library code
  // (Django's QuerySet.__iter__). The user-code site is the first non-library frame above it, at
  // the line where it called down towards the query.
  let node = site.nodeId
  let line = site.line
  while (model.flags[node]! & NodeFlag.library) {
    let parent = model.parent[node]!
    while (parent >= 0 && model.kind[parent] !== NodeKind.frame) parent = model.parent[parent]!
    if (parent < 0) break
    line = model.callLine[node]! || model.line[parent]!
    node = parent
  }
  const ref: SiteRef = {line, nodeId: node, name: nameOf(model, node)}
  const fileId = model.fileId[node]!
  if (fileId >= 0) {
    ref.fileId = fileId
    ref.file = model.strings[fileId]
  }
  return ref
}
