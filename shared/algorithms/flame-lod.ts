import type {DepthIndex} from './depth-index'
import {firstVisibleNode} from './depth-index'
import type {FlameColumns} from './flame-columns'

/**
 * The rectangles of one depth after level-of-detail merging, in CSS px from the view's left edge.
 *
 * Entry k stands for `merged[k]` consecutive rows starting at `row[k]`; `merged` 1 is a row drawn
 * as itself. Buffers grow as needed and are reused between redraws, so a redraw allocates nothing.
 */
export interface RunBuffer {
  count: number
  row: Int32Array
  x0: Float64Array
  x1: Float64Array
  merged: Uint32Array
}

/** The horizontal mapping of a redraw: the view's left edge in ns, ns per CSS px, width in px. */
export interface HorizontalView {
  startNs: number
  nsPerPx: number
  widthPx: number
}

/** An empty run buffer. */
export function createRunBuffer(capacity = 256): RunBuffer {
  return {
    count: 0,
    row: new Int32Array(capacity),
    x0: new Float64Array(capacity),
    x1: new Float64Array(capacity),
    merged: new Uint32Array(capacity),
  }
}

function push(out: RunBuffer, row: number, x0: number, x1: number, merged: number): void {
  if (out.count === out.row.length) {
    const grown = createRunBuffer(out.row.length * 2)
    grown.row.set(out.row)
    grown.x0.set(out.x0)
    grown.x1.set(out.x1)
    grown.merged.set(out.merged)
    Object.assign(out, {row: grown.row, x0: grown.x0, x1: grown.x1, merged: grown.merged})
  }
  const k = out.count++
  out.row[k] = row
  out.x0[k] = x0
  out.x1[k] = x1
  out.merged[k] = merged
}

/** Position of the first entry in [lo, hi) of `index.rows` whose row starts at or after `timeNs`. */
function firstStartingAt(
  index: DepthIndex,
  cols: FlameColumns,
  lo: number,
  hi: number,
  timeNs: number,
): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (cols.startNs[index.rows[mid]!]! < timeNs) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Lay out the visible rows of one depth into `out`, merging runs of rows narrower than `minPx`.
 *
 * A row at least `minPx` wide is its own entry. A narrower one starts a run that takes every row
 * starting within `minPx` of it (found by binary search, so a dense stretch costs O(log n) per
 * pixel, not per row), except a last row that is itself wide enough. Stops at the right edge.
 * Returns `out.count`.
 */
export function layoutDepth(
  index: DepthIndex,
  cols: FlameColumns,
  depth: number,
  view: HorizontalView,
  minPx: number,
  out: RunBuffer,
): number {
  out.count = 0
  if (depth < 0 || depth >= index.depthCount || view.nsPerPx <= 0) return 0
  const {startNs, nsPerPx} = view
  const viewEndNs = startNs + view.widthPx * nsPerPx
  const end = index.offsets[depth + 1]!
  let k = firstVisibleNode(index, depth, startNs)
  while (k < end) {
    const row = index.rows[k]!
    const s = cols.startNs[row]!
    if (s >= viewEndNs) break
    const x0 = (s - startNs) / nsPerPx
    const x1 = (cols.endNs[row]! - startNs) / nsPerPx
    if (x1 - x0 >= minPx) {
      push(out, row, x0, x1, 1)
      k++
      continue
    }
    let next = firstStartingAt(index, cols, k + 1, end, startNs + (x0 + minPx) * nsPerPx)
    const last = index.rows[next - 1]!
    if (next - 1 > k && (cols.endNs[last]! - cols.startNs[last]!) / nsPerPx >= minPx) next--
    const runEndPx = (index.maxEnd[next - 1]! - startNs) / nsPerPx
    push(out, row, x0, Math.max(x1, runEndPx), next - k)
    k = next
  }
  return out.count
}
