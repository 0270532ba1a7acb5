import type {FlameLayout, TreeColumns} from './flame-columns'
import type {FunctionTable} from './function-table'

/** Merged call-path nodes before layout: growable columns, in creation order. */
class MergedNodes {
  count = 0
  parent: number[] = []
  fn: number[] = []
  row: number[] = []
  depth: number[] = []
  flags: number[] = []
  total: number[] = []
  calls: number[] = []
  private readonly children = new Map<number, number>()

  constructor(private readonly fnCount: number) {}

  /** The child of `parent` (-1: a root) for function `fn`, created with `row` as representative. */
  child(parent: number, fn: number, row: number): number {
    const key = (parent + 1) * this.fnCount + fn
    let node = this.children.get(key)
    if (node === undefined) {
      node = this.count++
      this.children.set(key, node)
      this.parent.push(parent)
      this.fn.push(fn)
      this.row.push(row)
      this.depth.push(parent < 0 ? 0 : this.depth[parent]! + 1)
      this.flags.push(0)
      this.total.push(0)
      this.calls.push(0)
    }
    return node
  }

  add(node: number, durationNs: number, calls: number, flags: number): void {
    this.total[node]! += durationNs
    this.calls[node]! += calls
    this.flags[node]! |= flags
  }
}

/**
 * Lay merged nodes out as a flame chart: children heaviest first (ties: earliest call first),
 * each child starting where its previous sibling ended; returns the layout and old→new ids.
 */
function layOut(nodes: MergedNodes, model: TreeColumns): {layout: FlameLayout; newId: Int32Array} {
  const n = nodes.count
  const childCount = new Uint32Array(n + 1)
  for (let i = 0; i < n; i++) childCount[nodes.parent[i]! + 1]!++
  const first = new Uint32Array(n + 2)
  for (let i = 0; i <= n; i++) first[i + 1] = first[i]! + childCount[i]!
  const fill = first.slice(0, n + 1)
  const kids = new Uint32Array(n)
  for (let i = 0; i < n; i++) kids[fill[nodes.parent[i]! + 1]!++] = i
  const byWeight = (a: number, b: number): number =>
    nodes.total[b]! - nodes.total[a]! || nodes.row[a]! - nodes.row[b]!
  for (let p = 0; p <= n; p++) {
    if (first[p + 1]! - first[p]! > 1) kids.subarray(first[p], first[p + 1]).sort(byWeight)
  }
  const layout: FlameLayout = {
    nodeCount: n,
    depth: new Uint16Array(n),
    startNs: new Float64Array(n),
    endNs: new Float64Array(n),
    kind: new Uint8Array(n),
    flags: new Uint8Array(n),
    nameId: new Uint32Array(n),
    fileId: new Int32Array(n),
    line: new Uint32Array(n),
    parent: new Int32Array(n),
    size: new Uint32Array(n),
    row: new Int32Array(n),
    fn: new Uint32Array(n),
    calls: new Uint32Array(n),
    selfNs: new Float64Array(n),
    totalNs: 0,
  }
  const newId = new Int32Array(n)
  let next = 0
  // Iterative pre-order: the stack holds old ids with their start; children are pushed in reverse.
  const stack: number[] = []
  const stackStart: number[] = []
  const pushChildren = (slot: number, startNs: number): void => {
    let offset = startNs
    const starts: number[] = []
    for (let k = first[slot]!; k < first[slot + 1]!; k++) {
      starts.push(offset)
      offset += nodes.total[kids[k]!]!
    }
    for (let k = first[slot + 1]! - 1; k >= first[slot]!; k--) {
      stack.push(kids[k]!)
      stackStart.push(starts[k - first[slot]!]!)
    }
  }
  pushChildren(0, 0)
  while (stack.length > 0) {
    const old = stack.pop()!
    const startNs = stackStart.pop()!
    const id = next++
    newId[old] = id
    const row = nodes.row[old]!
    const total = nodes.total[old]!
    layout.depth[id] = nodes.depth[old]!
    layout.startNs[id] = startNs
    layout.endNs[id] = startNs + total
    layout.kind[id] = model.kind[row]!
    layout.flags[id] = nodes.flags[old]!
    layout.nameId[id] = model.nameId[row]!
    layout.fileId[id] = model.fileId[row]!
    layout.line[id] = model.line[row]!
    layout.row[id] = row
    layout.fn[id] = nodes.fn[old]!
    layout.calls[id] = nodes.calls[old]!
    layout.selfNs[id] = total
    const p = nodes.parent[old]!
    layout.parent[id] = p < 0 ? -1 : newId[p]!
    if (p < 0) layout.totalNs += total
    pushChildren(old + 1, startNs)
  }
  for (let id = n - 1; id >= 0; id--) {
    layout.size[id]! += 1
    const p = layout.parent[id]!
    if (p >= 0) {
      layout.size[p]! += layout.size[id]!
      layout.selfNs[p] = Math.max(0, layout.selfNs[p]! - (layout.endNs[id]! - layout.startNs[id]!))
    }
  }
  return {layout, newId}
}

