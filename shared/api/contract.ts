import type {NodeDetails} from '../model/node-details'
import type {TraceRef} from '../model/trace-ref'
import type {ProjectSummary, TraceSummary} from '../model/trace-summary'
import {diffBinaryMethods, diffRequestValidators} from './diff-contract'
import type {DiffApi} from './diff-contract'
import {insightsRequestValidators} from './insights-contract'
import type {InsightsApi} from './insights-contract'
import {projectIndexEventNames, projectIndexRequestValidators} from './project-index-contract'
import type {ProjectIndexApi, ProjectIndexEvents} from './project-index-contract'
import {projectsEventNames, projectsRequestValidators} from './projects-contract'
import type {ProjectsApi, ProjectsEvents} from './projects-contract'
import {sourceRequestValidators} from './source-contract'
import type {SourceApi} from './source-contract'
import {testGenRequestValidators} from './testgen-contract'
import type {TestGenApi} from './testgen-contract'
import type {FramedModel} from './model-codec'
import {int, obj, optional, str, traceRef} from './validate'
import type {Validator} from './validate'

/**
 * Everything the UI may ask of the backend. One plain-object argument, one promised result.
 *
 * Results are JSON-safe, except `loadTrace` and `loadTracePreview`, whose model is framed by
 * model-codec (in the backend, it may be shared memory a worker keeps; a page gets a copy).
 * A trace is named by a TraceRef in every call that concerns one; the service keeps no "current
 * trace". Files and nodes are named by their id in that trace, never by path.
 */
export interface TraceApi
  extends InsightsApi, SourceApi, ProjectsApi, ProjectIndexApi, TestGenApi, DiffApi {
  /** The projects open in this session (serve: those named on the command line, or the demo). */
  listProjects(req: Record<string, never>): Promise<ProjectSummary[]>
  /** A page of a project's traces, newest first, and how many there are in all. */
  listTraces(req: {projectId: string; offset?: number; limit?: number}): Promise<TracePage>
  /**
   * The columnar model of one trace (one thread of it; default: the main thread, as Kolo picks it).
   * `client` names the asking page or window: its newer load cancels its older one still running
   * (ApiError 'cancelled'), while other clients' loads go on.
   */
  loadTrace(req: {trace: TraceRef; client?: string}): Promise<FramedModel>
  /**
   * The tree's first rows while a big trace is still read (or read back from the model cache),
   * framed like loadTrace: from the client's load of that trace in flight, or one this starts.
   * When the whole model is ready first (a small trace, one already in memory) that is the
   * answer, and its `meta.partial` is unset. A preview (`meta.partial` set: records read so far
   * and in all) is followed by loadTrace of the same trace and client, which joins the same
   * load: one read.
   * Its progress arrives as traceLoadProgressed (`fraction` for "loading x%").
   */
  loadTracePreview(req: {trace: TraceRef; client?: string}): Promise<FramedModel>
  /**
   * Stop the client's load of a trace while it runs (the user's Cancel): its loadTrace and
   * loadTracePreview reject with ApiError 'cancelled'. `cancelled` is false when nothing of
   * that trace was loading for that client (already done, or another trace).
   */
  cancelTraceLoad(req: {trace: TraceRef; client?: string}): Promise<{cancelled: boolean}>
  /** The details of one node of a trace (built again if the worker dropped it). */
  getNodeDetails(req: {trace: TraceRef; nodeId: number}): Promise<NodeDetails>
  /** The node of a trace whose Kolo frame_id is `frameId` (ApiError 'not-found' if none). */
  findFrame(req: {trace: TraceRef; frameId: string}): Promise<{nodeId: number}>
}

/** Backend-to-UI notifications, named in the past tense. */
export interface TraceEvents extends ProjectsEvents, ProjectIndexEvents {
  /** Progress of a loadTrace call: bytes read of the body, records decoded so far. */
  traceLoadProgressed: {
    trace: TraceRef
    bytesRead: number
    bytesTotal: number
    records: number
    /** How far the whole load is, 0 to 1 (read, decode, build): "loading x%". */
    fraction?: number
  }
  /** New traces were committed to the store. */
  traceAdded: {projectId: string; traceIds: string[]}
  /** Traces were deleted from the store. */
  traceRemoved: {projectId: string; traceIds: string[]}
  /** A project was added, removed, replaced or failed: refetch its summary. */
  projectChanged: {projectId: string}
}

/** One page of a trace list. */
export interface TracePage {
  traces: TraceSummary[]
  total: number
  offset: number
}

/** The names of the API's methods. */
export type ApiMethod = keyof TraceApi

/** The names of the API's events. */
export type ApiEvent = keyof TraceEvents

const projectId = str(200)

/** One validator per method; `satisfies` turns a missing or extra method into a type error. */
export const requestValidators = {
  listProjects: obj({}),
  listTraces: obj({projectId, offset: optional(int(0)), limit: optional(int(1, 10_000))}),
  loadTrace: obj({trace: traceRef, client: optional(str(100))}),
  loadTracePreview: obj({trace: traceRef, client: optional(str(100))}),
  cancelTraceLoad: obj({trace: traceRef, client: optional(str(100))}),
  getNodeDetails: obj({trace: traceRef, nodeId: int(0, 2 ** 31)}),
  findFrame: obj({trace: traceRef, frameId: str(200)}),
  ...insightsRequestValidators,
  ...sourceRequestValidators,
  ...projectsRequestValidators,
  ...projectIndexRequestValidators,
  ...testGenRequestValidators,
  ...diffRequestValidators,
} satisfies {[M in ApiMethod]: Validator<unknown>}

/** The method names, for adapters that generate one route or channel per method. */
export const apiMethods = Object.keys(requestValidators) as ApiMethod[]

/** The event names, for adapters that forward events. */
export const apiEvents: ApiEvent[] = [
  'traceLoadProgressed',
  'traceAdded',
  'traceRemoved',
  'projectChanged',
  ...projectsEventNames,
  ...projectIndexEventNames,
]

/** Methods whose result is an ArrayBuffer (or shared memory) rather than JSON. */
export const binaryMethods: ReadonlySet<ApiMethod> = new Set<ApiMethod>([
  'loadTrace',
  'loadTracePreview',
  ...diffBinaryMethods,
])

/** A subscription to the API's events, as both transports deliver them. */
export interface EventSource {
  on<E extends ApiEvent>(event: E, listener: (payload: TraceEvents[E]) => void): () => void
}

/** The API plus its events: what the renderer's store is given. */
export type TraceClient = TraceApi & EventSource
