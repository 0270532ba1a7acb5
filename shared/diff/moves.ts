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
 * A is scanned in pre-order and the biggest subtree wins; B's candidates are taken in order.
 */
export function detectMoves(search: MoveSearch): Moves {
  const {a, b, aToB, bToA} = search
  // B's unmatched rows by subtree hash, in pre-order.
  const candidates = new Map<number, number[]>()
  for (let y = b.scope.start; y < b.scope.end; y++) {
    if (bToA[y]! >= 0) continue
    const h = b.hashes.of(y)
    const list = candidates.get(h)
    if (list) list.push(y)
    else candidates.set(h, [y])
  }
  if (candidates.size === 0) return {a: new Int32Array(0), b: new Int32Array(0), count: 0}
  const cursor = new Map<number, number>()
  // Verifying candidates row by row is bounded: a pathological pair of traces stops the search.
  const budget = {rows: 4 * (a.scope.end - a.scope.start + b.scope.end - b.scope.start)}
  const movedA: number[] = []
  const movedB: number[] = []
  for (let x = a.scope.start; x < a.scope.end;) {
    if (aToB[x]! >= 0) {
      x++
      continue
    }
    const h = a.hashes.of(x)
    const list = candidates.get(h)
    const y = list ? takeCandidate(search, x, list, cursor, h, budget) : -1
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

// The first candidate, from the cursor on, that is still wholly unmatched and really the same.
function takeCandidate(
  search: MoveSearch,
  x: number,
  list: number[],
  cursor: Map<number, number>,
  hash: number,
  budget: {rows: number},
): number {
  const {a, b, aToB, bToA} = search
  for (let k = cursor.get(hash) ?? 0; k < list.length; k++) {
    const y = list[k]!
    const rows = b.size[y]!
    if (a.size[x] !== rows) continue
    if ((budget.rows -= rows) < 0) return -1
    let ok = true
    for (let r = 0; r < rows && ok; r++) {
      ok =
        bToA[y + r] === -1 &&
        aToB[x + r] === -1 &&
        a.keys[x + r] === b.keys[y + r] &&
        a.size[x + r] === b.size[y + r]
    }
    if (!ok) continue
    // Earlier entries are used up or did not fit this shape; skip the used prefix next time.
    if (k === (cursor.get(hash) ?? 0)) cursor.set(hash, k + 1)
    return y
  }
  return -1
}
