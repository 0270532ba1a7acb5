import {requestValidators} from '../../../shared/api/contract'
import type {TraceApi, TraceEvents} from '../../../shared/api/contract'
import {ApiError} from '../../../shared/api/errors'
import type {TraceInsights} from '../../../shared/insights/trace-insights'
import type {TraceRef} from '../../../shared/model/trace-ref'
import type {
  LoadProgress,
  LoadRequest,
  TraceHost,
  TraceOp,
  TraceOpArgs,
  TraceOpResult,
} from '../trace-host'

/**
 * What the service needs of the trace host (fakes implement just this). `idle` is optional: the
 * service calls it at start to start the worker early (see TraceServiceOptions.startHost).
 */
export type HostHandle = Pick<
  TraceHost,
  'load' | 'loadPreview' | 'cancelLoad' | 'ask' | 'dispose'
> &
  Partial<Pick<TraceHost, 'idle'>>

/** How the trace queries reach the rest of the service. */
export interface TraceQueryDeps {
  /** The trace host, started on first use. */
  host(): HostHandle
  /** The store path of a project; throws ApiError for an unknown or broken project. */
  storePath(projectId: string): string
  /** Tell the pages how a load goes. */
  progressed(event: TraceEvents['traceLoadProgressed']): void
}

/** The API's questions about one trace, plus the source service's question (a file by id). */
export type TraceQueries = Pick<
  TraceApi,
  | 'loadTrace'
  | 'loadTracePreview'
  | 'cancelTraceLoad'
  | 'getNodeDetails'
  | 'findFrame'
  | 'getTraceInsights'
  | 'diffTraces'
> & {
  /** The recorded path of file `fileId` of a trace, or undefined if the trace names no such file. */
  recordedFile(trace: TraceRef, fileId: number): Promise<string | undefined>
  /** Ask the trace host any question about a trace (trace-ops). */
  ask<Op extends TraceOp>(
    op: Op,
    trace: TraceRef,
    args: TraceOpArgs<Op>,
  ): Promise<TraceOpResult<Op>>
}

/**
 * Every question about a trace, each naming its trace by a TraceRef: validated here, answered by
 * the trace host (the worker), which builds the trace when it does not have it. No state is kept
 * here about which trace was loaded last, so several traces (of several projects) may be open.
 */
export function createTraceQueries(deps: TraceQueryDeps): TraceQueries {
  const request = (trace: TraceRef): LoadRequest => ({
    storePath: deps.storePath(trace.projectId),
    traceId: trace.traceId,
    thread: trace.thread,
  })
  const progressOf =
    (trace: TraceRef) =>
    ({bytesRead, bytesTotal, records, fraction}: LoadProgress): void =>
      deps.progressed(
        fraction === undefined
          ? {trace, bytesRead, bytesTotal, records}
          : {trace, bytesRead, bytesTotal, records, fraction},
      )
  const ask = <Op extends TraceOp>(
    op: Op,
    trace: TraceRef,
    args: TraceOpArgs<Op>,
  ): Promise<TraceOpResult<Op>> => deps.host().ask(op, request(trace), args)

  return {
    async loadTrace(req) {
      const {trace, client} = requestValidators.loadTrace(req)
      return deps.host().load(request(trace), progressOf(trace), client)
    },

    async loadTracePreview(req) {
      const {trace, client} = requestValidators.loadTracePreview(req)
      return deps.host().loadPreview(request(trace), progressOf(trace), client)
    },

    async cancelTraceLoad(req) {
      const {trace, client} = requestValidators.cancelTraceLoad(req)
      return {cancelled: await Promise.resolve(deps.host().cancelLoad(request(trace), client))}
    },

    async getNodeDetails(req) {
      const {trace, nodeId} = requestValidators.getNodeDetails(req)
      return ask('details', trace, {nodeId})
    },

    async findFrame(req) {
      const {trace, frameId} = requestValidators.findFrame(req)
      const nodeId = await ask('findFrame', trace, {frameId})
      if (nodeId < 0) {
        throw new ApiError('not-found', `Frame ${frameId} is not in trace ${trace.traceId}`)
      }
      return {nodeId}
    },

    async getTraceInsights(req): Promise<TraceInsights> {
      const {trace} = requestValidators.getTraceInsights(req)
      return ask('insights', trace, {})
    },

    async diffTraces(req) {
      const {a, b, roots, noise} = requestValidators.diffTraces(req)
      return ask('diff', a, {other: request(b), roots, noise})
    },

    recordedFile: (trace, fileId) => ask('file', trace, {fileId}),
    ask,
  }
}
