/**
 * The columns a flame chart draws: one rectangle per row.
 *
 * A TraceModel is one (time order); a left-heavy or sandwich layout is another, with synthetic
 * times. Rows at one depth must not overlap for hit-testing to find a single row, but the depth
 * index tolerates overlaps (it keeps a running maximum of ends).
 */
export interface FlameColumns {
  nodeCount: number
  depth: Uint16Array
  startNs: Float64Array
  endNs: Float64Array
  kind: Uint8Array
  flags: Uint8Array
  nameId: Uint32Array
  fileId: Int32Array
  line: Uint32Array
}

/**
 * A merged layout (left heavy, callers, callees): FlameColumns plus what each merged row stands for.
 *
 * `row` is a representative TraceModel row (the first in pre-order), `fn` the function id in the
 * FunctionTable, `calls` how many model rows were merged into the row, `selfNs` their summed self
 * time. `totalNs` is the domain: the sum of the roots' widths.
 */
export interface FlameLayout extends FlameColumns {
  parent: Int32Array
  size: Uint32Array
  row: Int32Array
  fn: Uint32Array
  calls: Uint32Array
  selfNs: Float64Array
  totalNs: number
}

/** The columns of a TraceModel that the algorithms read (a TraceModel satisfies it). */
export interface TreeColumns extends FlameColumns {
  parent: Int32Array
  size: Uint32Array
  strings: string[]
}
