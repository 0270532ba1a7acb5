import type {LoadProgress, LoadRequest} from './load-types'
import type {BuiltTrace} from '../model/build-trace'
import type {TraceOp, TraceOpArgs, TraceOpResult} from './trace-ops'
import type {FramedModel} from '../../../shared/api/model-codec'

/**
 * Loads trace models and answers questions about them (trace-ops), in a worker thread (or inline
 * for tests). Every request names its trace (store, trace id, thread): the host keeps no current
 * trace, and a trace it dropped from its cache is built again (or read from the model cache).
 *
 * Loads are per client (a page, a window; '' when not given): a client's load of the trace it
 * is already loading joins that load, a load of another trace cancels it (ApiError 'cancelled');
 * other clients' loads go on.
 */
export interface TraceHost {
  /** The framed model (shared/api/model-codec) of one trace, transferred from the worker. */
  load(
    req: LoadRequest,
    onProgress?: (progress: LoadProgress) => void,
    client?: string,
  ): Promise<FramedModel>
  /**
   * A framed model of the trace's first rows, from the client's load of it in flight (or one it
   * starts): the tree's first screen while a big body is still read. When the whole model is
   * ready first (a small or cached trace), that is the answer: its meta has no `partial`. A
   * preview (meta.partial set) is followed by load() of the same trace, which joins this load.
   * Progress goes to the listener of whichever call started the load.
   */
  loadPreview(
    req: LoadRequest,
    onProgress?: (progress: LoadProgress) => void,
    client?: string,
  ): Promise<FramedModel>
  /** Cancel the client's load of a trace while it runs; false when none was running. */
  cancelLoad(req: LoadRequest, client?: string): boolean
  /** Answer question `op` about a trace, building it first if it is not cached. */
  ask<Op extends TraceOp>(
    op: Op,
    req: LoadRequest,
    args: TraceOpArgs<Op>,
  ): Promise<TraceOpResult<Op>>
  /** The built trace itself, when cached; inline mode only (undefined with a worker). */
  built(req: LoadRequest): BuiltTrace | undefined
  /** Resolves once what loads left for later (model cache writes) is done. */
  idle(): Promise<void>
  /** Stop the worker (or close the inline engine); pending requests reject. */
  dispose(): Promise<void>
}

/** Options of createTraceHost. */
export interface TraceHostOptions {
  /** The built worker (dist/main/trace-worker.js); without it the host runs inline. */
  workerPath?: string
  /** The user cache folder: summaries and built models. */
  cacheDir?: string
  /** EngineOptions.modelCacheBytes (0: no model cache). */
  modelCacheBytes?: number
  /** EngineOptions.previewRecords. */
  previewRecords?: number
  /** A LoadGate's buffer: loads are counted there, for the project index to wait on. */
  loadGate?: SharedArrayBuffer
}
