import type {TraceModel} from '../../shared/model/trace-model'
import {AnalysisCore} from './analysis-core'
import type {AnalysisInput, AnalysisMethod, AnalysisRequests} from './analysis-core'

type Pending = {resolve: (value: unknown) => void; reject: (error: Error) => void}

/**
 * The flame and graph views' handle on the analysis worker of one model.
 *
 * One worker per model, shared by every view (the app's resource cache keeps it with the model
 * and stops it when the model goes); the model's columns are copied to it once. Results of argument-free requests are memoized. Where no Worker exists (unit tests),
 * the same code runs in-thread.
 */
export class AnalysisClient {
  private readonly worker: Worker | undefined
  private readonly core: AnalysisCore | undefined
  private readonly pending = new Map<number, Pending>()
  private readonly memo = new Map<string, Promise<unknown>>()
  private nextId = 1

  constructor(readonly model: TraceModel) {
    const input: AnalysisInput = {
      nodeCount: model.nodeCount,
      depth: model.depth,
      startNs: model.startNs,
      endNs: model.endNs,
      kind: model.kind,
      flags: model.flags,
      nameId: model.nameId,
      fileId: model.fileId,
      line: model.line,
      parent: model.parent,
      size: model.size,
      strings: model.strings,
    }
    let worker: Worker | undefined
    try {
      worker =
        typeof Worker === 'undefined'
          ? undefined
          : new Worker(new URL('./analysis.worker.ts', import.meta.url), {type: 'module'})
    } catch {
      worker = undefined
    }
    this.worker = worker
    if (!worker) {
      this.core = new AnalysisCore(input)
      return
    }
    worker.onmessage = (event: MessageEvent) => {
      const msg = event.data as {id: number; ok: boolean; result?: unknown; message?: string}
      const entry = this.pending.get(msg.id)
      this.pending.delete(msg.id)
      if (msg.ok) entry?.resolve(msg.result)
      else entry?.reject(new Error(`analysis failed: ${msg.message ?? 'unknown error'}`))
    }
    worker.onerror = event => {
      for (const entry of this.pending.values()) entry.reject(new Error(event.message))
      this.pending.clear()
    }
    // Structured clone copies the columns: the page keeps drawing from its own.
    worker.postMessage({type: 'init', model: input})
  }

  /** Run one request in the worker (memoized when it takes no argument). */
  run<M extends AnalysisMethod>(
    method: M,
    req?: AnalysisRequests[M]['req'],
  ): Promise<AnalysisRequests[M]['res']> {
    const key = req === undefined ? method : undefined
    const cached = key === undefined ? undefined : this.memo.get(key)
    if (cached) return cached as Promise<AnalysisRequests[M]['res']>
    const promise = this.send(method, req)
    if (key !== undefined) this.memo.set(key, promise)
    return promise
  }

  private send<M extends AnalysisMethod>(
    method: M,
    req: unknown,
  ): Promise<AnalysisRequests[M]['res']> {
    if (this.core) {
      try {
        return Promise.resolve(this.core.run(method, req as never))
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)))
      }
    }
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, {resolve: resolve as (value: unknown) => void, reject})
      this.worker!.postMessage({type: 'run', id, method, req})
    })
  }

  /** Stop the worker; pending requests fail. */
  dispose(): void {
    this.worker?.terminate()
    for (const entry of this.pending.values()) entry.reject(new Error('analysis disposed'))
    this.pending.clear()
    this.memo.clear()
  }
}
