import {decodeModel, encodeModelShared} from '../../../shared/api/model-codec'
import {ApiError} from '../../../shared/api/errors'
import type {ByteSource} from '../decode/byte-source'
import {SourceChanged} from '../decode/byte-source'
import {ModelCache} from '../model-cache/model-cache'
import type {ModelKey} from '../model-cache/model-cache'
import type {OpenedEntry} from '../model-cache/opened-entry'
import {buildTraceModel} from '../model/build-trace'
import type {BuiltTrace} from '../model/build-trace'
import {openStore} from '../store'
import type {KoloStore} from '../store'
import type {BodyLocation} from '../store/types'
import type {SplitSkim} from '../decode/skim-split'
import {LoadGate} from '../decode/load-gate'
import {summarizeTrace} from '../summary/summarize'
import {LoadMeter} from './load-meter'
import {previewHook, readBody} from './read-body'
import {slimBuilt} from './slim-built'
import type {LoadHooks, LoadRequest} from './load-types'

export type {CancelCheck, LoadHooks, LoadProgress, LoadRequest} from './load-types'

/** Options of a TraceEngine. */
export interface EngineOptions {
  /** The user cache folder: summaries (openStore) and built models (model-cache/). */
  cacheDir?: string
  /** Built traces kept for details (default 3). */
  maxBuilt?: number
  /** Stores kept open (default 8). */
  maxStores?: number
  /** Bound of the model cache folder in bytes (default 2 GiB); 0 keeps no models on disk. */
  modelCacheBytes?: number
  /** A preview is made once the shown thread has this many records indexed (default 2,048). */
  previewRecords?: number
  /** Bodies this big or bigger are listed partial (openStore's summaryBodyLimit). */
  summaryBodyLimit?: number
  /** Skims half of a long record list on a second thread (the trace worker's skim helper). */
  split?: SplitSkim
  /** A LoadGate's buffer: loads are counted there, for the project index to wait on. */
  loadGate?: SharedArrayBuffer
}

/** The cache key of a built trace. */
export function builtKey(req: LoadRequest): string {
  return `${req.storePath}\u0000${req.traceId}\u0000${req.thread ?? ''}`
}

/** A trace kept in memory, with what it reads from, its body and its cache key. */
interface Kept {
  /** The built trace; undefined while the rest of its cache entry is still to be read. */
  built: BuiltTrace | undefined
  /** Its model, framed in shared memory: load() hands it out, every time, without a copy. */
  framed: SharedArrayBuffer
  /** The cache entry it came from, until its rest is read. */
  entry?: OpenedEntry
  /** Its body's size and its rows' record count, for progress. */
  byteLength: number
  records: number
  location: BodyLocation
  reader?: ByteSource
  cacheKey?: ModelKey
}

/** Whether two locations name the same bytes. */
function sameBody(a: BodyLocation, b: BodyLocation): boolean {
  return (
    a.storage === b.storage &&
    a.file === b.file &&
    a.sizeBytes === b.sizeBytes &&
    a.mtimeMs === b.mtimeMs &&
    a.ino === b.ino
  )
}

/**
 * Opens stores, decodes and builds traces, keeps a small LRU of built ones; synchronous.
 *
 * A built trace keeps its model and where its records are, not its body: details are read back
 * one record at a time from the raw file, or from the model cache's copy of a body stored where
 * it cannot be read by offset (a SQLite blob). Traces opened before are read back from the model
 * cache (the user cache folder) instead of being decoded again.
 *
 * Runs inside the trace worker, or inline (tests, no worker). Errors are ApiErrors.
 */
export class TraceEngine {
  readonly modelCache: ModelCache | undefined
  private readonly gate: LoadGate | undefined
  private readonly stores = new Map<string, KoloStore>()
  private readonly builtTraces = new Map<string, Kept>()
  private readonly pending: Generator<void, void>[] = []

  constructor(private readonly options: EngineOptions = {}) {
    const bytes = options.modelCacheBytes
    this.modelCache =
      options.cacheDir !== undefined && bytes !== 0
        ? new ModelCache({dir: options.cacheDir, maxBytes: bytes})
        : undefined
    this.gate = options.loadGate && new LoadGate(options.loadGate)
  }

  /**
   * Build (or reuse) a trace, checking `cancelled` between the steps and while decoding. With
   * `fresh`, a kept trace is reused only if its body is still the same (size, mtime, inode): a
   * page opening a trace gets the body as it is now, while questions about a model a page holds
   * are answered from the trace that model came from.
   */
  build(req: LoadRequest, hooks: LoadHooks = {}, fresh = false): BuiltTrace {
    try {
      return this.complete(this.kept(req, hooks, fresh))
    } catch (error) {
      if (!(error instanceof SourceChanged)) throw asApiError(error)
      // Its cache entry turned out damaged (and is removed): decoded and built again.
      this.forget(req)
      return this.complete(this.kept(req, hooks, fresh))
    }
  }

