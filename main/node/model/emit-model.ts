import {NodeFlag, NodeKind} from '../../../shared/model/node-kind'
import type {RecordTable} from '../decode/decoded-trace'
import {Mark, SETUP_KIND} from './tree-nodes'
import type {TreeNodes} from './tree-nodes'

/** The tree in DFS pre-order, with what the model and the details need. */
export interface EmittedTree {
  nodeCount: number
  kind: Uint8Array
  flags: Uint8Array
  depth: Uint16Array
  parent: Int32Array
  size: Uint32Array
  startNs: Float64Array
  endNs: Float64Array
  nameId: Uint32Array
  fileId: Int32Array
  line: Uint32Array
  callLine: Uint32Array
  openRecord: Int32Array
  closeRecord: Int32Array
  /** Build-order row → emitted row (-1: removed). Merged roots map to the root they joined. */
  newId: (row: number) => number
}

/**
 * Merge consecutive children of `base` that share a frame_id (§7.4).
 *
 * Trace points and flush placeholders split one frame into several roots this way. Children are
 * appended to the first, missing records copied, and the merged span is finished iff the later
 * part is.
 */
export function mergeRoots(nodes: TreeNodes, records: RecordTable, base: number): void {
  let prev = -1
  let prevFrameId = 0
  let c = nodes.firstChild[base]!
  while (c >= 0) {
    const next = nodes.nextSibling[c]!
    const open = nodes.openRec[c]!
    const frameId = open >= 0 ? records.frameKey(open) : 0
    if (
      prev >= 0 &&
      frameId !== 0 &&
      frameId === prevFrameId &&
      nodes.kind[prev] === nodes.kind[c]
    ) {
      for (let g = nodes.firstChild[c]!; g >= 0;) {
        const gNext = nodes.nextSibling[g]!
        nodes.appendChild(prev, g)
        g = gNext
      }
      if (nodes.closeRec[prev]! < 0) nodes.closeRec[prev] = nodes.closeRec[c]!
      nodes.startNs[prev] = Math.min(nodes.startNs[prev]!, nodes.startNs[c]!)
      nodes.endNs[prev] = Math.max(nodes.endNs[prev]!, nodes.endNs[c]!)
      const unfinished = nodes.flags[c]! & NodeFlag.unfinished
      nodes.flags[prev] =
        ((nodes.flags[prev]! | nodes.flags[c]!) & ~NodeFlag.unfinished) | unfinished
      nodes.marks[c]! |= Mark.merged
      nodes.parent[c] = prev // so newId can follow it
      // unlink c from base
      nodes.nextSibling[prev] = next
      if (nodes.lastChild[base] === c) nodes.lastChild[base] = prev
    } else {
      prev = c
      prevFrameId = frameId
    }
    c = next
  }
}

/**
 * Renumber the tree in DFS pre-order (§7.4), dropping what Kolo removes.
 *
 * Removed: django_setup/checks/create_test_db subtrees, and `<module>` frame spans (with their
 * subtrees) that are not roots. Spliced: `urllib3` outbound nodes directly under a `requests`
 * outbound node are replaced by their children. `isBase` tells which rows are roots' parents
 * (the super-root, thread roots); the super-root (row 0) itself is not emitted.
 */
export function emitTree(nodes: TreeNodes, isBase: (row: number) => boolean): EmittedTree {
  if (inPreOrder(nodes, isBase)) return inPlace(nodes)
  const cap = nodes.count
  const newId = new Int32Array(cap).fill(-1)
  const order = new Int32Array(cap)
  const parentNew = new Int32Array(cap)
  const depthNew = new Uint16Array(cap)
  let n = 0
  // Cursor stack: the next child to visit at each level, the emitted parent and depth there.
  const cursor: number[] = [nodes.firstChild[0]!]
  const levelParent: number[] = [-1]
  const levelDepth: number[] = [0]
  const levelBase: boolean[] = [true]
  while (cursor.length > 0) {
    const top = cursor.length - 1
    const c = cursor[top]!
    if (c < 0) {
      cursor.pop()
      levelParent.pop()
      levelDepth.pop()
      levelBase.pop()
      continue
    }
    cursor[top] = nodes.nextSibling[c]!
    const kind = nodes.kind[c]!
    const marks = nodes.marks[c]!
    if (kind === SETUP_KIND) continue
    if (kind === NodeKind.frame && marks & Mark.module && !levelBase[top]) continue
    const p = nodes.parent[c]!
    if (
      kind === NodeKind.outbound &&
      marks & Mark.urllib3 &&
      nodes.kind[p] === NodeKind.outbound &&
      nodes.marks[p]! & Mark.requests
    ) {
      newId[c] = levelParent[top]!
      cursor.push(nodes.firstChild[c]!)
      levelParent.push(levelParent[top]!)
      levelDepth.push(levelDepth[top]!)
      levelBase.push(false)
      continue
    }
    const id = n++
    newId[c] = id
    order[id] = c
    parentNew[id] = levelParent[top]!
    const depth = levelDepth[top]!
    depthNew[id] = depth
    cursor.push(nodes.firstChild[c]!)
    levelParent.push(id)
    levelDepth.push(depth < 0xffff ? depth + 1 : depth)
    levelBase.push(isBase(c))
  }
  // Merged roots live on through the root they joined.
  for (let r = 0; r < cap; r++) {
    if (nodes.marks[r]! & Mark.merged) newId[r] = newId[nodes.parent[r]!]!
  }
  return columns(nodes, n, order, parentNew, depthNew, newId)
}

