import type {NodeKindId} from './node-kind'

/**
 * A trace as a table of nodes in typed arrays: one row per node, in depth-first pre-order.
 *
 * Row i's subtree is rows i … i + size[i] - 1, so a subtree never needs a walk. Times are ns from
 * the trace's first record (`startNs`, `endNs`). Strings (names, files) live once in `strings`;
 * `nameId` and `fileId` index it (`fileId` -1: no file). `line` is the frame's first line (0: none),
 * `callLine` the line in the parent frame that made the call (0: unknown).
 */
export interface TraceModel {
  traceId: string
  nodeCount: number
  kind: Uint8Array // NodeKindId per row
  flags: Uint8Array // NodeFlag bits
  depth: Uint16Array
  parent: Int32Array // -1 for a root
  size: Uint32Array // rows in the subtree, this row included
  startNs: Float64Array
  endNs: Float64Array
  nameId: Uint32Array
  fileId: Int32Array
  line: Uint32Array
  callLine: Uint32Array
  strings: string[]
  meta: TraceMeta
}

/** The column names of a TraceModel, in wire order. */
export const modelColumns = [
  'kind',
  'flags',
  'depth',
  'parent',
  'size',
  'startNs',
  'endNs',
  'nameId',
  'fileId',
  'line',
  'callLine',
] as const

/** One column name. */
export type ModelColumn = (typeof modelColumns)[number]

/** What is known about the trace as a whole. */
export interface TraceMeta {
  traceId: string
  /** The name as Kolo names it: trace_name, the start_test record, or "METHOD path". */
  name: string
  /** Epoch ms of the first record (or of the trace's timestamp when it has none). */
  startedAtMs: number
  durationNs: number
  recordCount: number
  /** Kolo version that wrote the trace ("2.40.0"), if recorded. */
  koloVersion?: string
  /** How the body was encoded: 'msgpack-c2', 'msgpack-c1', 'json-b', 'json-a', 'kolo-v3'. */
  format: string
  source?: string
  commandLine?: string[]
  commitSha?: string
  /** The threads of the trace; the one shown is `threadKey`. */
  threads: ThreadInfo[]
  threadKey: string
  /** True when the body was damaged and what survived is shown (a torn v3 container). */
  recovered: boolean
  /** Problems met while building the tree (unmatched records, unknown types), for the UI to show. */
  warnings: string[]
  /**
   * Set on a preview (loadTracePreview): the model of the trace's first records only, while the
   * rest is still being read. Rows are the tree's first rows in order; spans still open end at the
   * last record read. `recordsTotal` is how many the shown thread has, when known.
   */
  partial?: {recordsRead: number; recordsTotal?: number}
}

/** One thread of a trace. */
export interface ThreadInfo {
  key: string
  name: string
  recordCount: number
  isMain: boolean
}

/** Node kind of row `i`, typed. */
export function kindOf(model: TraceModel, i: number): NodeKindId {
  return model.kind[i] as NodeKindId
}

/** The display name of row `i`. */
export function nameOf(model: TraceModel, i: number): string {
  return model.strings[model.nameId[i]!] ?? ''
}

/** The file of row `i`, or undefined. */
export function fileOf(model: TraceModel, i: number): string | undefined {
  const id = model.fileId[i]!
  return id < 0 ? undefined : model.strings[id]
}
