import type {RowRange} from './alignment'
import type {SubtreeHashes} from './subtree-hash'

/** One side of a move search. */
export interface MoveSide {
  size: Uint32Array
  keys: Int32Array
  hashes: SubtreeHashes
  scope: RowRange
}

/** What detectMoves reads and updates. */
export interface MoveSearch {
  a: MoveSide
  b: MoveSide
  aToB: Int32Array
  bToA: Int32Array
  /** Match the subtrees at x and y row for row (they have the same shape). */
  match(x: number, y: number): void
}

/** The roots of moved subtrees, pairwise (a[k] moved to b[k]). */
export interface Moves {
  a: Int32Array
  b: Int32Array
  count: number
}

/**
 * Pair unmatched subtrees of A with unmatched subtrees of B of the same shape and keys: a call
 * removed in one place and inserted in another (under another parent, or elsewhere among its
 * siblings) is one move, not a removal and an insertion.
 *
 * Any unmatched row may be the root of a move, not only the root of a removed or inserted subtree,
 * so calls that gained or lost a wrapper (a new helper function around old code) are found too.
 * A is scanned in pre-order, so the biggest subtree wins; B's candidates are taken in pre-order.
 * Candidates sit in a typed-array hash table (no object per row); verifying them row by row is
 * bounded, so a pathological pair of traces stops the search rather than the diff.
 */
export function detectMoves(search: MoveSearch): Moves {
  const {a, aToB} = search
  const table = new CandidateTable(search.b, search.bToA)
  if (table.count === 0) return {a: new Int32Array(0), b: new Int32Array(0), count: 0}
  let budget = 4 * (a.scope.end - a.scope.start + search.b.scope.end - search.b.scope.start)
  const movedA: number[] = []
  const movedB: number[] = []
  for (let x = a.scope.start; x < a.scope.end && budget > 0;) {
    if (aToB[x]! >= 0) {
      x++
      continue
    }
    let y = -1
    for (
      let slot = table.slotOf(a.hashes.of(x)), c = table.first(slot);
      c >= 0;
      c = table.next(c)
    ) {
      budget -= a.size[x]!
      if (sameUnmatched(search, x, c)) {
        y = c
        break
      }
      if (budget <= 0) break
    }
    if (y < 0) {
      x++
      continue
    }
    search.match(x, y)
    movedA.push(x)
    movedB.push(y)
    x += a.size[x]!
  }
  return {a: Int32Array.from(movedA), b: Int32Array.from(movedB), count: movedA.length}
}

// Both subtrees wholly unmatched, with the same keys and shape row for row.
function sameUnmatched(search: MoveSearch, x: number, y: number): boolean {
  const {a, b, aToB, bToA} = search
  const rows = b.size[y]!
  if (a.size[x] !== rows) return false
  for (let r = 0; r < rows; r++) {
    if (bToA[y + r] !== -1 || aToB[x + r] !== -1) return false
    if (a.keys[x + r] !== b.keys[y + r] || a.size[x + r] !== b.size[y + r]) return false
  }
  return true
}

/**
 * B's unmatched rows by subtree hash: open addressing on the hash, each slot a chain of rows in
 * pre-order. Rows matched since (by an earlier move) are dropped from a chain's head as met.
 */
class CandidateTable {
  readonly count: number
  private readonly hashes: Uint32Array
  private readonly heads: Int32Array
  private readonly chain: Int32Array
  private readonly mask: number

  constructor(
    private readonly side: MoveSide,
    private readonly bToA: Int32Array,
  ) {
    const {scope} = side
    let count = 0
    for (let y = scope.start; y < scope.end; y++) if (bToA[y]! < 0) count++
    this.count = count
    let capacity = 16
    while (capacity < count * 2) capacity *= 2
    this.mask = capacity - 1
    this.hashes = new Uint32Array(capacity)
    this.heads = new Int32Array(capacity).fill(-1)
    this.chain = new Int32Array(Math.max(0, scope.end - scope.start)).fill(-1)
    // Backwards, each row in front of its chain: the chains come out in pre-order.
    for (let y = scope.end - 1; y >= scope.start; y--) {
      if (bToA[y]! >= 0) continue
      const slot = this.slotOf(side.hashes.of(y))
      this.hashes[slot] = side.hashes.of(y)
      this.chain[y - scope.start] = this.heads[slot]!
      this.heads[slot] = y
    }
  }

  /** The slot of a hash: its own, or the empty one where it would go. */
  slotOf(hash: number): number {
    let slot = hash & this.mask
    while (this.heads[slot] !== -1 && this.hashes[slot] !== hash) slot = (slot + 1) & this.mask
    return slot
  }

  /** The first row of a slot's chain still unmatched (dropping matched ones), or -1. */
  first(slot: number): number {
    let y = this.heads[slot]!
    while (y >= 0 && this.bToA[y]! >= 0) y = this.chain[y - this.side.scope.start]!
    // -2: a used-up chain; its slot stays occupied so that probing goes past it.
    if (y !== this.heads[slot]) this.heads[slot] = y < 0 ? -2 : y
    return y < 0 ? -1 : y
  }

  next(y: number): number {
    return this.chain[y - this.side.scope.start]!
  }
}
