import {alignSubtrees, alignTraces} from '../../../shared/diff/align-trees'
import {markValuesChanged} from '../../../shared/diff/classify-rows'
import type {AlignOptions} from '../../../shared/diff/align-trees'
import type {RowRange} from '../../../shared/diff/alignment'
import {sqlRowCount} from '../../../shared/diff/body-diff'
import {diffCall} from '../../../shared/diff/call-diff'
import type {CallDiff, CallDiffOptions} from '../../../shared/diff/call-diff'
import {comparePlan} from '../../../shared/diff/compare-plan'
import {editList} from '../../../shared/diff/edit-list'
import {diffEvents} from '../../../shared/diff/events-diff'
import {diffSql} from '../../../shared/diff/sql-diff'
import {diffSummary} from '../../../shared/diff/summary'
import type {TraceDiff} from '../../../shared/diff/trace-diff'
import {unifiedTree} from '../../../shared/diff/unified-tree'
import type {TraceInsights} from '../../../shared/insights/trace-insights'
import type {NodeDetails} from '../../../shared/model/node-details'
import type {TraceModel} from '../../../shared/model/trace-model'

/**
 * One side of a diff: a loaded model, and how to get its insights and node details.
 *
 * The worker passes its built traces (details decoded synchronously, wrapped in promises); the
 * CLI passes the service's loadTrace, getTraceInsights and getNodeDetails.
 */
export interface DiffSource {
  model: TraceModel
  insights(): Promise<TraceInsights>
  details(nodeId: number): Promise<NodeDetails>
}

/** Options of diffTraces. */
export interface DiffTracesOptions extends AlignOptions, Omit<CallDiffOptions, 'noise'> {
  /** Compare one execution with another: the subtree roots in A and B (both or neither). */
  roots?: {a: number; b: number}
  /** Matched pairs compared value by value before answering (default 5,000). */
  maxComparedPairs?: number
  /** Queries per trace whose rows are read for row counts (default 2,000). */
  maxSqlDetails?: number
  /** Call diffs listed (default 1,000) and edits listed (default 500). */
  maxCallDiffs?: number
  maxEdits?: number
}

/**
 * Compare two traces (or two executions): align them, compare the values of the telling pairs,
 * diff SQL, HTTP, templates, logs and exceptions, and sum it up in one line.
 */
export async function diffTraces(
  a: DiffSource,
  b: DiffSource,
  options: DiffTracesOptions = {},
): Promise<TraceDiff> {
  const alignment = options.roots
    ? alignSubtrees(a.model, options.roots.a, b.model, options.roots.b, options)
    : alignTraces(a.model, b.model, options)
  const [insightsA, insightsB] = await Promise.all([a.insights(), b.insights()])
  const scopedA = scopeInsights(insightsA, alignment.scopeA)
  const scopedB = scopeInsights(insightsB, alignment.scopeB)
  const callOptions: CallDiffOptions = {...options, noise: alignment.noise}

  // Rows of the queries (for row counts), with their details kept for the pairs below.
  const maxSql = options.maxSqlDetails ?? 2000
  const sqlA = await sqlDetails(a, scopedA, maxSql)
  const sqlB = await sqlDetails(b, scopedB, maxSql)
  const plan = comparePlan(alignment, b.model, options.maxComparedPairs ?? 5000)
  const details = async (side: DiffSource, cache: Map<number, NodeDetails>, row: number) =>
    cache.get(row) ?? side.details(row)
  const compare = async (x: number): Promise<CallDiff> => {
    const y = alignment.aToB[x]!
    return diffCall(await details(a, sqlA, x), await details(b, sqlB, y), callOptions)
  }
  const http: CallDiff[] = []
  const calls: CallDiff[] = []
  for (const x of plan.http) {
    const d = await compare(x)
    http.push(d)
    if (d.changed) markValuesChanged(alignment, a.model, b.model, x)
  }
  for (const x of plan.calls) {
    const d = await compare(x)
    if (!d.changed) continue
    calls.push(d)
    markValuesChanged(alignment, a.model, b.model, x)
  }
  calls.sort((p, q) => p.b - q.b)
  const maxCalls = options.maxCallDiffs ?? 1000

  const rowsOf = (cache: Map<number, NodeDetails>) =>
    new Map([...cache].map(([row, d]) => [row, d.kind === 'sql' ? sqlRowCount(d.data) : undefined]))
  const sql = diffSql(
    {model: a.model, sql: scopedA.sql, rows: rowsOf(sqlA)},
    {model: b.model, sql: scopedB.sql, rows: rowsOf(sqlB)},
    alignment,
  )
  const events = diffEvents(scopedA, scopedB, alignment)
  const tree = unifiedTree(alignment, a.model, b.model)
  const edits = editList(tree, alignment, a.model, b.model, options.maxEdits ?? 500)
  const summary = diffSummary({
    traceA: sideSummary(a.model, alignment.scopeA, scopedA),
    traceB: sideSummary(b.model, alignment.scopeB, scopedB),
    sql,
    events,
    stats: alignment.stats,
    valuesChanged: calls.length + http.filter(d => d.changed).length,
    noise: alignment.noise,
  })
  return {
    a: info(a.model, alignment.scopeA),
    b: info(b.model, alignment.scopeB),
    summary,
    identical: !summary.differs,
    alignment,
    tree,
    edits,
    calls: calls.slice(0, maxCalls),
    callsOmitted: Math.max(0, calls.length - maxCalls),
    compared: {pairs: plan.http.length + plan.calls.length, skipped: plan.skipped},
    http: http.filter(d => d.changed),
    sql,
    events,
  }
}

