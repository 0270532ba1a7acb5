/**
 * What an alignment of two traces (A, the before; B, the after) holds: per row of each, its
 * counterpart and how it changed, in typed arrays that cross a worker boundary as transfers.
 */

/** How a row changed, per row of A (`editA`) and of B (`editB`). */
export const EditKind = {
  /** Matched, and the model sees no difference (values may still differ: see call-diff). */
  same: 0,
  /** Matched, but its name (a query's parameters, a path) or error flags differ. */
  changed: 1,
  /** A row with no counterpart in B. */
  removed: 2,
  /** A B row with no counterpart in A. */
  inserted: 3,
  /** The root of a subtree found under another parent (or elsewhere among its siblings). */
  moved: 4,
  /** Outside the compared subtrees (alignSubtrees). */
  outside: 5,
} as const

/** One of the EditKind values. */
export type EditKindId = (typeof EditKind)[keyof typeof EditKind]

/** The name of an edit kind, as the JSON output and the UI say it. */
export type EditKindName = keyof typeof EditKind

/** Edit kind ids to names, indexed by id. */
export const editKindNames: readonly EditKindName[] = [
  'same',
  'changed',
  'removed',
  'inserted',
  'moved',
  'outside',
]

/** Bits per row (`flagsA`, `flagsB`). */
export const DiffFlag = {
  /** Some row below this one is not the same: the view keeps this row when collapsed. */
  changeBelow: 1,
  /** Slower than its counterpart by more than the noise threshold. */
  slower: 2,
  /** Faster than its counterpart by more than the noise threshold. */
  faster: 4,
  /** Its arguments, locals, return value or data differ (set by a details pass). */
  valuesChanged: 8,
} as const

/** A half-open range of rows: the compared part of a trace. */
export interface RowRange {
  start: number
  end: number
}

/** When a duration change is more than noise: both bounds must be passed. */
export interface NoiseThreshold {
  /** Absolute change in ns (default 1 ms). */
  minAbsNs: number
  /** Change relative to the slower of the two (default 0.2). */
  minRel: number
}

/** The default noise threshold: 1 ms and 20%. */
export const defaultNoise: NoiseThreshold = {minAbsNs: 1_000_000, minRel: 0.2}

/** Counts of an alignment. */
export interface AlignStats {
  rowsA: number
  rowsB: number
  matched: number
  changed: number
  /** Rows of A with no counterpart, and the subtrees they form. */
  removedRows: number
  removedSubtrees: number
  insertedRows: number
  insertedSubtrees: number
  moved: number
  slower: number
  faster: number
  /** How the sibling lists were solved (see SequenceAligner). */
  tables: number
  tableCells: number
  anchorRounds: number
  rankFallbacks: number
  /** Subtree pairs matched whole because they were identical. */
  identicalSubtrees: number
}

/**
 * The alignment of two traces, or of two subtrees of them.
 *
 * `aToB[i]` is the row of B matched to row i of A, or -1; `bToA` the reverse. Moved subtrees are
 * matched like any other (their roots have edit kind `moved`).
 */
export interface TraceAlignment {
  aToB: Int32Array
  bToA: Int32Array
  editA: Uint8Array
  editB: Uint8Array
  flagsA: Uint8Array
  flagsB: Uint8Array
  scopeA: RowRange
  scopeB: RowRange
  noise: NoiseThreshold
  stats: AlignStats
}

/** The buffers of an alignment, for a worker's transfer list. */
export function alignmentBuffers(alignment: TraceAlignment): ArrayBuffer[] {
  const {aToB, bToA, editA, editB, flagsA, flagsB} = alignment
  return [aToB, bToA, editA, editB, flagsA, flagsB].map(array => array.buffer as ArrayBuffer)
}

/** Whether a duration change from `aNs` to `bNs` passes the threshold; its sign if it does. */
export function durationChange(aNs: number, bNs: number, noise: NoiseThreshold): -1 | 0 | 1 {
  const delta = bNs - aNs
  const abs = Math.abs(delta)
  if (abs < noise.minAbsNs || abs < noise.minRel * Math.max(aNs, bNs)) return 0
  return delta > 0 ? 1 : -1
}

/** The counterpart of a row of one side: which rows a view fetches details of, as a pair. */
export function alignedPair(
  alignment: TraceAlignment,
  side: 'a' | 'b',
  row: number,
): {a?: number; b?: number} {
  const other = side === 'a' ? alignment.aToB[row] : alignment.bToA[row]
  const there = other === undefined || other < 0 ? undefined : other
  return side === 'a' ? {a: row, b: there} : {a: there, b: row}
}
