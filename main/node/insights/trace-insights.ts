import {NodeFlag, NodeKind} from '../../../shared/model/node-kind'
import {nameOf} from '../../../shared/model/trace-model'
import {formatLogMessage} from '../../../shared/insights/log-format'
import {analyseSql} from '../../../shared/insights/sql-analysis'
import type {SqlQueryFacts} from '../../../shared/insights/sql-analysis'
import {sqlParamsKey} from '../../../shared/insights/sql-keys'
import {emptyInsights} from '../../../shared/insights/trace-insights'
import type {SiteRef, SqlQueryInsight, TraceInsights} from '../../../shared/insights/trace-insights'
import {formatPy} from '../../../shared/values/py-format'
import {field} from '../decode/py-objects'
import {toPyValue} from '../decode/to-py-value'
import type {BuiltTrace} from '../model/build-trace'
import {callSiteOf} from '../model/node-details'

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

/** What one pass over the rows collects. */
interface Pass {
  built: BuiltTrace
  out: TraceInsights
  templateIds: Map<string, number>
  facts: SqlQueryFacts[]
  /** Tests still open at the current row: where their subtree ends, their index in out.tests. */
  openTests: {end: number; index: number}[]
}

function computeInsights(built: BuiltTrace): TraceInsights {
  const {model} = built
  const pass: Pass = {
    built,
    // Filled by the walk below; the SQL analysis is computed from its facts at the end.
    out: emptyInsights(model.traceId),
    templateIds: new Map(),
    facts: [],
    openTests: [],
  }
  const {out, openTests} = pass
  for (let row = 0; row < model.nodeCount; row++) {
    while (openTests.length > 0 && row >= openTests.at(-1)!.end) openTests.pop()
    switch (model.kind[row]) {
      case NodeKind.sql:
        addQuery(pass, row)
        break
      case NodeKind.request:
        addRequest(pass, row)
        break
      case NodeKind.outbound:
        out.outbound.push({
          nodeId: row,
          method: str(scalar(built, row, 'open', 'method')) ?? '',
          url: str(scalar(built, row, 'open', 'url')) ?? nameOf(model, row),
          status: num(scalar(built, row, 'close', 'status_code')),
          library: str(scalar(built, row, 'open', 'subtype')),
          callSite: siteOf(built, row),
        })
        break
      case NodeKind.template:
        out.templates.push({nodeId: row, name: nameOf(model, row), callSite: siteOf(built, row)})
        break
      case NodeKind.log:
        addLog(pass, row)
        break
      case NodeKind.exception:
        // The leaf's name is the last line of the summary ("ValueError: …").
        out.exceptions.push({nodeId: row, message: nameOf(model, row)})
        break
      case NodeKind.test: {
        const name = str(scalar(built, row, 'open', 'test_name')) ?? nameOf(model, row)
        const testClass = str(scalar(built, row, 'open', 'test_class'))
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
  // The request each exception broke and the frame that raised it, as the tree builder matched them.
  for (const e of built.exceptions) {
    const insight = out.exceptions.find(x => x.nodeId === e.node)
    if (!insight) continue
    if (e.request >= 0) insight.requestNodeId = e.request
    if (e.origin >= 0) insight.originNodeId = e.origin
  }
  out.sql.analysis = analyseSql(model, pass.facts)
  return out
}

/** A scalar of a row's opening or closing record. */
function scalar(built: BuiltTrace, row: number, which: 'open' | 'close', key: string): unknown {
  const i = which === 'open' ? built.openRecord[row]! : built.closeRecord[row]!
  return i >= 0 ? built.records.get(i, key) : undefined
}

function addQuery(pass: Pass, row: number): void {
  const {built, out, templateIds} = pass
  const query = str(scalar(built, row, 'close', 'query')) ?? nameOf(built.model, row)
  const template = str(scalar(built, row, 'close', 'query_template'))
  const key = template ?? query
  let templateId = templateIds.get(key)
  if (templateId === undefined) {
    templateId = out.sql.templates.push(key) - 1
    templateIds.set(key, templateId)
  }
  const callSite = siteOf(built, row)
  const q: SqlQueryInsight = {nodeId: row, templateId}
  const database =
    str(scalar(built, row, 'close', 'database')) ?? str(scalar(built, row, 'open', 'database'))
  if (database !== undefined) q.database = database
  if (callSite) q.callSite = callSite
  out.sql.queries.push(q)
  // The query text carries its parameters unless it is the bare template: decode those.
  const close = built.closeRecord[row]!
  const params = sqlParamsKey(query, template, () =>
    close >= 0 ? formatPy(toPyValue(field(built.records.full(close, true), 'query_params'))) : '',
  )
  const f: SqlQueryFacts = {nodeId: row, query, paramsKey: params ?? ''}
  if (template !== undefined) f.template = template
  if (callSite?.nodeId !== undefined) {
    f.callSiteNodeId = callSite.nodeId
    f.callSiteLine = callSite.line
  }
  pass.facts.push(f)
}

function addRequest(pass: Pass, row: number): void {
  const {built, out} = pass
  const test = pass.openTests.at(-1)
  out.requests.push({
    nodeId: row,
    method: str(scalar(built, row, 'open', 'method')) ?? '',
    path: str(scalar(built, row, 'open', 'path_info')) ?? '',
    status: num(scalar(built, row, 'close', 'status_code')),
    durationMs: num(scalar(built, row, 'close', 'ms_duration')),
    testNodeId: test ? out.tests[test.index]!.nodeId : undefined,
  })
  if (test) out.tests[test.index]!.requestNodeIds.push(row)
}

function addLog(pass: Pass, row: number): void {
  const {built} = pass
  const open = built.openRecord[row]!
  // msg and args may be any value (a tuple, a repr'd object): decode the whole record, for
  // display (Python's "%s" of 2.0 is "2.0").
  const full = open >= 0 ? built.records.full(open, true) : undefined
  const msg = toPyValue(field(full, 'msg') ?? '')
  const args = full?.has('args') ? toPyValue(field(full, 'args')) : undefined
  const level = field(full, 'level')
  pass.out.logs.push({
    nodeId: row,
    level: typeof level === 'number' ? String(level) : (str(level) ?? ''),
    logger: str(field(full, 'name')) ?? '',
    message: formatLogMessage(msg, args),
    callSite: siteOf(built, row),
  })
}

function siteOf(built: BuiltTrace, row: number): SiteRef | undefined {
  const openIndex = built.openRecord[row]!
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