async function sqlDetails(
  side: DiffSource,
  insights: TraceInsights,
  max: number,
): Promise<Map<number, NodeDetails>> {
  const out = new Map<number, NodeDetails>()
  for (const q of insights.sql.queries.slice(0, max)) {
    out.set(q.nodeId, await side.details(q.nodeId))
  }
  return out
}

function info(model: TraceModel, scope: RowRange): TraceDiff['a'] {
  const whole = scope.start === 0 && scope.end === model.nodeCount
  return {
    traceId: model.traceId,
    name: whole ? model.meta.name : (model.strings[model.nameId[scope.start]!] ?? ''),
    nodeCount: model.nodeCount,
    durationNs: durationOf(model, scope),
    scope,
  }
}

function sideSummary(model: TraceModel, scope: RowRange, insights: TraceInsights) {
  return {
    name: info(model, scope).name,
    durationNs: durationOf(model, scope),
    requests: insights.requests,
  }
}

/** The time the scope spans: the trace's duration, or the subtree root's. */
function durationOf(model: TraceModel, scope: RowRange): number {
  if (scope.start === 0 && scope.end === model.nodeCount) return model.meta.durationNs
  return model.endNs[scope.start]! - model.startNs[scope.start]!
}

/** The insights of the rows in `scope` only (all of them for a whole trace). */
export function scopeInsights(insights: TraceInsights, scope: RowRange): TraceInsights {
  const inside = (nodeId: number) => nodeId >= scope.start && nodeId < scope.end
  if (scope.start === 0 && insights.sql.queries.every(q => inside(q.nodeId))) {
    const all = [
      insights.requests,
      insights.outbound,
      insights.templates,
      insights.logs,
      insights.exceptions,
    ]
    if (all.every(list => list.every(item => inside(item.nodeId)))) return insights
  }
  const queries = insights.sql.queries.filter(q => inside(q.nodeId))
  const analysis = insights.sql.analysis
  return {
    ...insights,
    sql: {
      ...insights.sql,
      queries,
      analysis: {
        ...analysis,
        queryCount: queries.length,
        nPlusOne: analysis.nPlusOne.filter(f => f.nodeIds.every(inside)),
      },
    },
    requests: insights.requests.filter(r => inside(r.nodeId)),
    outbound: insights.outbound.filter(r => inside(r.nodeId)),
    templates: insights.templates.filter(r => inside(r.nodeId)),
    logs: insights.logs.filter(r => inside(r.nodeId)),
    exceptions: insights.exceptions.filter(r => inside(r.nodeId)),
    tests: insights.tests.filter(r => inside(r.nodeId)),
  }
}
