/**
 * Keyboard moves over a flame chart's rectangles: to the parent, the first child, the previous
 * or next sibling. The rows are a tree in depth-first pre-order with subtree sizes, as both a
 * trace model and a merged layout (left heavy, callers, callees) are.
 */
export interface FlameTree {
  nodeCount: number
  parent: Int32Array
  size: Uint32Array
  depth: Uint16Array | Uint8Array | Uint32Array
}

/** A move of the selection. */
export type FlameMove = 'parent' | 'child' | 'previous' | 'next' | 'first'

/** The row a move goes to from `row` (-1: none selected), or -1 when there is nowhere to go. */
export function flameMove(tree: FlameTree, row: number, move: FlameMove): number {
  const n = tree.nodeCount
  if (n === 0) return -1
  if (row < 0 || row >= n || move === 'first') return 0
  switch (move) {
    case 'parent':
      return tree.parent[row]!
    case 'child':
      return tree.size[row]! > 1 ? row + 1 : -1
    case 'next': {
      const next = row + tree.size[row]!
      return next < siblingsEnd(tree, row) ? next : -1
    }
    case 'previous': {
      let prev = -1
      for (let c = siblingsStart(tree, row); c < row; c += tree.size[c]!) prev = c
      return prev
    }
  }
}

/** Where a row is: its level (from 1), its place among its siblings, its children. */
export interface FlamePlace {
  level: number
  position: number
  siblings: number
  children: number
}

/** The place of `row` in the tree, for a screen reader ("level 3, 2 of 5, 4 calls inside"). */
export function flamePlace(tree: FlameTree, row: number): FlamePlace {
  let position = 0
  let siblings = 0
  const end = siblingsEnd(tree, row)
  for (let c = siblingsStart(tree, row); c < end; c += tree.size[c]!) {
    siblings++
    if (c === row) position = siblings
  }
  let children = 0
  for (let c = row + 1; c < row + tree.size[row]!; c += tree.size[c]!) children++
  return {level: tree.depth[row]! + 1, position, siblings, children}
}

/** The words a live region says for a place: "level 3, 2 of 5, 4 calls inside". */
export function placeText(place: FlamePlace): string {
  const inside =
    place.children === 0
      ? 'no calls inside'
      : `${place.children} call${place.children === 1 ? '' : 's'} inside`
  return `level ${place.level}, ${place.position} of ${place.siblings}, ${inside}`
}

function siblingsStart(tree: FlameTree, row: number): number {
  const p = tree.parent[row]!
  return p < 0 ? 0 : p + 1
}

function siblingsEnd(tree: FlameTree, row: number): number {
  const p = tree.parent[row]!
  return p < 0 ? tree.nodeCount : p + tree.size[p]!
}

/** Whether flame columns carry the tree links the moves need. */
export function isFlameTree(cols: object): cols is FlameTree {
  return 'parent' in cols && 'size' in cols && 'depth' in cols
}
