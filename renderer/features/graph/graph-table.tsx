import {useMemo} from 'react'
import type {CallGraph} from '../../../shared/algorithms/call-graph'
import {formatCount, formatDurationNs} from '../../components/format'
import {KindIcon} from '../../components/icons'
import {calleesOf, callersOf} from './graph-navigation'
import {levelsFromRoots} from './graph-elements'

/**
 * The call graph as text: one row per function, from the roots outwards, with its calls, time,
 * whether it is on the exception path, what it calls and what calls it. A function's name
 * selects it (as a click on its node does).
 */
export function GraphTable(props: {
  graph: CallGraph
  selected: number | undefined
  onChoose: (node: number) => void
}) {
  const {graph} = props
  const order = useMemo(() => {
    const level = levelsFromRoots(graph)
    return [...graph.nodes].sort(
      (a, b) => level.get(a.id)! - level.get(b.id)! || b.totalNs - a.totalNs || a.id - b.id,
    )
  }, [graph])
  const names = (ids: number[]): string =>
    ids.length === 0 ? '—' : ids.map(id => graph.nodes[id]?.label ?? '?').join(', ')
  return (
    <div className="graph-table-box" data-testid="graph-table">
      <table className="graph-table">
        <caption className="visually-hidden">
          The call graph: {graph.nodes.length} functions, {graph.edges.length} edges
        </caption>
        <thead>
          <tr>
            <th scope="col">Function</th>
            <th scope="col">Calls</th>
            <th scope="col">Total</th>
            <th scope="col">Exception path</th>
            <th scope="col">Calls out to</th>
            <th scope="col">Called by</th>
          </tr>
        </thead>
        <tbody>
          {order.map(n => (
            <tr key={n.id} className={n.id === props.selected ? 'selected' : undefined}>
              <th scope="row">
                <button
                  className={`graph-table-name mono kind-${n.kind === 'package' ? 'frame' : n.kind}`}
                  aria-current={n.id === props.selected ? 'true' : undefined}
                  onClick={() => props.onChoose(n.id)}
                >
                  <KindIcon kind={n.kind === 'package' ? 'frame' : n.kind} size={11} />
                  {n.label}
                </button>
              </th>
              <td className="mono">{formatCount(n.calls)}</td>
              <td className="mono">{formatDurationNs(n.totalNs)}</td>
              <td>{n.exceptionPath ? 'yes' : ''}</td>
              <td className="graph-table-list">{names(calleesOf(graph, n.id))}</td>
              <td className="graph-table-list">{names(callersOf(graph, n.id))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
