import type {TraceInsights} from '../../../shared/insights/trace-insights'
import type {NodeDetails} from '../../../shared/model/node-details'
import {traceInsights} from '../insights/trace-insights'
import type {BuiltTrace} from '../model/build-trace'
import {findFrameRow, nodeDetails} from '../model/node-details'
import {recordedFile} from '../model/trace-files'

/**
 * The questions one may ask about a built trace, answered where the build lives (the trace worker,
 * or inline in tests). Each takes the built trace and a small JSON-safe argument and returns a
 * JSON-safe answer. Adding a question is adding a line here: the hosts and the worker protocol
 * carry any of them.
 */
export const traceOps = {
  /** The details of one node. */
  details: (built: BuiltTrace, args: {nodeId: number}): NodeDetails =>
    nodeDetails(built, args.nodeId),
  /** The insight panels' facts. */
  insights: (built: BuiltTrace, _args: Record<string, never>): TraceInsights =>
    traceInsights(built),
  /** The row of the frame with Kolo's frame_id, or -1 (deep links). */
  findFrame: (built: BuiltTrace, args: {frameId: string}): number =>
    findFrameRow(built, 0, args.frameId),
  /** The recorded path of a file the trace references, or undefined (the source service asks). */
  file: (built: BuiltTrace, args: {fileId: number}): string | undefined =>
    recordedFile(built, args.fileId),
}

/** The name of a question. */
export type TraceOp = keyof typeof traceOps

/** The argument of a question. */
export type TraceOpArgs<Op extends TraceOp> = Parameters<(typeof traceOps)[Op]>[1]

/** The answer to a question. */
export type TraceOpResult<Op extends TraceOp> = ReturnType<(typeof traceOps)[Op]>

/** Answer question `op` about a built trace. */
export function answer<Op extends TraceOp>(
  built: BuiltTrace,
  op: Op,
  args: TraceOpArgs<Op>,
): TraceOpResult<Op> {
  const run = traceOps[op] as (built: BuiltTrace, args: TraceOpArgs<Op>) => TraceOpResult<Op>
  return run(built, args)
}
