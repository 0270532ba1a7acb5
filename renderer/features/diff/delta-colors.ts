import type {NoiseThreshold, RowRange} from '../../../shared/diff/alignment'

/**
 * The diff flame's colours: four steps of faster (blue, strongest first), unchanged (grey), four
 * steps of slower (red, weakest first), rows outside the compared subtree, and dimmed.
 */
export const DeltaColor = {same: 4, outside: 9, dimmed: 10} as const

/** How many colour indices the diff flame uses (below the chart's colorCount). */
export const deltaColorCount = 11

/** What a row's colour says: its time change, its own time or with what it called. */
export type DeltaBasis = 'total' | 'self'

/** One side's rows as the colouring reads them. */
export interface DeltaSide {
  /** Each row's time on this side (total or self, ns). */
  ownNs: Float64Array
  /** Each row's change, B minus A (diffFlameInput's deltaNs or selfDeltaNs for this side). */
  deltaNs: Float64Array
  /** The counterpart of each row on the other side, or -1 (aToB for A, bToA for B). */
  counterpart: Int32Array
  scope: RowRange
  side: 'a' | 'b'
}

/**
 * A colour index per row: unchanged within the noise; else faster or slower by a step that grows
 * with the square root of the change against the largest change on this side. An added (or
 * removed) row is always coloured: all its time is a change.
 */
export function deltaColorIndices(input: DeltaSide, noise: NoiseThreshold): Uint8Array {
  const {ownNs, deltaNs, counterpart, scope, side} = input
  const colors = new Uint8Array(ownNs.length).fill(DeltaColor.outside)
  let max = 0
  for (let i = scope.start; i < scope.end; i++) max = Math.max(max, Math.abs(deltaNs[i]!))
  // The steps at sqrt(|delta| / max) > 0.25, 0.5, 0.75, compared squared (no sqrt per row).
  const [t2, t3, t4] = [0.0625 * max, 0.25 * max, 0.5625 * max]
  const {minAbsNs, minRel} = noise
  for (let i = scope.start; i < scope.end; i++) {
    const delta = deltaNs[i]!
    const abs = delta < 0 ? -delta : delta
    if (abs === 0) {
      colors[i] = DeltaColor.same
      continue
    }
    if (counterpart[i]! >= 0) {
      // durationChange, inlined: both bounds must be passed (this loop runs per row of 1.7M).
      const own = ownNs[i]!
      const other = side === 'b' ? own - delta : own + delta
      if (abs < minAbsNs || abs < minRel * Math.max(own, other, 0)) {
        colors[i] = DeltaColor.same
        continue
      }
    }
    const step = abs > t4 ? 4 : abs > t3 ? 3 : abs > t2 ? 2 : 1
    colors[i] = delta > 0 ? DeltaColor.same + step : DeltaColor.same - step
  }
  return colors
}

/** Each row's duration (ns). */
export function totalTimes(model: {startNs: Float64Array; endNs: Float64Array}): Float64Array {
  const out = new Float64Array(model.startNs.length)
  for (let i = 0; i < out.length; i++) out[i] = model.endNs[i]! - model.startNs[i]!
  return out
}