  /** The framed model of a trace (model-codec), as its body is now: built, or reused. */
  load(req: LoadRequest, hooks: LoadHooks = {}): SharedArrayBuffer {
    // Counted while it runs: the project index's build waits meanwhile.
    this.gate?.enter()
    try {
      return this.kept(req, hooks, true).framed
    } finally {
      this.gate?.leave()
    }
  }

  /** A trace kept (or now opened), maybe with the rest of its cache entry still to read. */
  private kept(req: LoadRequest, hooks: LoadHooks, fresh: boolean): Kept {
    const key = builtKey(req)
    let known = this.builtTraces.get(key)
    if (known && fresh && !sameBody(known.location, this.locate(req))) {
      this.forget(req)
      known = undefined
    }
    if (known) {
      this.builtTraces.delete(key)
      this.builtTraces.set(key, known)
      hooks.onProgress?.({
        bytesRead: known.byteLength,
        bytesTotal: known.byteLength,
        records: known.records,
        fraction: 1,
      })
      return known
    }
    hooks.cancelled?.()
    const store = this.store(req.storePath)
    for (let attempt = 0; ; attempt++) {
      try {
        return this.keep(key, this.open(req, store, hooks))
      } catch (error) {
        // The body changed between finding and reading it (Kolo rewrote it): once more.
        if (!(error instanceof SourceChanged) || attempt > 0) throw asApiError(error)
      }
    }
  }

  /** The model cache key of a trace's body as it is now (where it is, its size and mtime). */
  keyOf(req: LoadRequest): ModelKey {
    return modelKey(req, this.locate(req))
  }

  private locate(req: LoadRequest): BodyLocation {
    return this.store(req.storePath).locateTraceBody(req.traceId)
  }

  /** A built trace if it is kept in memory. */
  cached(req: LoadRequest): BuiltTrace | undefined {
    const kept = this.builtTraces.get(builtKey(req))
    return kept && this.complete(kept)
  }

  /** The kept trace's built trace, the rest of its cache entry read first if it is not yet. */
  private complete(kept: Kept): BuiltTrace {
    if (kept.built) return kept.built
    const {built, reader} = kept.entry!.finish()
    kept.built = built
    kept.reader = reader
    kept.entry = undefined
    return built
  }

  /** Read the rest of a kept trace's cache entry a section a step, unless a question did. */
  private *finishing(kept: Kept): Generator<void, void> {
    while (kept.entry?.step()) yield
    if (kept.entry?.done) this.complete(kept)
  }

  /**
   * Answer with a built trace; when its records turn out changed or its cache entry damaged
   * (SourceChanged), drop both and build it again, once.
   */
  withBuilt<T>(req: LoadRequest, answer: (built: BuiltTrace) => T): T {
    try {
      return answer(this.build(req))
    } catch (error) {
      if (!(error instanceof SourceChanged)) throw error
      this.forget(req)
      return answer(this.build(req))
    }
  }

  /** withBuilt for an answer that may settle later (it may still meet SourceChanged then). */
  async withBuiltAsync<T>(
    req: LoadRequest,
    answer: (built: BuiltTrace) => T | Promise<T>,
  ): Promise<T> {
    try {
      return await answer(this.build(req))
    } catch (error) {
      if (!(error instanceof SourceChanged)) throw error
      this.forget(req)
      return answer(this.build(req))
    }
  }

  /** Whether loads left work for later (model cache entries to write). */
  get busy(): boolean {
    return this.pending.length > 0
  }

  /**
   * Do a few MB of what loads left for later (writing model cache entries), after their answer
   * went out; true while more is left. The worker runs a step between questions, so a 500 MB
   * entry never holds an answer back for long.
   */
  step(): boolean {
    const work = this.pending[0]
    if (!work) return false
    try {
      if (work.next().done) this.pending.shift()
    } catch {
      // A cache write that fails costs a decode next time, nothing more.
      this.pending.shift()
    }
    return this.pending.length > 0
  }

  /** Do all of what loads left for later, now. */
  settle(): void {
    while (this.step()) {
      // each step writes a few MB
    }
  }

  /** Forget a built trace and its model cache entry. */
  forget(req: LoadRequest): void {
    const key = builtKey(req)
    const kept = this.builtTraces.get(key)
    if (!kept) return
    this.builtTraces.delete(key)
    release(kept)
    if (kept.cacheKey) this.modelCache?.drop(kept.cacheKey)
  }

  /** Close every store and drop every built trace. */
  close(): void {
    // Abandoned writes remove their temp files.
    for (const work of this.pending.splice(0)) work.return()
    for (const store of this.stores.values()) store.close()
    this.stores.clear()
    for (const kept of this.builtTraces.values()) release(kept)
    this.builtTraces.clear()
  }

  private keep(key: string, kept: Kept): Kept {
    this.builtTraces.set(key, kept)
    while (this.builtTraces.size > (this.options.maxBuilt ?? 3)) {
      const [oldest, old] = this.builtTraces.entries().next().value!
      this.builtTraces.delete(oldest)
      release(old)
    }
    return kept
  }

