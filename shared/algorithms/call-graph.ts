import {NodeFlag, NodeKind, nodeKindNames} from '../model/node-kind'
import type {NodeKindName} from '../model/node-kind'
import type {TreeColumns} from './flame-columns'
import type {FunctionTable} from './function-table'
import {packageOf, selfTimes} from './function-table'

/** One node of the call graph: a function, an SQL query, an outbound request or a folded package. */
export interface CallGraphNode {
  id: number
  label: string
  kind: NodeKindName | 'package'
  library: boolean
  /** On the path of the request's uncaught exception. */
  exceptionPath: boolean
  /** A function of a root row (the request). */
  isRoot: boolean
  calls: number
  /** Time in its calls not inside another call of the same node; ns. */
  totalNs: number
  selfNs: number
  /** The first model row of the node: what a click selects. */
  firstRow: number
  /** The functions (FunctionTable ids) this node stands for. */
  fns: number[]
}

/**
 * A caller → callee edge with the number of calls made along it.
 *
 * `source === target` is a self-loop: a function calling itself (recursion). Mutual recursion
 * (a → b → a) is the cycle of edges a → b and b → a.
 */
export interface CallGraphEdge {
  source: number
  target: number
  calls: number
  exceptionPath: boolean
}

/** The call graph of a trace. `nodeOfFn[fn]` is the node a function went into (-1: pruned). */
export interface CallGraph {
  nodes: CallGraphNode[]
  edges: CallGraphEdge[]
  /** Nodes left out to stay under maxNodes (the lightest). */
  prunedCount: number
  nodeOfFn: Int32Array
}

/** How to build a call graph. */
export interface CallGraphOptions {
  /** Fold library frames into one node per top-level package. */
  foldLibraries: boolean
  /** Keep at most this many nodes: roots, the exception path, then the heaviest. */
  maxNodes: number
}

const onExceptionPath = NodeFlag.exceptionPath | NodeFlag.exceptionOrigin

/**
 * One node per function (not per call), edges caller → callee with call counts.
 *
 * A function calling itself gives a self-loop edge counting those calls (fib → fib); calls
 * between different functions folded into one package are not edges. Times are outermost-call
 * sums, so recursion is not counted twice.
 */
export function buildCallGraph(
  model: TreeColumns,
  fns: FunctionTable,
  options: CallGraphOptions,
): CallGraph {
  const groupOfFn = new Int32Array(fns.count)
  const groups: CallGraphNode[] = []
  const packages = new Map<string, number>()
  const newGroup = (label: string, kind: CallGraphNode['kind'], fn: number): number => {
    groups.push({
      id: groups.length,
      label,
      kind,
      library: fns.library[fn] === 1,
      exceptionPath: false,
      isRoot: false,
      calls: 0,
      totalNs: 0,
      selfNs: 0,
      firstRow: fns.firstRow[fn]!,
      fns: [],
    })
    return groups.length - 1
  }
  for (let fn = 0; fn < fns.count; fn++) {
    const kind = fns.kind[fn]!
    let group: number
    if (options.foldLibraries && fns.library[fn] && kind === NodeKind.frame) {
      const file = fns.fileId[fn]! >= 0 ? model.strings[fns.fileId[fn]!] : undefined
      const pkg = packageOf(fns.name[fn]!, file) || 'library'
      group = packages.get(pkg) ?? newGroup(pkg, 'package', fn)
      packages.set(pkg, group)
      groups[group]!.firstRow = Math.min(groups[group]!.firstRow, fns.firstRow[fn]!)
    } else {
      group = newGroup(fns.name[fn]!, nodeKindNames[kind] ?? 'frame', fn)
    }
    groupOfFn[fn] = group
    groups[group]!.fns.push(fn)
  }
  const edgeIndex = new Map<number, CallGraphEdge>()
  const self = selfTimes(model)
  const active = new Uint32Array(groups.length)
  const openEnd: number[] = []
  const openGroup: number[] = []
  for (let i = 0; i < model.nodeCount; i++) {
    while (openEnd.length > 0 && openEnd[openEnd.length - 1]! <= i) {
      openEnd.pop()
      active[openGroup.pop()!]!--
    }
    const g = groupOfFn[fns.fnOf[i]!]!
    const node = groups[g]!
    const flagged =
      (model.flags[i]! & onExceptionPath) !== 0 || model.kind[i] === NodeKind.exception
    node.calls++
    node.selfNs += self[i]!
    if (active[g] === 0) node.totalNs += model.endNs[i]! - model.startNs[i]!
    if (flagged) node.exceptionPath = true
    if (model.depth[i] === 0) node.isRoot = true
    active[g]!++
    openEnd.push(i + model.size[i]!)
    openGroup.push(g)
    const p = model.parent[i]!
    if (p < 0) continue
    const pg = groupOfFn[fns.fnOf[p]!]!
    // Within one group, only a function calling itself is an edge (recursion), not a package
    // calling into itself.
    if (pg === g && fns.fnOf[p] !== fns.fnOf[i]) continue
    const key = pg * groups.length + g
    let edge = edgeIndex.get(key)
    if (!edge) {
      edge = {source: pg, target: g, calls: 0, exceptionPath: false}
      edgeIndex.set(key, edge)
    }
    edge.calls++
    if (flagged && (model.flags[p]! & onExceptionPath || model.depth[p] === 0)) {
      edge.exceptionPath = true
    }
  }
  return prune(groups, [...edgeIndex.values()], groupOfFn, options.maxNodes)
}

function prune(
  groups: CallGraphNode[],
  edges: CallGraphEdge[],
  groupOfFn: Int32Array,
  maxNodes: number,
): CallGraph {
  if (groups.length <= maxNodes) return {nodes: groups, edges, prunedCount: 0, nodeOfFn: groupOfFn}
  const rank = (g: CallGraphNode): number => (g.isRoot ? 2 : g.exceptionPath ? 1 : 0)
  const kept = [...groups]
    .sort((a, b) => rank(b) - rank(a) || b.totalNs - a.totalNs || a.id - b.id)
    .slice(0, maxNodes)
    .sort((a, b) => a.id - b.id)
  const newId = new Int32Array(groups.length).fill(-1)
  kept.forEach((g, i) => (newId[g.id] = i))
  const nodes = kept.map((g, i) => ({...g, id: i}))
  const keptEdges = edges
    .filter(e => newId[e.source]! >= 0 && newId[e.target]! >= 0)
    .map(e => ({...e, source: newId[e.source]!, target: newId[e.target]!}))
  const nodeOfFn = groupOfFn.map(g => newId[g]!)
  return {nodes, edges: keptEdges, prunedCount: groups.length - kept.length, nodeOfFn}
}
