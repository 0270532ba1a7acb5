import {alignSubtrees, alignTraces} from '../../../../shared/diff/align-trees'
import {diffEvents} from '../../../../shared/diff/events-diff'
import {editList} from '../../../../shared/diff/edit-list'
import {diffSql} from '../../../../shared/diff/sql-diff'
import {diffSummary} from '../../../../shared/diff/summary'
import type {CallDiff} from '../../../../shared/diff/call-diff'
import type {TraceDiff} from '../../../../shared/diff/trace-diff'
import {unifiedTree} from '../../../../shared/diff/unified-tree'
import {outlineModel} from '../../../../shared/diff/testing/outline-model'
import {emptyInsights} from '../../../../shared/insights/trace-insights'
import type {TraceInsights} from '../../../../shared/insights/trace-insights'
import type {TraceModel} from '../../../../shared/model/trace-model'

/** Two models and their diff, as the service would answer (no details compared up front). */
export interface DiffFixture {
  a: TraceModel
  b: TraceModel
  diff: TraceDiff
}

/**
 * A TraceDiff of two outlines (shared/diff/testing/outline-model), built with the shared diff
 * steps the service runs (alignment, unified tree, edits, SQL and events, summary), for views.
 */
export function diffFixture(
  outlineA: string,
  outlineB: string,
  options: {
    roots?: {a: number; b: number}
    insights?: {a?: TraceInsights; b?: TraceInsights}
    calls?: CallDiff[]
  } = {},
): DiffFixture {
  const a = outlineModel(outlineA, 'trc_A')
  const b = outlineModel(outlineB, 'trc_B')
  const alignment = options.roots
    ? alignSubtrees(a, options.roots.a, b, options.roots.b)
    : alignTraces(a, b)
  const insightsA = options.insights?.a ?? emptyInsights(a.traceId)
  const insightsB = options.insights?.b ?? emptyInsights(b.traceId)
  const sql = diffSql({model: a, sql: insightsA.sql}, {model: b, sql: insightsB.sql}, alignment)
  const events = diffEvents(insightsA, insightsB, alignment)
  const tree = unifiedTree(alignment, a, b)
  const info = (m: TraceModel, scope: {start: number; end: number}) => ({
    traceId: m.traceId,
    name: m.meta.name,
    nodeCount: m.nodeCount,
    durationNs: m.meta.durationNs,
    scope,
  })
  const summary = diffSummary({
    traceA: {name: a.meta.name, durationNs: a.meta.durationNs, requests: insightsA.requests},
    traceB: {name: b.meta.name, durationNs: b.meta.durationNs, requests: insightsB.requests},
    sql,
    events,
    stats: alignment.stats,
    valuesChanged: options.calls?.length ?? 0,
    noise: alignment.noise,
  })
  const diff: TraceDiff = {
    a: info(a, alignment.scopeA),
    b: info(b, alignment.scopeB),
    summary,
    identical: !summary.differs,
    alignment,
    tree,
    edits: editList(tree, alignment, a, b),
    calls: options.calls ?? [],
    callsOmitted: 0,
    compared: {pairs: 0, skipped: alignment.stats.matched},
    http: [],
    sql,
    events,
  }
  return {a, b, diff}
}
