import type {AlignModel} from './align-keys'
import type {RowRange, TraceAlignment} from './alignment'

/**
 * Per row, the change of its time, for a flame view to colour: total (the call and what it
 * called) and self (the call's own time). B rows: B minus A (an inserted row: all its time);
 * A rows: the same for matched rows, minus its time for a removed one. ns; 0 outside the scope.
 */
export interface DiffFlameInput {
  deltaNsA: Float64Array
  deltaNsB: Float64Array
  selfDeltaNsA: Float64Array
  selfDeltaNsB: Float64Array
}

type TimeColumns = Pick<AlignModel, 'nodeCount' | 'parent' | 'startNs' | 'endNs'>

/** The time deltas of every row of both traces. */
export function diffFlameInput(
  alignment: TraceAlignment,
  a: TimeColumns,
  b: TimeColumns,
): DiffFlameInput {
  const selfA = scopedSelfTimes(a, alignment.scopeA)
  const selfB = scopedSelfTimes(b, alignment.scopeB)
  const out: DiffFlameInput = {
    deltaNsA: new Float64Array(a.nodeCount),
    deltaNsB: new Float64Array(b.nodeCount),
    selfDeltaNsA: new Float64Array(a.nodeCount),
    selfDeltaNsB: new Float64Array(b.nodeCount),
  }
  const duration = (m: TimeColumns, row: number) => m.endNs[row]! - m.startNs[row]!
  for (let y = alignment.scopeB.start; y < alignment.scopeB.end; y++) {
    const x = alignment.bToA[y]!
    out.deltaNsB[y] = duration(b, y) - (x >= 0 ? duration(a, x) : 0)
    out.selfDeltaNsB[y] = selfB[y]! - (x >= 0 ? selfA[x]! : 0)
  }
  for (let x = alignment.scopeA.start; x < alignment.scopeA.end; x++) {
    const y = alignment.aToB[x]!
    out.deltaNsA[x] = y >= 0 ? out.deltaNsB[y]! : -duration(a, x)
    out.selfDeltaNsA[x] = y >= 0 ? out.selfDeltaNsB[y]! : -selfA[x]!
  }
  return out
}

/** Each row's own time (its duration minus its children's), inside `scope`. */
export function scopedSelfTimes(
  model: {startNs: Float64Array; endNs: Float64Array; parent: Int32Array},
  scope: RowRange,
): Float64Array {
  const self = new Float64Array(model.startNs.length)
  for (let i = scope.start; i < scope.end; i++) {
    const d = model.endNs[i]! - model.startNs[i]!
    self[i]! += d
    const p = model.parent[i]!
    if (p >= scope.start && i > scope.start) self[p]! -= d
  }
  return self
}
