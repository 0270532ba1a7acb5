import type {FlameColumns} from './flame-columns'

/**
 * Rows grouped by depth, each group ordered by start: what makes drawing and hit-testing O(log n).
 *
 * Group d is `rows[offsets[d]] … rows[offsets[d + 1] - 1]`. `maxEnd[k]` is the largest end among
 * the group's entries up to k, so it never decreases within a group even where rows overlap
 * (a malformed or unfinished trace), and a binary search over it is always valid.
 */
export interface DepthIndex {
  depthCount: number
  offsets: Uint32Array
  rows: Uint32Array
  maxEnd: Float64Array
}

/** Build the depth index of some flame columns. */
export function buildDepthIndex(cols: FlameColumns): DepthIndex {
  const n = cols.nodeCount
  let depthCount = 0
  for (let i = 0; i < n; i++) depthCount = Math.max(depthCount, cols.depth[i]! + 1)
  const offsets = new Uint32Array(depthCount + 1)
  for (let i = 0; i < n; i++) offsets[cols.depth[i]! + 1]!++
  for (let d = 0; d < depthCount; d++) offsets[d + 1]! += offsets[d]!
  const fill = offsets.slice(0, depthCount)
  const rows = new Uint32Array(n)
  // Pre-order visits each depth's rows in start order when siblings are ordered and children lie
  // inside their parents, which both Kolo trees and merged layouts are; sort only where not.
  for (let i = 0; i < n; i++) rows[fill[cols.depth[i]!]!++] = i
  const maxEnd = new Float64Array(n)
  for (let d = 0; d < depthCount; d++) {
    const lo = offsets[d]!
    const hi = offsets[d + 1]!
    let sorted = true
    for (let k = lo + 1; k < hi && sorted; k++) {
      sorted = cols.startNs[rows[k]!]! >= cols.startNs[rows[k - 1]!]!
    }
    if (!sorted) {
      const group = Array.from(rows.subarray(lo, hi)).sort(
        (a, b) => cols.startNs[a]! - cols.startNs[b]! || a - b,
      )
      rows.set(group, lo)
    }
    let max = -Infinity
    for (let k = lo; k < hi; k++) {
      max = Math.max(max, cols.endNs[rows[k]!]!)
      maxEnd[k] = max
    }
  }
  return {depthCount, offsets, rows, maxEnd}
}

/**
 * Position (in `index.rows`) of the first row at `depth` that ends after `timeNs`, or the group's
 * end if none does.
 *
 * Times are ns in the columns' domain. A row ending exactly at `timeNs` is not visible after it.
 */
export function firstVisibleNode(index: DepthIndex, depth: number, timeNs: number): number {
  if (depth < 0 || depth >= index.depthCount) return 0
  let lo = index.offsets[depth]!
  let hi = index.offsets[depth + 1]!
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (index.maxEnd[mid]! > timeNs) hi = mid
    else lo = mid + 1
  }
  return lo
}

/**
 * The row at `depth` under `timeNs`, or -1. Where none covers it, a row within `toleranceNs`
 * (the nearest), so that a rectangle under a pixel stays clickable.
 */
export function hitTest(
  index: DepthIndex,
  cols: FlameColumns,
  depth: number,
  timeNs: number,
  toleranceNs = 0,
): number {
  if (depth < 0 || depth >= index.depthCount) return -1
  const end = index.offsets[depth + 1]!
  let best = -1
  let bestDistance = Infinity
  for (let k = firstVisibleNode(index, depth, timeNs - toleranceNs); k < end; k++) {
    const row = index.rows[k]!
    const start = cols.startNs[row]!
    if (start > timeNs + toleranceNs) break
    const stop = cols.endNs[row]!
    const distance = timeNs < start ? start - timeNs : timeNs >= stop ? timeNs - stop : 0
    // Later rows win ties, so the innermost of overlapping rows is picked.
    if (distance <= bestDistance && distance <= toleranceNs) {
      best = row
      bestDistance = distance
    }
  }
  return best
}
