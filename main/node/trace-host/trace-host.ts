import {Worker} from 'node:worker_threads'
import {ApiError, unwrap} from '../../../shared/api/errors'
import type {BuiltTrace} from '../model/build-trace'
import {cancelledError, TraceEngine} from './trace-engine'
import type {LoadProgress, LoadRequest} from './trace-engine'
import {answer} from './trace-ops'
import type {TraceOp, TraceOpArgs, TraceOpResult} from './trace-ops'
import type {FromWorker, ToWorker, WorkerInit} from './worker-protocol'

export type {LoadProgress, LoadRequest} from './trace-engine'
export type {TraceOp, TraceOpArgs, TraceOpResult} from './trace-ops'

/**
 * Loads trace models and answers questions about them (trace-ops), in a worker thread (or inline
 * for tests). Every request names its trace (store, trace id, thread): the host keeps no current
 * trace, and a trace it dropped from its cache is built again when asked about.
 */
export interface TraceHost {
  /**
   * The framed model (shared/api/model-codec) of one trace, transferred from the worker.
   *
   * A newer load from the same `client` (a page, a window; '' when not given) cancels that
   * client's older load still running: it rejects with ApiError('cancelled'). Other clients'
   * loads go on.
   */
  load(
    req: LoadRequest,
    onProgress?: (progress: LoadProgress) => void,
    client?: string,
  ): Promise<ArrayBuffer>
  /** Answer question `op` about a trace, building it first if it is not cached. */
  ask<Op extends TraceOp>(
    op: Op,
    req: LoadRequest,
    args: TraceOpArgs<Op>,
  ): Promise<TraceOpResult<Op>>
  /** The built trace itself, when cached; inline mode only (undefined with a worker). */
  built(req: LoadRequest): BuiltTrace | undefined
  /** Stop the worker (or close the inline engine); pending requests reject. */
  dispose(): Promise<void>
}

/** Options of createTraceHost. */
export interface TraceHostOptions {
  /** The built worker (dist/main/trace-worker.js); without it the host runs inline. */
  workerPath?: string
  /** Passed to openStore (its summary cache). */
  cacheDir?: string
}

/** Create a trace host: a worker thread when `workerPath` is given, else inline. */
export function createTraceHost(options: TraceHostOptions = {}): TraceHost {
  return options.workerPath
    ? new WorkerHost(options.workerPath, options.cacheDir)
    : new InlineHost(options.cacheDir)
}

const asApiError = (error: unknown): ApiError =>
  error instanceof ApiError
    ? error
    : new ApiError('internal', error instanceof Error ? error.message : String(error))

// Runs the engine in this thread, one macrotask per request, so a newer load still supersedes an
// older one that has not started.
class InlineHost implements TraceHost {
  private readonly engine: TraceEngine
  /** The latest load's number, per client. */
  private readonly generations = new Map<string, number>()
  private generation = 0

  constructor(cacheDir: string | undefined) {
    this.engine = new TraceEngine({cacheDir})
  }

  load(
    req: LoadRequest,
    onProgress?: (progress: LoadProgress) => void,
    client = '',
  ): Promise<ArrayBuffer> {
    const mine = ++this.generation
    this.generations.set(client, mine)
    const cancelled = () => {
      if (this.generations.get(client) !== mine) throw cancelledError(req)
    }
    const done = (): void => {
      // Forget a client whose latest load has settled (serve sees a new client per page load).
      if (this.generations.get(client) === mine) this.generations.delete(client)
    }
    return this.later(() => {
      cancelled()
      return this.engine.load(req, onProgress, cancelled)
    }).finally(done)
  }

  ask<Op extends TraceOp>(
    op: Op,
    req: LoadRequest,
    args: TraceOpArgs<Op>,
  ): Promise<TraceOpResult<Op>> {
    const context = {build: (other: LoadRequest) => this.engine.build(other)}
    return this.later(() => answer(this.engine.build(req), op, args, context))
  }

