import type {CallGraph, CallGraphEdge, CallGraphNode} from '../../../shared/algorithms/call-graph'
import {formatCount} from '../../components/format'

/** What node size stands for. */
export type GraphSizeBy = 'time' | 'calls'

/** A cytoscape element definition, as plain data (no cytoscape import, so it tests in Node). */
export interface GraphElement {
  group: 'nodes' | 'edges'
  data: Record<string, string | number | boolean>
  classes: string
}

/** A short label: the last two dotted parts of a qualname, the start of a query or URL. */
export function shortLabel(node: Pick<CallGraphNode, 'label' | 'kind'>): string {
  const text = node.label
  if (
    node.kind === 'sql' ||
    node.kind === 'outbound' ||
    node.kind === 'request' ||
    node.kind === 'log'
  ) {
    return text.length > 40 ? `${text.slice(0, 39)}…` : text
  }
  if (node.kind === 'package') return `${text} (library)`
  if (/\s/.test(text)) return text.length > 40 ? `…${text.slice(-39)}` : text
  const parts = text.split('.')
  return parts.length > 2 ? parts.slice(-2).join('.') : text
}

/** How an edge takes part in recursion: a function calling itself, or a cycle of functions. */
export type RecursionKind = 'self' | 'cycle'

/**
 * The recursive edges of a call graph, by edge index: self-loops (fib → fib) and the edges of
 * mutual recursion (a → b → a: both ends in one strongly connected component).
 */
export function recursionOf(graph: CallGraph): Map<number, RecursionKind> {
  const component = stronglyConnected(graph)
  const sizes = new Map<number, number>()
  for (const c of component) sizes.set(c, (sizes.get(c) ?? 0) + 1)
  const kinds = new Map<number, RecursionKind>()
  graph.edges.forEach((e, i) => {
    if (e.source === e.target) kinds.set(i, 'self')
    else if (component[e.source] === component[e.target] && sizes.get(component[e.source]!)! > 1) {
      kinds.set(i, 'cycle')
    }
  })
  return kinds
}

// Tarjan's strongly connected components, iterative (a deep call chain must not overflow the
// stack): the component number of each node, by node id.
function stronglyConnected(graph: CallGraph): Int32Array {
  const n = graph.nodes.length
  const out: number[][] = Array.from({length: n}, () => [])
  for (const e of graph.edges) if (e.source < n && e.target < n) out[e.source]!.push(e.target)
  const index = new Int32Array(n).fill(-1)
  const low = new Int32Array(n)
  const component = new Int32Array(n).fill(-1)
  const onStack = new Uint8Array(n)
  const stack: number[] = []
  let next = 0
  let components = 0
  for (let start = 0; start < n; start++) {
    if (index[start] !== -1) continue
    const work: [number, number][] = [[start, 0]]
    index[start] = low[start] = next++
    stack.push(start)
    onStack[start] = 1
    while (work.length > 0) {
      const top = work[work.length - 1]!
      const [v, k] = top
      if (k < out[v]!.length) {
        top[1]++
        const w = out[v]![k]!
        if (index[w] === -1) {
          index[w] = low[w] = next++
          stack.push(w)
          onStack[w] = 1
          work.push([w, 0])
        } else if (onStack[w]) {
          low[v] = Math.min(low[v]!, index[w]!)
        }
        continue
      }
      work.pop()
      if (work.length > 0) {
        const parent = work[work.length - 1]![0]
        low[parent] = Math.min(low[parent]!, low[v]!)
      }
      if (low[v] === index[v]) {
        let w: number
        do {
          w = stack.pop()!
          onStack[w] = 0
          component[w] = components
        } while (w !== v)
        components++
      }
    }
  }
  return component
}

/** An edge in words, for the list screen readers and keyboards reach: "a → b ×3 (recursion)". */
export function edgeText(
  graph: CallGraph,
  edge: CallGraphEdge,
  recursion: RecursionKind | undefined,
): string {
  const from = graph.nodes[edge.source]!.label
  const to = graph.nodes[edge.target]!.label
  const note =
    recursion === 'self'
      ? ' (recursion: calls itself)'
      : recursion === 'cycle'
        ? ' (mutual recursion)'
        : ''
  const path = edge.exceptionPath ? ', on the exception path' : ''
  return `${from} → ${to} ×${formatCount(edge.calls)}${note}${path}`
}

/**
 * Cytoscape elements for a call graph: nodes sized by total time or calls (area proportional,
 * 24–90 px), edges labelled with their call counts; classes carry kind, library and exception path,
 * whose nodes' labels also start with "!", and recursion: a self-loop (`self-loop`, labelled
 * "↻ ×count") or an edge of a cycle (`cycle`).
 */
