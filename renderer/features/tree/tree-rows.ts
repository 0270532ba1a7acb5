import {NodeFlag, NodeKind} from '../../../shared/model/node-kind'
import type {TraceModel} from '../../../shared/model/trace-model'

// All functions here work on the model's typed arrays and never build an object per node, so they
// stay fast at 500,000 nodes: rows are node indices in pre-order, and a subtree is i … i+size[i]-1.

/** The node indices shown, in order: a node shows when every ancestor is expanded (and kept). */
export function visibleRows(
  model: TraceModel,
  expanded: Uint8Array,
  keep?: Uint8Array,
): Int32Array {
  const n = model.nodeCount
  const size = model.size
  const out = new Int32Array(n)
  let k = 0
  let i = 0
  while (i < n) {
    // size[i] >= 1 for every row, so the walk always advances.
    if (keep && !keep[i]) {
      i += size[i]!
      continue
    }
    out[k++] = i
    i += expanded[i] ? 1 : size[i]!
  }
  return out.slice(0, k)
}

/** Whether node `i` has children. */
export function hasChildren(model: TraceModel, i: number): boolean {
  return (model.size[i] ?? 1) > 1
}

/** Position of node `nodeId` in `rows` (ascending node indices), or -1. */
export function rowIndexOf(rows: Int32Array, nodeId: number): number {
  let lo = 0
  let hi = rows.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const v = rows[mid]!
    if (v === nodeId) return mid
    if (v < nodeId) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}

/** Expand every ancestor of `nodeId`; returns true when anything changed. */
export function expandTo(model: TraceModel, expanded: Uint8Array, nodeId: number): boolean {
  let changed = false
  for (let p = model.parent[nodeId] ?? -1; p >= 0; p = model.parent[p]!) {
    if (!expanded[p]) {
      expanded[p] = 1
      changed = true
    }
  }
  return changed
}

/** Set the expansion of `nodeId`'s whole subtree (itself included). */
export function setSubtree(
  model: TraceModel,
  expanded: Uint8Array,
  nodeId: number,
  open: boolean,
): void {
  expanded.fill(open ? 1 : 0, nodeId, nodeId + model.size[nodeId]!)
}

/** The children of node `i`, in order. */
export function childrenOf(model: TraceModel, i: number): number[] {
  const out: number[] = []
  const end = i + model.size[i]!
  for (let j = i + 1; j < end; j += model.size[j]!) out.push(j)
  return out
}

/**
 * The expansion a trace opens with. Only nodes whose subtree holds something worth seeing open:
 * user code, SQL, HTTP, templates, logs, exceptions; a library call that only calls more library
 * code stays closed. Small traces open all of those; big ones the longest-running first (a
 * profiler's "hot path") until about `budget` rows show. The exception path always opens.
 */
export function initialExpansion(
  model: TraceModel,
  budget = 600,
  expandAllBelow = 3000,
): Uint8Array {
  const n = model.nodeCount
  const wanted = new Uint8Array(n)
  // Pre-order puts children after parents: one backward pass lifts "worth seeing" to ancestors.
  for (let i = n - 1; i >= 0; i--) {
    const p = model.parent[i]!
    if (p < 0) continue
    const interesting = model.kind[i] !== NodeKind.frame || !(model.flags[i]! & NodeFlag.library)
    if (wanted[i] || interesting) wanted[p] = 1
  }
  let expanded: Uint8Array
  if (n <= expandAllBelow) {
    expanded = wanted
  } else {
    expanded = new Uint8Array(n)
    const duration = (i: number): number => model.endNs[i]! - model.startNs[i]!
    const heap = new MaxHeap(duration)
    let shown = 0
    for (let i = 0; i < n; i += model.size[i]!) {
      shown++
      if (wanted[i]) heap.push(i)
    }
    while (shown < budget && heap.size > 0) {
      const i = heap.pop()
      expanded[i] = 1
      for (const c of childrenOf(model, i)) {
        shown++
        if (wanted[c]) heap.push(c)
      }
    }
  }
  for (let i = 0; i < n; i++) {
    if (model.flags[i]! & NodeFlag.exceptionPath) expandTo(model, expanded, i)
  }
  return expanded
}

/**
 * Nodes to keep under a "name contains" filter: the matches and their ancestors. Returns the keep
 * mask, the match mask and the number of matches. Matching runs once per distinct string.
 */
export function filterNodes(
  model: TraceModel,
  needle: string,
): {keep: Uint8Array; match: Uint8Array; matchCount: number} {
  const lower = needle.toLowerCase()
  const strMatch = new Uint8Array(model.strings.length)
  for (let s = 0; s < model.strings.length; s++) {
    if (model.strings[s]!.toLowerCase().includes(lower)) strMatch[s] = 1
  }
  const n = model.nodeCount
  const match = new Uint8Array(n)
  const keep = new Uint8Array(n)
  let matchCount = 0
  for (let i = 0; i < n; i++) {
    if (strMatch[model.nameId[i]!]) {
      match[i] = 1
      keep[i] = 1
      matchCount++
    }
  }
  // Pre-order puts every child after its parent, so one backward pass lifts keep to all ancestors.
  for (let i = n - 1; i >= 0; i--) {
    const p = model.parent[i]!
    if (keep[i] && p >= 0) keep[p] = 1
  }
  return {keep, match, matchCount}
}

class MaxHeap {
  private items: number[] = []
  constructor(private readonly key: (i: number) => number) {}
  get size(): number {
    return this.items.length
  }
  push(v: number): void {
    const a = this.items
    a.push(v)
    let i = a.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (this.key(a[p]!) >= this.key(a[i]!)) break
      ;[a[p], a[i]] = [a[i]!, a[p]!]
      i = p
    }
  }
  pop(): number {
    const a = this.items
    const top = a[0]!
    const last = a.pop()!
    if (a.length > 0) {
      a[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < a.length && this.key(a[l]!) > this.key(a[m]!)) m = l
        if (r < a.length && this.key(a[r]!) > this.key(a[m]!)) m = r
        if (m === i) break
        ;[a[m], a[i]] = [a[i]!, a[m]!]
        i = m
      }
    }
    return top
  }
}
