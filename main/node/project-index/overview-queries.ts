import type {
  EndpointStats,
  IndexItemKind,
  RouteSource,
  TimelineItem,
} from '../../../shared/project-index/index-types'
import {percentile, sparkline} from '../../../shared/project-index/index-stats'
import type {Statements} from './statements'

const kinds: IndexItemKind[] = ['request', 'test', 'job', 'script']
const routeSources: RouteSource[] = ['pattern', 'path', 'job']

interface ItemRow {
  traceId: string
  node: number
  kind: number
  nested: number
  startMs: number
  endMs: number
  label: string
  status: number | null
  method: string | null
  endpoint: string | null
  route: string | null
  routeSource: number | null
  durationMs: number
  queryCount: number
  n1Count: number
  error: number
}

/**
 * Every timeline item of the project, oldest first, and per endpoint: count, p50/p95/max
 * duration, queries per request, errors, N+1 findings and a sparkline. One indexed read of the
 * items table; the grouping is done here (a few thousand rows).
 */
export function overviewData(s: Statements): {items: TimelineItem[]; endpoints: EndpointStats[]} {
  const rows = s
    .get(
      `SELECT t.trace_id AS traceId, i.node, i.kind, i.nested, i.start_ms AS startMs,
        i.end_ms AS endMs, i.label, i.status, i.method, i.endpoint, i.route,
        i.route_source AS routeSource, i.duration_ms AS durationMs, i.query_count AS queryCount,
        i.n1_count AS n1Count, i.error
      FROM items i JOIN traces t ON t.pk = i.trace_pk
      ORDER BY i.start_ms, i.trace_pk, i.node`,
    )
    .all() as ItemRow[]
  const items: TimelineItem[] = rows.map(r => {
    const item: TimelineItem = {
      traceId: r.traceId,
      nodeId: r.node,
      kind: kinds[r.kind] ?? 'script',
      startMs: r.startMs,
      endMs: r.endMs,
      label: r.label,
      error: r.error === 1,
      nested: r.nested === 1,
    }
    if (r.status !== null) item.status = r.status
    if (r.endpoint !== null) item.endpoint = r.endpoint
    return item
  })
  return {items, endpoints: endpointStats(rows)}
}

function endpointStats(rows: readonly ItemRow[]): EndpointStats[] {
  const groups = new Map<string, ItemRow[]>()
  for (const r of rows) {
    if (r.endpoint === null) continue
    const group = groups.get(r.endpoint)
    if (group) group.push(r)
    else groups.set(r.endpoint, [r])
  }
  const out: EndpointStats[] = []
  for (const [endpoint, group] of groups) {
    const durations = Float64Array.from(group, r => r.durationMs).sort()
    const first = group[0]!
    const stats: EndpointStats = {
      endpoint,
      route: first.route ?? endpoint,
      routeSource: routeSources[first.routeSource ?? 1] ?? 'path',
      count: group.length,
      p50Ms: percentile(durations, 50) ?? 0,
      p95Ms: percentile(durations, 95) ?? 0,
      maxMs: durations[durations.length - 1] ?? 0,
      queriesPerRequest: group.reduce((n, r) => n + r.queryCount, 0) / group.length,
      errors: group.filter(r => r.error === 1).length,
      nPlusOne: group.reduce((n, r) => n + r.n1Count, 0),
      series: sparkline(group.map(r => ({startMs: r.startMs, durationMs: r.durationMs}))),
      lastMs: group[group.length - 1]!.startMs,
    }
    if (first.method !== null) stats.method = first.method
    out.push(stats)
  }
  return out.sort((a, b) => b.count - a.count || a.endpoint.localeCompare(b.endpoint))
}
