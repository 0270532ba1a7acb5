import {ApiError} from '../../../shared/api/errors'
import type {BuiltTrace} from '../model/build-trace'
import {cancelledError, TraceEngine} from './trace-engine'
import type {LoadProgress, LoadRequest} from './load-types'
import type {TraceHost, TraceHostOptions} from './trace-host-api'
import {answer} from './trace-ops'
import type {TraceOp, TraceOpArgs, TraceOpResult} from './trace-ops'
import {Flights, asApiError} from './flights'
import type {Flight} from './flights'
import {WorkerHost} from './worker-host'
import type {WorkerInit} from './worker-protocol'
import type {FramedModel} from '../../../shared/api/model-codec'

export type {LoadProgress, LoadRequest} from './load-types'
export type {TraceHost, TraceHostOptions} from './trace-host-api'
export type {TraceOp, TraceOpArgs, TraceOpResult} from './trace-ops'

/** Create a trace host: a worker thread when `workerPath` is given, else inline. */
export function createTraceHost(options: TraceHostOptions = {}): TraceHost {
  const init: WorkerInit = {
    cacheDir: options.cacheDir,
    modelCacheBytes: options.modelCacheBytes,
    previewRecords: options.previewRecords,
    loadGate: options.loadGate,
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
  ): Promise<FramedModel> {
    const flight = this.flights.join(req, client, onProgress, f => this.start(f), noop)
    return this.flights.claim(flight, client)
  }

  loadPreview(
    req: LoadRequest,
    onProgress?: (progress: LoadProgress) => void,
    client = '',
  ): Promise<FramedModel> {
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
