import {encodeModel} from '../../../shared/api/model-codec'
import {ApiError} from '../../../shared/api/errors'
import {decodeTraceBody} from '../decode/decode-trace-body'
import {openStore} from '../store'
import type {KoloStore} from '../store'
import {buildTraceModel} from '../model/build-trace'
import type {BuiltTrace} from '../model/build-trace'

/** Which trace (and thread) of which store. */
export interface LoadRequest {
  storePath: string
  traceId: string
  thread?: string
}

/** Progress of a load: the body's bytes, then records indexed while decoding. */
export interface LoadProgress {
  bytesRead: number
  bytesTotal: number
  records: number
}

/** Options of a TraceEngine. */
export interface EngineOptions {
  /** Passed to openStore (summary cache). */
  cacheDir?: string
  /** Built traces kept for details (default 3). */
  maxBuilt?: number
  /** Stores kept open (default 8). */
  maxStores?: number
}

/** Throws ApiError('cancelled') when the load was superseded. */
export type CancelCheck = () => void

/** The cache key of a built trace. */
export function builtKey(req: LoadRequest): string {
  return `${req.storePath}\u0000${req.traceId}\u0000${req.thread ?? ''}`
}

/**
 * Opens stores, decodes and builds traces, keeps a small LRU of built ones; synchronous.
 *
 * Runs inside the trace worker, or inline (tests, no worker). Errors are ApiErrors.
 */
export class TraceEngine {
  private readonly stores = new Map<string, KoloStore>()
  private readonly builtTraces = new Map<string, BuiltTrace>()

  constructor(private readonly options: EngineOptions = {}) {}

  /** Build (or reuse) a trace, checking `cancelled` between the steps and while decoding. */
  build(
    req: LoadRequest,
    onProgress?: (p: LoadProgress) => void,
    cancelled?: CancelCheck,
  ): BuiltTrace {
    const key = builtKey(req)
    const cached = this.builtTraces.get(key)
    if (cached) {
      this.builtTraces.delete(key)
      this.builtTraces.set(key, cached)
      const total = cached.decoded.byteLength
      onProgress?.({bytesRead: total, bytesTotal: total, records: cached.records.length})
      return cached
    }
    cancelled?.()
    const body = this.store(req.storePath).readTraceBody(req.traceId)
    const bytesTotal = body.bytes.length
    onProgress?.({bytesRead: bytesTotal, bytesTotal, records: 0})
    cancelled?.()
    const decoded = decodeTraceBody(body.bytes, {
      source: body.source,
      onProgress: records => {
        cancelled?.()
        onProgress?.({bytesRead: bytesTotal, bytesTotal, records})
      },
    })
    cancelled?.()
    const built = buildTraceModel(decoded, {thread: req.thread})
    cancelled?.()
    this.builtTraces.set(key, built)
    while (this.builtTraces.size > (this.options.maxBuilt ?? 3)) {
      this.builtTraces.delete(this.builtTraces.keys().next().value!)
    }
    return built
  }

  /** The framed model of a trace (model-codec), built or reused. */
  load(
    req: LoadRequest,
    onProgress?: (p: LoadProgress) => void,
    cancelled?: CancelCheck,
  ): ArrayBuffer {
    return encodeModel(this.build(req, onProgress, cancelled).model)
  }

  /** A built trace if it is cached. */
  cached(req: LoadRequest): BuiltTrace | undefined {
    return this.builtTraces.get(builtKey(req))
  }

  /** Close every store and drop every built trace. */
  close(): void {
    for (const store of this.stores.values()) store.close()
    this.stores.clear()
    this.builtTraces.clear()
  }

  private store(storePath: string): KoloStore {
    let store = this.stores.get(storePath)
    if (store) {
      this.stores.delete(storePath)
    } else {
      store = openStore(storePath, {cacheDir: this.options.cacheDir})
    }
    this.stores.set(storePath, store)
    while (this.stores.size > (this.options.maxStores ?? 8)) {
      const [oldest, old] = this.stores.entries().next().value!
      this.stores.delete(oldest)
      old.close()
    }
    return store
  }
}

/** The error a superseded load rejects with. */
export function cancelledError(req: LoadRequest): ApiError {
  return new ApiError('cancelled', `Loading trace ${req.traceId} was cancelled by a newer load`)
}
