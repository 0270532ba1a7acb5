import type {AlignModel} from './align-keys'
import {rootRows} from './align-trees'
import {DiffFlag, EditKind} from './alignment'
import type {TraceAlignment} from './alignment'

/** The shape columns the unified tree reads. */
export type TreeShape = Pick<AlignModel, 'nodeCount' | 'size' | 'parent'> & {depth: Uint16Array}

/**
 * The two traces as one tree, in pre-order: the diff view's rows.
 *
 * Entry k is a matched pair (`rowA[k]` and `rowB[k]` both ≥ 0), a row of B only (inserted:
 * `rowA` -1), a row of A only (removed: `rowB` -1), or the ghost of a moved subtree where it was
 * in A (`rowB` -1, `editA` moved; its rows are shown where they went, as pairs). Removed rows sit
 * where they were among their siblings, before the inserted rows at the same place.
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
  const layout = new Layout(alignment, a, b, out)
  const whole = (scope: {start: number; end: number}, model: TreeShape): boolean =>
    scope.start === 0 && scope.end === model.nodeCount
  if (whole(scopeA, a) && whole(scopeB, b)) layout.pushMerged(-1, rootRows(a), rootRows(b), 0)
  else layout.stack.push(PAIR, scopeA.start, scopeB.start, 0)
  layout.run()
  return out
}

/**
 * Whether entry k is shown when the view is collapsed to the changes: it differs or has a
 * difference below it, and is not inside an inserted or removed subtree (its root stands for it).
 * Returns the entries to show, in order.
 */
export function changeEntries(tree: UnifiedTree, alignment: TraceAlignment): Int32Array {
  const keep: number[] = []
  const inside = new InsideOneSided()
  for (let k = 0; k < tree.count; k++) {
    const x = tree.rowA[k]!
    const y = tree.rowB[k]!
    if (inside.skip(tree.depth[k]!, x < 0 || y < 0)) continue
    const edit = y >= 0 ? alignment.editB[y]! : alignment.editA[x]!
    // A pair's change may be below it on one side only (a row removed from A marks A's parent).
    const flags = (x >= 0 ? alignment.flagsA[x]! : 0) | (y >= 0 ? alignment.flagsB[y]! : 0)
    if (edit === EditKind.same && !(flags & (DiffFlag.changeBelow | DiffFlag.valuesChanged))) {
      continue
    }
    keep.push(k)
    if (x < 0 || y < 0) inside.enter(tree.depth[k]!)
  }
  return Int32Array.from(keep)
}

/**
 * Tracks whether a walk of the unified tree is inside an inserted or removed subtree, whose
 * one-sided rows the root stands for; pairs in it (moved calls) still count.
 */
export class InsideOneSided {
  private rootDepth = -1

  /** Whether to skip an entry at `depth` (one-sided or not); leaves the subtree when past it. */
  skip(depth: number, oneSided: boolean): boolean {
    if (this.rootDepth >= 0 && depth <= this.rootDepth) this.rootDepth = -1
    return this.rootDepth >= 0 && oneSided
  }

  /** An inserted or removed root at `depth` was listed. */
  enter(depth: number): void {
    if (this.rootDepth < 0) this.rootDepth = depth
  }
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
    const items = this.items
    items[this.top] = kind
    items[this.top + 1] = x
    items[this.top + 2] = y
    items[this.top + 3] = depth
    this.top += 4
  }

  pop(into: Int32Array): void {
    this.top -= 4
    into.set(this.items.subarray(this.top, this.top + 4))
  }
}

class Layout {
  readonly stack = new ItemStack()
  private readonly merged: number[] = []
  private readonly childrenA: number[] = []
  private readonly childrenB: number[] = []

  constructor(
    private readonly alignment: TraceAlignment,
    private readonly a: TreeShape,
    private readonly b: TreeShape,
    private readonly out: UnifiedTree,
  ) {}