export function graphElements(graph: CallGraph, sizeBy: GraphSizeBy): GraphElement[] {
  const weight = (n: CallGraphNode): number => (sizeBy === 'time' ? n.totalNs : n.calls)
  const max = Math.max(1, ...graph.nodes.map(weight))
  const nodes: GraphElement[] = graph.nodes.map(n => ({
    group: 'nodes',
    data: {
      id: `n${n.id}`,
      // The exception path shows in red, and (for those who do not see red) with a "!".
      label: n.exceptionPath ? `! ${shortLabel(n)}` : shortLabel(n),
      full: n.label,
      kind: n.kind,
      size: Math.round(24 + 66 * Math.sqrt(weight(n) / max)),
      calls: n.calls,
      totalNs: n.totalNs,
      row: n.firstRow,
    },
    classes: [
      n.kind,
      n.library ? 'library' : '',
      n.exceptionPath ? 'exception-path' : '',
      n.isRoot ? 'root' : '',
    ]
      .filter(Boolean)
      .join(' '),
  }))
  const recursion = recursionOf(graph)
  const edges: GraphElement[] = graph.edges.map((e, i) => {
    const kind = recursion.get(i)
    const count = e.calls > 1 ? `×${formatCount(e.calls)}` : ''
    return {
      group: 'edges',
      data: {
        id: `e${e.source}-${e.target}`,
        source: `n${e.source}`,
        target: `n${e.target}`,
        calls: e.calls,
        label: kind === 'self' ? `↻ ${count || '×1'}` : count,
        width: Math.min(6, 1 + Math.log2(e.calls)),
      },
      classes: [
        e.exceptionPath ? 'exception-path' : '',
        kind === 'self' ? 'recursion self-loop' : '',
        kind === 'cycle' ? 'recursion cycle' : '',
      ]
        .filter(Boolean)
        .join(' '),
    }
  })
  return [...nodes, ...edges]
}

/** The graph's depth of each node from the roots (BFS over edges); unreachable nodes get max + 1. */
export function levelsFromRoots(graph: CallGraph): Map<number, number> {
  const out = new Map<number, number[]>()
  for (const e of graph.edges) out.set(e.source, [...(out.get(e.source) ?? []), e.target])
  const level = new Map<number, number>()
  const queue = graph.nodes.filter(n => n.isRoot).map(n => n.id)
  for (const id of queue) level.set(id, 0)
  for (let k = 0; k < queue.length; k++) {
    const id = queue[k]!
    for (const next of out.get(id) ?? []) {
      if (!level.has(next)) {
        level.set(next, level.get(id)! + 1)
        queue.push(next)
      }
    }
  }
  const deepest = Math.max(0, ...level.values())
  for (const n of graph.nodes) if (!level.has(n.id)) level.set(n.id, deepest + 1)
  return level
}

/**
 * Positions for the radial layout (Kolo's sun chart): the roots at the centre, each function on
 * the ring of its BFS depth, inside an angular sector proportional to the leaves under it in the
 * BFS spanning tree, so a chain of calls is one straight ray. Unreachable nodes (their callers
 * pruned) go on one more ring. Ring gaps grow so that the outer ring keeps ~28 px per leaf.
 */
export function radialPositions(graph: CallGraph): Map<number, {x: number; y: number}> {
  const level = levelsFromRoots(graph)
  const byId = new Map(graph.nodes.map(n => [n.id, n]))
  const children = new Map<number, number[]>()
  const placed = new Set<number>()
  const roots = graph.nodes.filter(n => n.isRoot).map(n => n.id)
  for (const id of roots) placed.add(id)
  // BFS spanning tree: a node hangs under the first caller one level up that reaches it.
  const queue = [...roots]
  const out = new Map<number, number[]>()
  for (const e of graph.edges) out.set(e.source, [...(out.get(e.source) ?? []), e.target])
  for (let k = 0; k < queue.length; k++) {
    const id = queue[k]!
    const kids = (out.get(id) ?? [])
      .filter(t => !placed.has(t) && level.get(t) === level.get(id)! + 1)
      .sort((a, b) => byId.get(b)!.totalNs - byId.get(a)!.totalNs || a - b)
    for (const t of kids) placed.add(t)
    children.set(id, kids)
    queue.push(...kids)
  }
  const leaves = new Map<number, number>()
  const countLeaves = (id: number): number => {
    const kids = children.get(id) ?? []
    const n = kids.length === 0 ? 1 : kids.reduce((sum, k) => sum + countLeaves(k), 0)
    leaves.set(id, n)
    return n
  }
  const orphans = graph.nodes.filter(n => !placed.has(n.id)).map(n => n.id)
  const totalLeaves = roots.reduce((sum, r) => sum + countLeaves(r), 0) + orphans.length
  const rings = Math.max(1, ...[...placed].map(id => level.get(id)!)) + (orphans.length > 0 ? 1 : 0)
  const gap = Math.max(140, (totalLeaves * 28) / (2 * Math.PI) / rings)
  const pos = new Map<number, {x: number; y: number}>()
  const place = (id: number, from: number, to: number, radius: number): void => {
    const angle = (from + to) / 2
    pos.set(id, {x: radius * Math.cos(angle), y: radius * Math.sin(angle)})
    let start = from
    for (const kid of children.get(id) ?? []) {
      const span = ((to - from) * leaves.get(kid)!) / Math.max(1, leaves.get(id)!)
      place(kid, start, start + span, radius + gap)
      start += span
    }
  }
  const full = 2 * Math.PI
  const rootShare = full * (1 - orphans.length / Math.max(1, totalLeaves))
  let start = -Math.PI / 2
  for (const r of roots) {
    const span =
      roots.length === 1
        ? rootShare
        : (rootShare * leaves.get(r)!) / Math.max(1, totalLeaves - orphans.length)
    // One root sits at the centre; several share the first ring.
    place(r, start, start + span, roots.length === 1 ? 0 : gap / 2)
    start += span
  }
  orphans.forEach((id, i) => {
    const angle = start + ((i + 0.5) * (full - rootShare)) / orphans.length
    pos.set(id, {x: rings * gap * Math.cos(angle), y: rings * gap * Math.sin(angle)})
  })
  return pos
}
