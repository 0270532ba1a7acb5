import type {CallGraph, CallGraphNode} from '../../../shared/algorithms/call-graph'
import {formatDurationNs} from '../../components/format'

/** Where the keyboard is in the call graph: a node, and the caller it was reached from. */
export interface GraphCursor {
  node: number
  /** The caller whose callees ←/→ step through (undefined: the node's first caller). */
  via?: number
}

/** A keyboard move along the graph's edges. */
export type GraphMove = 'callee' | 'caller' | 'previous' | 'next' | 'exception' | 'root'

/** The nodes a node calls, the exception path first, then the most calls. */
export function calleesOf(graph: CallGraph, node: number): number[] {
  return graph.edges
    .filter(e => e.source === node)
    .sort((a, b) => Number(b.exceptionPath) - Number(a.exceptionPath) || b.calls - a.calls)
    .map(e => e.target)
}

/** The nodes that call a node, the exception path first, then the most calls. */
export function callersOf(graph: CallGraph, node: number): number[] {
  return graph.edges
    .filter(e => e.target === node)
    .sort((a, b) => Number(b.exceptionPath) - Number(a.exceptionPath) || b.calls - a.calls)
    .map(e => e.source)
}

/** The first root (the request, the test), else the first node. */
function rootOf(graph: CallGraph): number | undefined {
  return (graph.nodes.find(n => n.isRoot) ?? graph.nodes[0])?.id
}

/**
 * Where a move goes from `cursor` (undefined: nothing chosen yet, so the root), or undefined when
 * there is nowhere to go. ↓ a callee, ↑ a caller, ←/→ the other callees of the caller it came
 * from, E the next node of the exception path (its start when the cursor is off it).
 */
export function graphMove(
  graph: CallGraph,
  cursor: GraphCursor | undefined,
  move: GraphMove,
): GraphCursor | undefined {
  const root = rootOf(graph)
  if (root === undefined) return undefined
  if (move === 'exception' && !graph.nodes[cursor?.node ?? -1]?.exceptionPath) {
    // Off the path (or nowhere yet): its start.
    const start = graph.nodes.find(n => n.exceptionPath && n.isRoot)
    const first = start ?? graph.nodes.find(n => n.exceptionPath)
    return first === undefined ? undefined : {node: first.id}
  }
  if (!cursor || move === 'root' || !graph.nodes[cursor.node]) return {node: root}
  const {node} = cursor
  switch (move) {
    case 'callee': {
      const next = calleesOf(graph, node)[0]
      return next === undefined ? undefined : {node: next, via: node}
    }
    case 'caller': {
      const up = cursor.via ?? callersOf(graph, node)[0]
      return up === undefined ? undefined : {node: up}
    }
    case 'previous':
    case 'next': {
      const via = cursor.via ?? callersOf(graph, node)[0]
      if (via === undefined) return undefined
      const row = calleesOf(graph, via)
      const at = row.indexOf(node)
      const to = row[at + (move === 'next' ? 1 : -1)]
      return to === undefined ? undefined : {node: to, via}
    }
    case 'exception': {
      const edge = graph.edges.find(e => e.source === node && e.exceptionPath)
      return edge === undefined ? undefined : {node: edge.target, via: node}
    }
    default:
      return undefined
  }
}

/** The words a screen reader hears for a node: what it is, its calls, where its edges go. */
export function describeGraphNode(graph: CallGraph, node: CallGraphNode): string {
  const label = (id: number): string => graph.nodes[id]?.label ?? '?'
  const list = (ids: number[]): string =>
    ids.length === 0 ? 'nothing' : ids.slice(0, 5).map(label).join(', ') + more(ids.length)
  const parts = [
    node.label,
    `${node.calls} call${node.calls === 1 ? '' : 's'}, ${formatDurationNs(node.totalNs)}`,
  ]
  if (node.exceptionPath) parts.push('on the exception path')
  if (node.library) parts.push('library')
  parts.push(`calls ${list(calleesOf(graph, node.id))}`)
  parts.push(`called by ${list(callersOf(graph, node.id))}`)
  return parts.join('; ')
}

function more(count: number): string {
  return count > 5 ? ` and ${count - 5} more` : ''
}