  built(req: LoadRequest): BuiltTrace | undefined {
    return this.engine.cached(req)
  }

  dispose(): Promise<void> {
    this.generation++
    this.engine.close()
    return Promise.resolve()
  }

  private later<T>(work: () => T | Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      setImmediate(() => {
        try {
          resolve(work())
        } catch (error) {
          reject(asApiError(error))
        }
      })
    }).catch((error: unknown) => {
      throw asApiError(error)
    })
  }
}

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: ApiError) => void
  onProgress?: (progress: LoadProgress) => void
  /** Set for loads: the flag the worker polls. */
  cancel?: Int32Array
  /** Set for loads: who asked (a newer load of the same client cancels this one). */
  client?: string
  req: LoadRequest
}

// Runs the engine in one worker thread; requests queue there in order.
class WorkerHost implements TraceHost {
  private worker: Worker | undefined
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  private disposed = false

  constructor(
    private readonly workerPath: string,
    private readonly cacheDir: string | undefined,
  ) {}

  load(
    req: LoadRequest,
    onProgress?: (progress: LoadProgress) => void,
    client = '',
  ): Promise<ArrayBuffer> {
    for (const [id, p] of this.pending) {
      if (!p.cancel || p.client !== client) continue
      Atomics.store(p.cancel, 0, 1)
      this.pending.delete(id)
      p.reject(cancelledError(p.req))
    }
    const cancel = new SharedArrayBuffer(4)
    return this.request(id => ({type: 'load', id, req, cancel}), {
      req,
      onProgress,
      cancel: new Int32Array(cancel),
      client,
    }) as Promise<ArrayBuffer>
  }

  ask<Op extends TraceOp>(
    op: Op,
    req: LoadRequest,
    args: TraceOpArgs<Op>,
  ): Promise<TraceOpResult<Op>> {
    return this.request(id => ({type: 'ask', id, req, op, args}), {req}) as Promise<
      TraceOpResult<Op>
    >
  }

  built(): BuiltTrace | undefined {
    return undefined
  }

  async dispose(): Promise<void> {
    this.disposed = true
    this.failAll(new ApiError('unavailable', 'The trace worker was shut down'))
    const worker = this.worker
    this.worker = undefined
    if (worker) await worker.terminate()
  }

  private request(
    message: (id: number) => ToWorker,
    pending: Omit<Pending, 'resolve' | 'reject'>,
  ): Promise<unknown> {
    if (this.disposed) {
      return Promise.reject(new ApiError('unavailable', 'The trace worker was shut down'))
    }
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, {...pending, resolve, reject})
      const worker = this.ensureWorker()
      worker.ref()
      worker.postMessage(message(id))
    })
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker
    const init: WorkerInit = {cacheDir: this.cacheDir}
    const worker = new Worker(this.workerPath, {workerData: init})
    worker.on('message', (message: FromWorker) => this.onMessage(message))
    worker.on('error', error => this.lost(worker, `the trace worker failed: ${error.message}`))
    worker.on('exit', code => this.lost(worker, `the trace worker exited (code ${code})`))
    this.worker = worker
    return worker
  }

  private onMessage(message: FromWorker): void {
    const p = this.pending.get(message.id)
    if (!p) return // a cancelled load finishing, or failing, after all
    if (message.type === 'progress') {
      p.onProgress?.(message.progress)
      return
    }
    this.pending.delete(message.id)
    if (this.pending.size === 0) this.worker?.unref()
    try {
      p.resolve(unwrap(message))
    } catch (error) {
      p.reject(asApiError(error))
    }
  }

  private lost(worker: Worker, why: string): void {
    if (worker !== this.worker) return
    this.worker = undefined
    if (!this.disposed) this.failAll(new ApiError('internal', `${this.workerPath}: ${why}`))
  }

  private failAll(error: ApiError): void {
    const all = [...this.pending.values()]
    this.pending.clear()
    for (const p of all) p.reject(error)
  }
}