  run(): void {
    const item = new Int32Array(4)
    const {flagsA, flagsB} = this.alignment
    while (this.stack.top > 0) {
      this.stack.pop(item)
      const [kind, x, y, depth] = item as unknown as [number, number, number, number]
      if (kind === PAIR) {
        // Nothing differs below: the two subtrees match row for row.
        if (
          !((flagsA[x]! | flagsB[y]!) & DiffFlag.changeBelow) &&
          this.a.size[x] === this.b.size[y]
        ) {
          this.emitBlock(x, y, this.a.size[x]!, depth)
        } else {
          this.emit(x, y, depth)
          this.pushMerged(
            x,
            this.children(this.a, x, this.childrenA),
            this.children(this.b, y, this.childrenB),
            depth + 1,
          )
        }
      } else if (kind === GHOST) {
        this.emit(x, -1, depth)
      } else {
        this.oneSided(kind, kind === A_ONLY ? x : y, depth)
      }
    }
  }

  private emit(x: number, y: number, depth: number): void {
    const k = this.out.count++
    this.out.rowA[k] = x
    this.out.rowB[k] = y
    this.out.depth[k] = depth
  }

  /** Rows x… and y… matched one for one, `rows` of them. */
  private emitBlock(x: number, y: number, rows: number, depth: number): void {
    const base = depth - this.a.depth[x]!
    for (let r = 0; r < rows; r++) this.emit(x + r, y + r, base + this.a.depth[x + r]!)
  }

  /**
   * An inserted (B_ONLY) or removed (A_ONLY) subtree: its rows in order, except that a row
   * matched elsewhere (moved in or out) becomes a pair or a ghost with its own subtree.
   */
  private oneSided(kind: number, root: number, depth: number): void {
    const model = kind === A_ONLY ? this.a : this.b
    const other = kind === A_ONLY ? this.alignment.aToB : this.alignment.bToA
    const end = root + model.size[root]!
    let clean = true
    for (let r = root; r < end && clean; r++) clean = other[r]! < 0
    if (clean) {
      const base = depth - model.depth[root]!
      for (let r = root; r < end; r++) {
        this.emit(kind === A_ONLY ? r : -1, kind === B_ONLY ? r : -1, base + model.depth[r]!)
      }
      return
    }
    this.emit(kind === A_ONLY ? root : -1, kind === B_ONLY ? root : -1, depth)
    const children = this.children(model, root, kind === A_ONLY ? this.childrenA : this.childrenB)
    for (let k = children.length - 1; k >= 0; k--) {
      const c = children[k]!
      const matched = other[c]!
      if (matched < 0) {
        this.stack.push(kind, kind === A_ONLY ? c : -1, kind === B_ONLY ? c : -1, depth + 1)
      } else if (kind === A_ONLY) this.stack.push(GHOST, c, -1, depth + 1)
      else this.stack.push(PAIR, matched, c, depth + 1)
    }
  }

  private children(model: TreeShape, row: number, into: number[]): number[] {
    into.length = 0
    const end = row + model.size[row]!
    for (let c = row + 1; c < end; c += model.size[c]!) into.push(c)
    return into
  }

  /** Push the merged children of the pair whose A row is `parentA` (-1: the roots). */
  pushMerged(
    parentA: number,
    ca: readonly number[] | Int32Array,
    cb: readonly number[] | Int32Array,
    depth: number,
  ): void {
    const {aToB, bToA, editA, editB} = this.alignment
    const items = this.merged
    items.length = 0
    let p = 0
    const loose = (c: number): boolean => aToB[c]! < 0 || editA[c] === EditKind.moved
    const fromA = (c: number): void => void items.push(aToB[c]! < 0 ? A_ONLY : GHOST, c, -1)
    for (const y of cb) {
      const x = bToA[y]!
      if (x < 0) {
        // Removed rows before inserted ones at the same place, as a unified diff lists them.
        while (p < ca.length && loose(ca[p]!)) fromA(ca[p++]!)
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
}