/**
 * Merge identical call paths of the subtrees rooted at `roots` (model rows whose subtrees do not
 * overlap): a left-heavy flame chart of them. `layoutOfRow[row]` is the merged node a model row
 * went into, -1 for rows outside the subtrees.
 *
 * Roots with the same function merge into one node. Widths are summed durations (ns).
 */
export function mergeCallPaths(
  model: TreeColumns,
  fns: FunctionTable,
  roots: ArrayLike<number>,
): {layout: FlameLayout; layoutOfRow: Int32Array} {
  const nodes = new MergedNodes(fns.count)
  const merged = new Int32Array(model.nodeCount).fill(-1)
  for (let r = 0; r < roots.length; r++) {
    const root = roots[r]!
    const end = root + model.size[root]!
    for (let j = root; j < end; j++) {
      const parent = j === root ? -1 : merged[model.parent[j]!]!
      const node = nodes.child(parent, fns.fnOf[j]!, j)
      nodes.add(node, model.endNs[j]! - model.startNs[j]!, 1, model.flags[j]!)
      merged[j] = node
    }
  }
  const {layout, newId} = layOut(nodes, model)
  for (let j = 0; j < merged.length; j++) if (merged[j]! >= 0) merged[j] = newId[merged[j]!]!
  return {layout, layoutOfRow: merged}
}

/** The model's roots (depth-0 rows), in order. */
export function rootRows(model: TreeColumns): Uint32Array {
  const roots: number[] = []
  for (let i = 0; i < model.nodeCount; i += model.size[i]!) roots.push(i)
  return Uint32Array.from(roots)
}

/** The calls of `fn` that are not inside another call of it, in pre-order. */
export function outermostCalls(model: TreeColumns, fns: FunctionTable, fn: number): Uint32Array {
  const calls: number[] = []
  for (let i = 0; i < model.nodeCount;) {
    if (fns.fnOf[i] === fn) {
      calls.push(i)
      i += model.size[i]!
    } else i++
  }
  return Uint32Array.from(calls)
}

/** The left-heavy flame chart of a whole trace: identical call paths merged, heaviest first. */
export function buildLeftHeavy(model: TreeColumns, fns: FunctionTable) {
  return mergeCallPaths(model, fns, rootRows(model))
}

/** What `fn` calls: its outermost calls' subtrees merged into one root. */
export function buildCallees(model: TreeColumns, fns: FunctionTable, fn: number): FlameLayout {
  return mergeCallPaths(model, fns, outermostCalls(model, fns, fn)).layout
}

/**
 * Who calls `fn`: an inverted tree rooted at `fn` (depth 0), whose children are its callers,
 * their children the callers' callers, and so on; weights are the outermost calls' durations.
 */
export function buildCallers(model: TreeColumns, fns: FunctionTable, fn: number): FlameLayout {
  const nodes = new MergedNodes(fns.count)
  const calls = outermostCalls(model, fns, fn)
  const root = nodes.child(-1, fn, calls[0] ?? fns.firstRow[fn] ?? 0)
  // Calls with the same caller row share their whole upward path: walk it once per caller row.
  const byCaller = new Map<number, {weight: number; calls: number}>()
  for (const row of calls) {
    const duration = model.endNs[row]! - model.startNs[row]!
    nodes.add(root, duration, 1, model.flags[row]!)
    const caller = model.parent[row]!
    if (caller < 0) continue
    const entry = byCaller.get(caller) ?? {weight: 0, calls: 0}
    entry.weight += duration
    entry.calls++
    byCaller.set(caller, entry)
  }
  for (const [caller, entry] of byCaller) {
    let node = root
    for (let a = caller; a >= 0; a = model.parent[a]!) {
      node = nodes.child(node, fns.fnOf[a]!, a)
      nodes.add(node, entry.weight, entry.calls, model.flags[a]!)
    }
  }
  return layOut(nodes, model).layout
}
