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

// Raw rows (arrays): better-sqlite3 builds them several times faster than objects.
type ItemRow = [
  traceId: string,
  node: number,
  kind: number,
  nested: number,
  startMs: number,
  endMs: number,
  label: string,
  status: number | null,
  endpoint: string | null,
  error: number,
]

type EndpointRow = [
  endpoint: string,
  method: string | null,
  route: string | null,
  routeSource: number | null,
  count: number,
  queries: number,
  nPlusOne: number,
  errors: number,
]

/**
 * Every timeline item of the project, oldest first, and per endpoint: count, p50/p95/max
 * duration, queries per request, errors, N+1 findings and a sparkline. Two reads of the items
 * table (sums in SQL; percentiles and sparklines here, from each endpoint's durations).
 */
export function overviewData(s: Statements): {items: TimelineItem[]; endpoints: EndpointStats[]} {
  const rows = s
    .get(
      `SELECT t.trace_id, i.node, i.kind, i.nested, i.start_ms, i.end_ms, i.label, i.status,
        i.endpoint, i.error
      FROM items i JOIN traces t ON t.pk = i.trace_pk
      ORDER BY i.start_ms, i.trace_pk, i.node`,
    )
    .raw()
    .all() as ItemRow[]
  const items = new Array<TimelineItem>(rows.length)
  for (let i = 0; i < rows.length; i++) {
    const [traceId, nodeId, kind, nested, startMs, endMs, label, status, endpoint, error] = rows[i]!
    const item: TimelineItem = {
      traceId,
      nodeId,
      kind: kinds[kind] ?? 'script',
      startMs,
      endMs,
      label,
      error: error === 1,
      nested: nested === 1,
    }
    if (status !== null) item.status = status
    if (endpoint !== null) item.endpoint = endpoint
    items[i] = item
  }
  return {items, endpoints: endpointStats(s)}
}

function endpointStats(s: Statements): EndpointStats[] {
  const sums = s
    .get(
      `SELECT endpoint, min(method), min(route), min(route_source), count(*), total(query_count),
        total(n1_count), total(error)
      FROM items WHERE endpoint IS NOT NULL GROUP BY endpoint`,
    )
    .raw()
    .all() as EndpointRow[]
  const points = s
    .get(
      `SELECT endpoint, start_ms, duration_ms FROM items WHERE endpoint IS NOT NULL
      ORDER BY endpoint, start_ms`,
    )
    .raw()
    .all() as [string, number, number][]
  const byEndpoint = new Map<string, {startMs: number; durationMs: number}[]>()
  for (const [endpoint, startMs, durationMs] of points) {
    let list = byEndpoint.get(endpoint)
    if (!list) byEndpoint.set(endpoint, (list = []))
    list.push({startMs, durationMs})
  }
  const out = sums.map(([endpoint, method, route, routeSource, count, queries, n1, errors]) => {
    const series = byEndpoint.get(endpoint) ?? []
    const durations = Float64Array.from(series, p => p.durationMs).sort()
    const stats: EndpointStats = {
      endpoint,
      route: route ?? endpoint,
      routeSource: routeSources[routeSource ?? 1] ?? 'path',
      count,
      p50Ms: percentile(durations, 50) ?? 0,
      p95Ms: percentile(durations, 95) ?? 0,
      maxMs: durations[durations.length - 1] ?? 0,
      queriesPerRequest: queries / count,
      errors,
      nPlusOne: n1,
      series: sparkline(series),
      lastMs: series[series.length - 1]?.startMs ?? 0,
    }
    if (method !== null) stats.method = method
    return stats
  })
  return out.sort((a, b) => b.count - a.count || a.endpoint.localeCompare(b.endpoint))
}