/**
 * Whether the rows are already the emitted tree: nothing merged or removed. Rows are created in
 * pre-order (a node's subtree is created right after it), so then emitting is renumbering by one.
 */
function inPreOrder(nodes: TreeNodes, isBase: (row: number) => boolean): boolean {
  const {kind, marks, parent} = nodes
  for (let r = 1; r < nodes.count; r++) {
    const k = kind[r]!
    const m = marks[r]!
    if (k === SETUP_KIND || m & Mark.merged) return false
    if (k === NodeKind.frame && m & Mark.module && !isBase(parent[r]!)) return false
    if (k === NodeKind.outbound && m & Mark.urllib3) {
      const p = parent[r]!
      if (kind[p] === NodeKind.outbound && marks[p]! & Mark.requests) return false
    }
  }
  return true
}

/**
 * The emitted tree as views of the build's own columns (row r becomes r - 1): the common case
 * costs no copy of ~50 bytes per node. Columns much longer than the tree are copied instead, so
 * a model does not keep unused capacity.
 */
function inPlace(nodes: TreeNodes): EmittedTree {
  const n = nodes.count - 1
  const tight = nodes.kind.length <= nodes.count * 1.25
  const cut = <T extends Uint8Array | Int32Array | Uint32Array | Float64Array>(a: T): T =>
    (tight ? a.subarray(1, nodes.count) : a.slice(1, nodes.count)) as T
  const parent = nodes.parent
  for (let r = 1; r < nodes.count; r++) parent[r] = parent[r]! - 1
  const names = cut(nodes.nameId)
  const t: EmittedTree = {
    nodeCount: n,
    kind: cut(nodes.kind),
    flags: cut(nodes.flags),
    depth: new Uint16Array(n),
    parent: cut(parent),
    size: new Uint32Array(n).fill(1),
    startNs: cut(nodes.startNs),
    endNs: cut(nodes.endNs),
    // Name ids are never negative: the same bits as Uint32.
    nameId: new Uint32Array(names.buffer, names.byteOffset, n),
    fileId: cut(nodes.fileId),
    line: cut(nodes.line),
    callLine: cut(nodes.callLine),
    openRecord: cut(nodes.openRec),
    closeRecord: cut(nodes.closeRec),
    newId: row => (row > 0 && row <= n ? row - 1 : -1),
  }
  for (let id = 0; id < n; id++) {
    const p = t.parent[id]!
    t.depth[id] = p < 0 ? 0 : Math.min(t.depth[p]! + 1, 0xffff)
  }
  for (let id = n - 1; id > 0; id--) {
    const p = t.parent[id]!
    if (p >= 0) t.size[p]! += t.size[id]!
  }
  return t
}

function columns(
  nodes: TreeNodes,
  n: number,
  order: Int32Array,
  parentNew: Int32Array,
  depthNew: Uint16Array,
  newId: Int32Array,
): EmittedTree {
  const t: EmittedTree = {
    nodeCount: n,
    kind: new Uint8Array(n),
    flags: new Uint8Array(n),
    depth: depthNew.slice(0, n),
    parent: parentNew.slice(0, n),
    size: new Uint32Array(n),
    startNs: new Float64Array(n),
    endNs: new Float64Array(n),
    nameId: new Uint32Array(n),
    fileId: new Int32Array(n),
    line: new Uint32Array(n),
    callLine: new Uint32Array(n),
    openRecord: new Int32Array(n),
    closeRecord: new Int32Array(n),
    newId: row => (row >= 0 && row < newId.length ? newId[row]! : -1),
  }
  for (let id = 0; id < n; id++) {
    const r = order[id]!
    t.kind[id] = nodes.kind[r]!
    t.flags[id] = nodes.flags[r]!
    t.startNs[id] = nodes.startNs[r]!
    t.endNs[id] = nodes.endNs[r]!
    t.nameId[id] = nodes.nameId[r]!
    t.fileId[id] = nodes.fileId[r]!
    t.line[id] = nodes.line[r]!
    t.callLine[id] = nodes.callLine[r]!
    t.openRecord[id] = nodes.openRec[r]!
    t.closeRecord[id] = nodes.closeRec[r]!
    t.size[id] = 1
  }
  // Pre-order: every child comes after its parent, so one backward pass sums subtree sizes.
  for (let id = n - 1; id > 0; id--) {
    const p = t.parent[id]!
    if (p >= 0) t.size[p]! += t.size[id]!
  }
  return t
}