  /** From the model cache, else decoded and built (and queued for the cache). */
  private open(req: LoadRequest, store: KoloStore, hooks: LoadHooks): Kept {
    const location = store.locateTraceBody(req.traceId)
    const cacheKey = this.modelCache && modelKey(req, location)
    const hit = cacheKey && this.modelCache?.open(cacheKey, hooks.onPreview)
    if (hit) {
      const total = location.sizeBytes ?? hit.byteLength
      hooks.onProgress?.({bytesRead: total, bytesTotal: total, records: hit.records, fraction: 1})
      const kept: Kept = {
        built: undefined,
        framed: hit.framed,
        entry: hit,
        byteLength: hit.byteLength,
        records: hit.records,
        location,
        cacheKey,
      }
      // The model goes out first; the rest is read once it went, or when a question needs it.
      this.pending.push(this.finishing(kept))
      return kept
    }
    return this.decodeAndBuild(req, store, location, cacheKey, hooks)
  }

  private decodeAndBuild(
    req: LoadRequest,
    store: KoloStore,
    location: BodyLocation,
    cacheKey: ModelKey | undefined,
    hooks: LoadHooks,
  ): Kept {
    const meter = new LoadMeter(hooks.onProgress, hooks.cancelled)
    const prefix = previewHook(req, meter, hooks, this.options.previewRecords)
    const {decoded, reader, copy} = readBody(
      store,
      req,
      location,
      meter,
      prefix,
      this.options.split,
    )
    meter.building()
    const unframed = buildTraceModel(decoded, {thread: req.thread})
    hooks.cancelled?.()
    // Framed once, in shared memory: the kept model is what every load hands out.
    const framed = encodeModelShared(unframed.model)
    const built: BuiltTrace = {...unframed, model: decodeModel(framed)}
    if (req.thread === undefined) {
      try {
        store.rememberSummary(location, summarizeTrace(decoded))
      } catch {
        // The list reads it itself then.
      }
    }
    meter.done(built.records.length)
    const sizes = {byteLength: decoded.byteLength, records: built.records.length}
    const lean = slimBuilt(built, reader, req.thread)
    if (!lean) return {built, framed, ...sizes, location}
    if (cacheKey) this.queueWrite(cacheKey, req, lean, framed, location, copy)
    return {built: lean.built, framed, ...sizes, location, reader, cacheKey}
  }

  /** Write the cache entry later; a copied body is then read from there, not kept in memory. */
  private queueWrite(
    cacheKey: ModelKey,
    req: LoadRequest,
    lean: NonNullable<ReturnType<typeof slimBuilt>>,
    framed: SharedArrayBuffer,
    location: BodyLocation,
    copy: Uint8Array | undefined,
  ): void {
    const cache = this.modelCache!
    const builtTraces = this.builtTraces
    this.pending.push(
      (function* (): Generator<void, void> {
        const body =
          copy !== undefined || location.file === undefined
            ? {kind: 'copy' as const, bytes: copy ?? new Uint8Array(0)}
            : {
                kind: 'file' as const,
                file: location.file,
                identity: {
                  size: location.sizeBytes!,
                  mtimeMs: location.mtimeMs!,
                  ino: location.ino,
                },
              }
        const input = {...lean, framed, body, source: location.source}
        const written = yield* cache.writeSteps(cacheKey, input)
        const key = builtKey(req)
        const kept = builtTraces.get(key)
        if (!written || copy === undefined || kept?.built !== lean.built) return
        // Read the records from the cache's copy from now on: the body leaves memory.
        const reopened = cache.reopen(cacheKey, framed, lean.built.model)
        if (!reopened) return
        kept.reader?.close()
        builtTraces.set(key, {...kept, built: reopened.built, reader: reopened.reader})
      })(),
    )
  }

  private store(storePath: string): KoloStore {
    let store = this.stores.get(storePath)
    if (store) {
      this.stores.delete(storePath)
    } else {
      store = openStore(storePath, {
        cacheDir: this.options.cacheDir,
        summaryBodyLimit: this.options.summaryBodyLimit,
      })
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

/** The model cache key of a request's body. */
function modelKey(req: LoadRequest, location: BodyLocation): ModelKey {
  return {
    store: req.storePath,
    traceId: req.traceId,
    thread: req.thread ?? '',
    storage: location.storage,
    size: location.sizeBytes,
    mtimeMs: location.mtimeMs,
    ino: location.ino,
  }
}

function asApiError(error: unknown): unknown {
  if (error instanceof SourceChanged) {
    return new ApiError('unavailable', `${error.message}: the trace changed while it was read`)
  }
  return error
}

/** The error a superseded load rejects with. */
export function cancelledError(req: LoadRequest): ApiError {
  return new ApiError('cancelled', `Loading trace ${req.traceId} was cancelled by a newer load`)
}

/** Close what a kept trace holds open. */
function release(kept: Kept): void {
  kept.entry?.close()
  kept.entry = undefined
  kept.reader?.close()
}
