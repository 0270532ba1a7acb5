import {ApiError} from '../../../shared/api/errors'
import type {BuiltTrace} from '../model/build-trace'
import {cancelledError, TraceEngine} from './trace-engine'
import type {LoadProgress, LoadRequest} from './trace-engine'
import {answer} from './trace-ops'
import type {TraceOp, TraceOpArgs, TraceOpResult} from './trace-ops'
import {Flights, asApiError} from './flights'
import type {Flight} from './flights'
import {WorkerHost} from './worker-host'
import type {WorkerInit} from './worker-protocol'

export type {LoadProgress, LoadRequest} from './trace-engine'
export type {TraceOp, TraceOpArgs, TraceOpResult} from './trace-ops'

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
  ): Promise<ArrayBuffer>
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
  ): Promise<ArrayBuffer>
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
}

/** Create a trace host: a worker thread when `workerPath` is given, else inline. */
export function createTraceHost(options: TraceHostOptions = {}): TraceHost {
  const init: WorkerInit = {
    cacheDir: options.cacheDir,
    modelCacheBytes: options.modelCacheBytes,
    previewRecords: options.previewRecords,
  }
  return options.workerPath ? new WorkerHost(options.workerPath, init) : new InlineHost(init)
}

// Runs the engine in this thread, one macrotask per request, so a newer load still supersedes an
// older one that has not started.
class InlineHost implements TraceHost {
  private readonly engine: TraceEngine
  private readonly flights = new Flights()
  private disposed = false

  constructor(init: WorkerInit) {
    this.engine = new TraceEngine(init)
  }

  load(
    req: LoadRequest,
    onProgress?: (progress: LoadProgress) => void,
    client = '',
  ): Promise<ArrayBuffer> {
    const flight = this.flights.join(req, client, onProgress, f => this.start(f), noop)
    return this.flights.claim(flight, client)
  }

  loadPreview(
    req: LoadRequest,
    onProgress?: (progress: LoadProgress) => void,
    client = '',
  ): Promise<ArrayBuffer> {
    return this.flights.join(req, client, onProgress, f => this.start(f), noop).preview
  }

  cancelLoad(req: LoadRequest, client = ''): boolean {
    // The engine polls the flight's `settled` between steps (see start).
    return this.flights.cancel(req, client, noop)
  }

  ask<Op extends TraceOp>(
    op: Op,
    req: LoadRequest,
    args: TraceOpArgs<Op>,
  ): Promise<TraceOpResult<Op>> {
    const context = {build: (other: LoadRequest) => this.engine.build(other)}
    return this.later(() =>
      this.engine.withBuiltAsync(req, built => answer(built, op, args, context)),
    )
  }

  built(req: LoadRequest): BuiltTrace | undefined {
    return this.engine.cached(req)
  }

  idle(): Promise<void> {
    return this.later(() => this.engine.settle())
  }

  dispose(): Promise<void> {
    this.disposed = true
    for (const flight of this.flights.running()) {
      flight.fail(new ApiError('unavailable', 'The trace host was shut down'))
    }
    this.engine.close()
    return Promise.resolve()
  }

  private start(flight: Flight): void {
    const cancelled = (): void => {
      if (flight.settled) throw cancelledError(flight.req)
    }
    this.later(() => {
      cancelled()
      return this.engine.load(flight.req, {
        onProgress: flight.onProgress,
        onPreview: model => flight.offerPreview(model),
        cancelled,
      })
    }).then(
      model => flight.done(model),
      (error: unknown) => flight.fail(asApiError(error)),
    )
  }

  private writing = false

  private writeLater(): void {
    if (this.writing || !this.engine.busy) return
    this.writing = true
    const tick = (): void => {
      if (!this.disposed && this.engine.step()) setImmediate(tick)
      else this.writing = false
    }
    setImmediate(tick)
  }

  private later<T>(work: () => T | Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      setImmediate(() => {
        if (this.disposed) {
          reject(new ApiError('unavailable', 'The trace host was shut down'))
          return
        }
        try {
          resolve(work())
        } catch (error) {
          reject(asApiError(error))
        }
        // Model cache writes wait until the answer is out, then go a few MB a step.
        this.writeLater()
      })
    }).catch((error: unknown) => {
      throw asApiError(error)
    })
  }
}

const noop = (): void => undefined
