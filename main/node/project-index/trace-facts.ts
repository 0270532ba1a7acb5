import type {TraceInsights} from '../../../shared/insights/trace-insights'
import {NodeKind} from '../../../shared/model/node-kind'
import {nameOf} from '../../../shared/model/trace-model'
import type {IndexItemKind, RouteSource} from '../../../shared/project-index/index-types'
import {endpointKey, normalisePath, routeFromPattern} from '../../../shared/project-index/route-key'
import {field} from '../decode/py-objects'
import type {BuiltTrace} from '../model/build-trace'
import {callFacts} from './call-facts'
import type {CallFact, FunctionFact} from './call-facts'
import {sqlFacts} from './sql-facts'
import type {ExceptionFact, NPlusOneFact, SqlFact} from './sql-facts'

import {defaultCaps} from './index-caps'
import type {IndexCaps} from './index-caps'

export type {CallFact, FunctionFact} from './call-facts'
export type {IndexCaps} from './index-caps'
export type {ExceptionFact, NPlusOneFact, SqlFact} from './sql-facts'

/** One timeline item of a trace. */
export interface ItemFact {
  node: number
  kind: IndexItemKind
  nested: boolean
  startMs: number
  endMs: number
  label: string
  method?: string
  path?: string
  endpoint?: string
  route?: string
  routeSource?: RouteSource
  status?: number
  durationMs: number
  queryCount: number
  nPlusOneCount: number
  error: boolean
}

/** Everything the index keeps of one trace; bounded by IndexCaps whatever the trace's size. */
export interface TraceFacts {
  name: string
  kind: IndexItemKind
  startMs: number
  endMs: number
  thread: string
  nodeCount: number
  queryCount: number
  recovered: boolean
  items: ItemFact[]
  functions: FunctionFact[]
  calls: CallFact[]
  sql: SqlFact[]
  nPlusOne: NPlusOneFact[]
  templates: {name: string; count: number; totalNs: number}[]
  hosts: {host: string; count: number}[]
  exceptions: ExceptionFact[]
  lines: {file: string; line: number}[]
}

const itemKinds: Partial<Record<number, IndexItemKind>> = {
  [NodeKind.request]: 'request',
  [NodeKind.test]: 'test',
  [NodeKind.job]: 'job',
}

/**
 * What the index keeps of a built trace (its main thread), from the model, the insights and
 * bounded previews of the sampled calls' values.
 */
export function traceFacts(
  built: BuiltTrace,
  insights: TraceInsights,
  caps: IndexCaps = defaultCaps,
): TraceFacts {
  const {model} = built
  const t0 = model.meta.startedAtMs
  const startMs = t0
  const endMs = t0 + model.meta.durationNs / 1e6
  const sql = sqlFacts(built, insights, caps)
  const calls = callFacts(built, caps)
  const items = itemFacts(built, insights, sql.nPlusOneFirstNodes)
  for (const n of sql.nPlusOne) n.itemNode = innermostItem(items, model.size, n.firstNode)
  const kind: IndexItemKind = items.some(i => i.kind === 'test')
    ? 'test'
    : (items.find(i => !i.nested)?.kind ?? 'script')
  if (items.length === 0) {
    items.push({
      node: -1,
      kind: 'script',
      nested: false,
      startMs,
      endMs,
      label: model.meta.name,
      durationMs: endMs - startMs,
      queryCount: insights.sql.queries.length,
      nPlusOneCount: sql.nPlusOne.length,
      error: insights.exceptions.length > 0,
    })
  }
  return {
    name: model.meta.name,
    kind,
    startMs,
    endMs,
    thread: model.meta.threadKey,
    nodeCount: model.nodeCount,
    queryCount: insights.sql.queries.length,
    recovered: model.meta.recovered,
    items,
    functions: calls.functions,
    calls: calls.calls,
    sql: sql.sql,
    nPlusOne: sql.nPlusOne,
    templates: sql.templates,
    hosts: sql.hosts,
    exceptions: sql.exceptions,
    lines: calls.lines,
  }
}

/** The requests, tests and jobs of a trace, with their endpoints and counts. */
function itemFacts(
  built: BuiltTrace,
  insights: TraceInsights,
  nPlusOneNodes: readonly number[],
): ItemFact[] {
  const {model, records} = built
  const t0 = model.meta.startedAtMs
  const sqlBefore = new Uint32Array(model.nodeCount + 1)
  for (let r = 0; r < model.nodeCount; r++) {
    sqlBefore[r + 1] = sqlBefore[r]! + (model.kind[r] === NodeKind.sql ? 1 : 0)
  }
  const requests = new Map(insights.requests.map(r => [r.nodeId, r]))
  const items: ItemFact[] = []
  const openEnds: number[] = []
  for (let row = 0; row < model.nodeCount; row++) {
    while (openEnds.length > 0 && row >= openEnds[openEnds.length - 1]!) openEnds.pop()
    const kind = itemKinds[model.kind[row]!]
    if (!kind) continue
    const end = row + model.size[row]!
    const inside = (node: number) => node >= row && node < end
    const durationMs = (model.endNs[row]! - model.startNs[row]!) / 1e6
    const item: ItemFact = {
      node: row,
      kind,
      nested: openEnds.length > 0,
      startMs: t0 + model.startNs[row]! / 1e6,
      endMs: t0 + model.endNs[row]! / 1e6,
      label: nameOf(model, row),
      durationMs,
      queryCount: sqlBefore[end]! - sqlBefore[row]!,
      nPlusOneCount: nPlusOneNodes.filter(inside).length,
      error: insights.exceptions.some(e => inside(e.nodeId) || e.requestNodeId === row),
    }
    const request = requests.get(row)
    if (kind === 'request' && request) {
      item.method = request.method
      item.path = request.path
      if (request.status !== undefined) item.status = request.status
      if (request.durationMs !== undefined) item.durationMs = request.durationMs
      if ((request.status ?? 0) >= 500) item.error = true
      const close = built.closeRecord[row]!
      const pattern = close >= 0 ? routeOf(records, close) : undefined
      item.route = pattern === undefined ? normalisePath(request.path) : routeFromPattern(pattern)
      item.routeSource = pattern === undefined ? 'path' : 'pattern'
      item.endpoint = endpointKey(request.method, item.route)
    } else if (kind === 'job') {
      item.route = item.label
      item.routeSource = 'job'
      item.endpoint = `job ${item.label}`
    }
    items.push(item)
    openEnds.push(end)
  }
  return items
}

/** `url_pattern.route` of a django_response record, when recorded. */
function routeOf(records: BuiltTrace['records'], close: number): string | undefined {
  try {
    const route = field(field(records.full(close), 'url_pattern'), 'route')
    return typeof route === 'string' ? route : undefined
  } catch {
    return undefined
  }
}

/** The innermost item whose subtree holds `node`; -1 when none does. */
function innermostItem(items: readonly ItemFact[], size: Uint32Array, node: number): number {
  let found = -1
  for (const item of items) {
    if (item.node >= 0 && node >= item.node && node < item.node + size[item.node]!) {
      found = item.node
    }
  }
  return found
}
