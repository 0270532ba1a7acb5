import {LoadGate} from '../decode/load-gate'
import {Worker} from 'node:worker_threads'
import {ApiError, unwrap} from '../../../shared/api/errors'
import type {BuiltTrace} from '../model/build-trace'
import {Flights, asApiError} from './flights'
import type {Flight} from './flights'
import type {LoadProgress, LoadRequest} from './load-types'
import type {TraceHost} from './trace-host-api'
import type {TraceOp, TraceOpArgs, TraceOpResult} from './trace-ops'
import type {FromWorker, ToWorker, WorkerInit} from './worker-protocol'
import type {FramedModel} from '../../../shared/api/model-codec'

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: ApiError) => void
  /** Set for loads: the flight it answers, and the flag the worker polls. */
  flight?: Flight
  cancel?: Int32Array
}

/** The trace host over one worker thread (trace-worker.ts); requests queue there in order. */
export class WorkerHost implements TraceHost {
  private worker: Worker | undefined
  private readonly pending = new Map<number, Pending>()
  private readonly flights = new Flights()
  private nextId = 1
  private disposed = false

  constructor(
    private readonly workerPath: string,
    private readonly init: WorkerInit,
  ) {}

  load(
    req: LoadRequest,
    onProgress?: (progress: LoadProgress) => void,
    client = '',
  ): Promise<FramedModel> {
    const flight = this.flights.join(
      req,
      client,
      onProgress,
      f => this.start(f),
      f => this.cancel(f),
    )
    return this.flights.claim(flight, client)
  }

  loadPreview(
    req: LoadRequest,
    onProgress?: (progress: LoadProgress) => void,
    client = '',
  ): Promise<FramedModel> {
    return this.flights.join(
      req,
      client,
      onProgress,
      f => this.start(f),
      f => this.cancel(f),
    ).preview
  }

  cancelLoad(req: LoadRequest, client = ''): boolean {
    return this.flights.cancel(req, client, f => this.cancel(f))
  }

  ask<Op extends TraceOp>(
    op: Op,
    req: LoadRequest,
    args: TraceOpArgs<Op>,
  ): Promise<TraceOpResult<Op>> {
    return this.request(id => ({type: 'ask', id, req, op, args}), {}) as Promise<TraceOpResult<Op>>
  }

  built(): BuiltTrace | undefined {
    return undefined
  }

  async idle(): Promise<void> {
    await this.request(id => ({type: 'idle', id}), {})
  }

  async dispose(): Promise<void> {
    this.disposed = true
    this.failAll(new ApiError('unavailable', 'The trace worker was shut down'))
    const worker = this.worker
    this.worker = undefined
    if (worker) await worker.terminate()
  }

  private start(flight: Flight): void {
    const cancel = new SharedArrayBuffer(4)
    this.request(id => ({type: 'load', id, req: flight.req, cancel, preview: true}), {
      flight,
      cancel: new Int32Array(cancel),
    }).then(
      model => flight.done(model as FramedModel),
      (error: unknown) => flight.fail(asApiError(error)),
    )
  }

  // The worker notices the flag at its next step; its answer is dropped.
  private cancel(flight: Flight): void {
    for (const [id, p] of this.pending) {
      if (p.flight !== flight) continue
      Atomics.store(p.cancel!, 0, 1)
      this.pending.delete(id)
    }
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
    const worker = new Worker(this.workerPath, {workerData: this.init})
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
      p.flight?.onProgress?.(message.progress)
      return
    }
    if (message.type === 'preview') {
      p.flight?.offerPreview(message.value)
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
    // A load it counted will not leave: let the project index go on.
    if (this.init.loadGate) new LoadGate(this.init.loadGate).reset()
    if (!this.disposed) this.failAll(new ApiError('internal', `${this.workerPath}: ${why}`))
  }

  private failAll(error: ApiError): void {
    const all = [...this.pending.values()]
    this.pending.clear()
    for (const p of all) p.reject(error)
    for (const flight of this.flights.running()) flight.fail(error)
  }
}
