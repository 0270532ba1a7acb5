import type {AlignModel} from './align-keys'
import {rootRows} from './align-trees'
import {DiffFlag, EditKind} from './alignment'
import type {TraceAlignment} from './alignment'

/** The shape columns the unified tree reads. */
export type TreeShape = Pick<AlignModel, 'nodeCount' | 'size' | 'parent'>

/**
 * The two traces as one tree, in pre-order: the diff view's rows.
 *
 * Entry k is a matched pair (`rowA[k]` and `rowB[k]` both ≥ 0), a row of B only (inserted:
 * `rowA` -1), a row of A only (removed: `rowB` -1), or the ghost of a moved subtree where it was
 * in A (`rowB` -1, `editA` moved; its rows are shown where they went). Removed rows sit where
 * they were among their siblings, before the B rows that follow them.
 */
export interface UnifiedTree {
  count: number
  rowA: Int32Array
  rowB: Int32Array
  depth: Uint16Array
}

const PAIR = 0
const A_ONLY = 1
const B_ONLY = 2
const GHOST = 3

/** Lay the aligned traces out as one tree (iteratively: no recursion over depth). */
export function unifiedTree(alignment: TraceAlignment, a: TreeShape, b: TreeShape): UnifiedTree {
  const {scopeA, scopeB} = alignment
  const capacity = scopeA.end - scopeA.start + scopeB.end - scopeB.start
  const out: UnifiedTree = {
    count: 0,
    rowA: new Int32Array(capacity),
    rowB: new Int32Array(capacity),
    depth: new Uint16Array(capacity),
  }
  const stack = new ItemStack()
  const walker = new Walker(alignment, a, stack)
  const whole = (scope: {start: number; end: number}, model: TreeShape): boolean =>
    scope.start === 0 && scope.end === model.nodeCount
  if (whole(scopeA, a) && whole(scopeB, b)) {
    walker.pushMerged(rootRows(a), rootRows(b), -1, 0)
  } else {
    stack.push(PAIR, scopeA.start, scopeB.start, 0)
  }
  while (stack.top > 0) {
    const [kind, x, y, depth] = stack.pop()
    const k = out.count++
    out.rowA[k] = kind === B_ONLY ? -1 : x
    out.rowB[k] = kind === A_ONLY || kind === GHOST ? -1 : y
    out.depth[k] = depth
    if (kind === PAIR) {
      walker.pushMerged(walker.childrenOf(a, x), walker.childrenOf(b, y), x, depth + 1)
    } else if (kind === A_ONLY) walker.pushOneSide(A_ONLY, walker.childrenOf(a, x), depth + 1)
    else if (kind === B_ONLY) walker.pushOneSide(B_ONLY, walker.childrenOf(b, y), depth + 1)
  }
  return out
}

/**
 * The entries a view shows when collapsed to the changes: every entry that differs or has a
 * difference below it, except inside an inserted or removed subtree (its root stands for it).
 */
export function changeEntries(tree: UnifiedTree, alignment: TraceAlignment): Int32Array {
  const keep: number[] = []
  // The depth below which entries are hidden (inside an inserted or removed root); -1: none.
  let hiddenBelow = -1
  for (let k = 0; k < tree.count; k++) {
    const depth = tree.depth[k]!
    if (hiddenBelow >= 0 && depth > hiddenBelow) continue
    hiddenBelow = -1
    const x = tree.rowA[k]!
    const y = tree.rowB[k]!
    const edit = y >= 0 ? alignment.editB[y]! : alignment.editA[x]!
    const flags = y >= 0 ? alignment.flagsB[y]! : alignment.flagsA[x]!
    if (edit === EditKind.same && !(flags & (DiffFlag.changeBelow | DiffFlag.valuesChanged))) {
      continue
    }
    keep.push(k)
    if (x < 0 || y < 0) hiddenBelow = depth
  }
  return Int32Array.from(keep)
}

class ItemStack {
  top = 0
  private items = new Int32Array(256)

  push(kind: number, x: number, y: number, depth: number): void {
    if (this.top + 4 > this.items.length) {
      const grown = new Int32Array(this.items.length * 2)
      grown.set(this.items)
      this.items = grown
    }
    this.items.set([kind, x, y, depth], this.top)
    this.top += 4
  }

  pop(): [number, number, number, number] {
    this.top -= 4
    const t = this.top
    return [this.items[t]!, this.items[t + 1]!, this.items[t + 2]!, this.items[t + 3]!]
  }
}

class Walker {
  private readonly merged: number[] = []

  constructor(
    private readonly alignment: TraceAlignment,
    private readonly a: TreeShape,
    private readonly stack: ItemStack,
  ) {}

  childrenOf(model: TreeShape, row: number): Int32Array {
    const end = row + model.size[row]!
    const list: number[] = []
    for (let c = row + 1; c < end; c += model.size[c]!) list.push(c)
    return Int32Array.from(list)
  }

  /** Push the merged children of the pair whose A row is `parentA` (-1: the roots). */
  pushMerged(ca: Int32Array, cb: Int32Array, parentA: number, depth: number): void {
    const {aToB, bToA, editA, editB} = this.alignment
    const items = this.merged
    items.length = 0
    let p = 0
    const fromA = (c: number): void => {
      items.push(editA[c] === EditKind.moved || aToB[c]! >= 0 ? GHOST : A_ONLY, c, -1)
    }
    for (const y of cb) {
      const x = bToA[y]!
      if (x < 0) {
        // Removed rows before inserted ones at the same place, as a unified diff lists them.
        while (p < ca.length && (aToB[ca[p]!]! < 0 || editA[ca[p]!] === EditKind.moved)) {
          fromA(ca[p++]!)
        }
        items.push(B_ONLY, -1, y)
      } else if (
        editB[y] === EditKind.moved ||
        this.a.parent[x] !== parentA ||
        x < (ca[p] ?? Infinity)
      ) {
        // Moved in from elsewhere: its ghost stays where it was in A.
        items.push(PAIR, x, y)
      } else {
        while (p < ca.length && ca[p] !== x) fromA(ca[p++]!)
        p++
        items.push(PAIR, x, y)
      }
    }
    while (p < ca.length) fromA(ca[p++]!)
    for (let k = items.length - 3; k >= 0; k -= 3) {
      this.stack.push(items[k]!, items[k + 1]!, items[k + 2]!, depth)
    }
  }

  pushOneSide(kind: number, children: Int32Array, depth: number): void {
    for (let k = children.length - 1; k >= 0; k--) {
      const c = children[k]!
      this.stack.push(kind, kind === A_ONLY ? c : -1, kind === B_ONLY ? c : -1, depth)
    }
  }
}
