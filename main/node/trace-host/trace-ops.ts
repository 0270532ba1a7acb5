import {encodeTraceDiff} from '../../../shared/diff/diff-codec'
import type {TraceInsights} from '../../../shared/insights/trace-insights'
import type {NodeDetails} from '../../../shared/model/node-details'
import type {TestStyle} from '../../../shared/testgen/report'
import {builtSource} from '../diff/built-source'
import {diffTraces} from '../diff/diff-traces'
import {traceInsights} from '../insights/trace-insights'
import type {BuiltTrace} from '../model/build-trace'
import {findFrameRow, nodeDetails} from '../model/node-details'
import {recordedFile} from '../model/trace-files'
import {generateTestForTrace} from '../testgen/generate-for-trace'
import type {TraceTestResult} from '../testgen/generate-for-trace'
import type {LoadRequest} from './load-types'

/** What a question may use besides its own trace: other traces, built (or reused) on demand. */
export interface OpContext {
  build(req: LoadRequest): BuiltTrace
}

/**
 * The questions one may ask about a built trace, answered where the build lives (the trace worker,
 * or inline in tests). Each takes the built trace and a small argument and answers JSON-safe data
 * (or one ArrayBuffer, transferred). Adding a question is adding a line here: the hosts and the
 * worker protocol carry any of them.
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
  /** A test generated from a request (default: the first) or a frame of the trace. */
  generateTest: (built: BuiltTrace, args: GenerateTestArgs): Promise<TraceTestResult> =>
    generateTestForTrace({
      model: built.model,
      getDetails: nodeId => Promise.resolve(nodeDetails(built, nodeId)),
      target: args.nodeId,
      style: args.style,
      sourceRoot: args.sourceRoot,
      dbFile: args.dbFile,
      projectPath: args.projectPath,
    }),
  /** This trace (A) against another (B), framed by shared/diff/diff-codec. */
  diff: async (built: BuiltTrace, args: DiffArgs, ctx: OpContext): Promise<ArrayBuffer> => {
    const other = ctx.build(args.other)
    const diff = await diffTraces(builtSource(built), builtSource(other), {
      roots: args.roots,
      ...(args.noise ? {noise: args.noise} : {}),
    })
    return encodeTraceDiff(diff)
  },
}

/** What generateTest needs beyond the trace: where the project's code and schema are. */
export interface GenerateTestArgs {
  nodeId?: number
  style?: TestStyle
  sourceRoot: string
  dbFile?: string
  /** For the kolo-explorer:// link in the test's header. */
  projectPath: string
}

/** What diff needs beyond trace A: trace B, and optionally two executions to compare. */
export interface DiffArgs {
  other: LoadRequest
  roots?: {a: number; b: number}
  noise?: {minAbsNs?: number; minRel?: number}
}

/** The name of a question. */
export type TraceOp = keyof typeof traceOps

/** The argument of a question. */
export type TraceOpArgs<Op extends TraceOp> = Parameters<(typeof traceOps)[Op]>[1]

/** The answer to a question. */
export type TraceOpResult<Op extends TraceOp> = Awaited<ReturnType<(typeof traceOps)[Op]>>

/** Answer question `op` about a built trace. */
export function answer<Op extends TraceOp>(
  built: BuiltTrace,
  op: Op,
  args: TraceOpArgs<Op>,
  ctx: OpContext,
): TraceOpResult<Op> | Promise<TraceOpResult<Op>> {
  const run = traceOps[op] as (
    built: BuiltTrace,
    args: TraceOpArgs<Op>,
    ctx: OpContext,
  ) => TraceOpResult<Op> | Promise<TraceOpResult<Op>>
  return run(built, args, ctx)
}
