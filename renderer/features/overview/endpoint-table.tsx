import {useMemo, useState} from 'react'
import type {EndpointStats} from '../../../shared/project-index/index-types'
import {formatCount, formatDurationMs} from '../../components/format'
import {Sparkline} from './sparkline'

/** Columns the endpoint table sorts by. */
export type EndpointSort =
  'endpoint' | 'count' | 'p50Ms' | 'p95Ms' | 'maxMs' | 'queriesPerRequest' | 'errors' | 'nPlusOne'

/** Endpoints sorted by a column (text ascending, numbers descending first), ties by name. */
export function sortEndpoints(
  endpoints: readonly EndpointStats[],
  by: EndpointSort,
  descending: boolean,
): EndpointStats[] {
  const sign = descending ? -1 : 1
  return [...endpoints].sort((a, b) => {
    const d =
      by === 'endpoint'
        ? a.route.localeCompare(b.route) || (a.method ?? '').localeCompare(b.method ?? '')
        : a[by] - b[by]
    return sign * d || a.endpoint.localeCompare(b.endpoint)
  })
}

const columns: {key: EndpointSort; label: string; title: string; numeric: boolean}[] = [
  {key: 'endpoint', label: 'Endpoint', title: 'Method and route pattern', numeric: false},
  {key: 'count', label: 'Count', title: 'Requests', numeric: true},
  {key: 'p50Ms', label: 'p50', title: 'Median duration', numeric: true},
  {key: 'p95Ms', label: 'p95', title: '95th percentile duration', numeric: true},
  {key: 'maxMs', label: 'Max', title: 'Slowest request', numeric: true},
  {
    key: 'queriesPerRequest',
    label: 'Queries',
    title: 'SQL queries per request (mean)',
    numeric: true,
  },
  {
    key: 'errors',
    label: 'Errors',
    title: 'Requests with status ≥ 500 or an uncaught exception',
    numeric: true,
  },
  {key: 'nPlusOne', label: 'N+1', title: 'N+1 query findings, summed', numeric: true},
]

/**
 * Per endpoint (method and route pattern, not raw path): count, p50/p95/max duration, queries per
 * request, errors, N+1 findings, and a sparkline of its durations over time. Sortable by every
 * column; choosing an endpoint selects its traces (again: all traces).
 */
export function EndpointTable(props: {
  endpoints: readonly EndpointStats[]
  selected: string | undefined
  onSelect: (endpoint: EndpointStats | undefined) => void
}) {
  const [sort, setSort] = useState<{by: EndpointSort; descending: boolean}>({
    by: 'count',
    descending: true,
  })
  const rows = useMemo(
    () => sortEndpoints(props.endpoints, sort.by, sort.descending),
    [props.endpoints, sort],
  )
  if (props.endpoints.length === 0) {
    return <div className="pane-empty">No requests or jobs indexed yet.</div>
  }
  return (
    <table className="overview-table endpoint-table" data-testid="endpoint-table">
      <thead>
        <tr>
          {columns.map(c => (
            <th
              key={c.key}
              className={c.numeric ? 'num' : undefined}
              aria-sort={
                sort.by === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'
              }
            >
              <button
                className="sort-button"
                title={`${c.title}: sort`}
                onClick={() =>
                  setSort(s => ({
                    by: c.key,
                    descending: s.by === c.key ? !s.descending : c.numeric,
                  }))
                }
              >
                {c.label}
                <span className="sort-mark" aria-hidden="true">
                  {sort.by === c.key ? (sort.descending ? '▾' : '▴') : ''}
                </span>
              </button>
            </th>
          ))}
          <th title="Duration over time, oldest left; the dot marks the slowest">Trend</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(e => {
          const selected = props.selected === e.endpoint
          return (
            <tr
              key={e.endpoint}
              className={selected ? 'selected' : undefined}
              data-testid="endpoint-row"
              data-endpoint={e.endpoint}
            >
              <td className="endpoint-cell">
                <button
                  className="row-button"
                  aria-pressed={selected}
                  title={
                    selected
                      ? 'Selected: choose again for all traces'
                      : `Select the ${e.count} requests of ${e.endpoint}`
                  }
                  onClick={() => props.onSelect(selected ? undefined : e)}
                >
                  {e.method !== undefined && (
                    <span className={`method method-${e.method.toLowerCase()}`}>{e.method}</span>
                  )}
                  <span className="mono route">{e.route}</span>
                  {e.routeSource === 'path' && (
                    <span
                      className="route-source"
                      title="No route pattern recorded: ids in the path were replaced"
                    >
                      path
                    </span>
                  )}
                </button>
              </td>
              <td className="num mono">{formatCount(e.count)}</td>
              <td className="num mono">{formatDurationMs(e.p50Ms)}</td>
              <td className="num mono">{formatDurationMs(e.p95Ms)}</td>
              <td className="num mono">{formatDurationMs(e.maxMs)}</td>
              <td className="num mono">
                {e.queriesPerRequest.toFixed(e.queriesPerRequest < 10 ? 1 : 0)}
              </td>
              <td className={`num mono${e.errors > 0 ? ' bad' : ''}`}>
                {e.errors > 0 ? `✕ ${e.errors}` : '0'}
              </td>
              <td className={`num mono${e.nPlusOne > 0 ? ' warn' : ''}`}>
                {e.nPlusOne > 0 ? `⚠ ${e.nPlusOne}` : '0'}
              </td>
              <td className="trend">
                <Sparkline series={e.series} />
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
