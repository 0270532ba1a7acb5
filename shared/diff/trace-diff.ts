import type {TraceAlignment} from './alignment'
import {alignmentBuffers} from './alignment'
import type {CallDiff} from './call-diff'
import type {EditList} from './edit-list'
import type {EventsDiff} from './events-diff'
import type {SqlDiff} from './sql-diff'
import type {DiffSummary} from './summary'
import type {UnifiedTree} from './unified-tree'

/** One of the two traces of a diff. */
export interface DiffTraceInfo {
  traceId: string
  name: string
  nodeCount: number
  durationNs: number
  /** The compared rows: the whole trace, or one execution's subtree. */
  scope: {start: number; end: number}
}

/**
 * The whole comparison of two traces: what `diffTraces` returns, the worker sends and the view
 * and the CLI show. JSON-safe except the typed arrays of `alignment` and `tree`, which a worker
 * transfers (`traceDiffBuffers`).
 */
export interface TraceDiff {
  a: DiffTraceInfo
  b: DiffTraceInfo
  summary: DiffSummary
  /** Nothing but time differs (what the CLI's exit code says). */
  identical: boolean
  alignment: TraceAlignment
  tree: UnifiedTree
  edits: EditList
  /** Matched calls whose values differ, in tree order (at most `maxCallDiffs`). */
  calls: CallDiff[]
  callsOmitted: number
  /** How many matched pairs had their details compared, and how many were left to the view. */
  compared: {pairs: number; skipped: number}
  /** Inbound requests and outbound calls matched in both, with what differs (status, headers, bodies). */
  http: CallDiff[]
  sql: SqlDiff
  events: EventsDiff
}

/** The buffers to list in a worker's transfer list when posting a TraceDiff. */
export function traceDiffBuffers(diff: TraceDiff): ArrayBuffer[] {
  const {rowA, rowB, depth} = diff.tree
  return [
    ...alignmentBuffers(diff.alignment),
    ...[rowA, rowB, depth].map(a => a.buffer as ArrayBuffer),
  ]
}
