import type {LoadGate} from '../decode/load-gate'
import {ApiError} from '../../../shared/api/errors'
import type {
  IndexNotice,
  IndexPhase,
  IndexProgress,
} from '../../../shared/project-index/index-types'
import {decodeTraceBody} from '../decode'
import {traceInsights} from '../insights/trace-insights'
import {buildTraceModel} from '../model/build-trace'
import type {KoloStore, TraceStamp} from '../store'
import type {IndexWriter} from './index-writer'
import {defaultCaps} from './index-caps'
import {traceFacts} from './trace-facts'
import type {IndexCaps} from './index-caps'
import type {TraceFacts} from './trace-facts'

/** What a build tells its caller while it runs; every hook is optional. */
export interface BuildHooks {
  onProgress?(progress: IndexProgress): void
  onNotice?(notice: IndexNotice): void
  /** Traces written (indexed, failed or removed) since the last call; about every `sliceMs`. */
  onChanged?(traceIds: string[]): void
  /** Polled before each trace; true stops the build (what is written stays). */
  isCancelled?(): boolean
}

/** Options of a build. */
export interface BuildOptions {
  caps?: IndexCaps
  /** Only these traces (live updates): indexed if new or changed, removed if gone. */
  only?: readonly string[]
  /** Work this long, then yield to the event loop so queries and cancel messages run (ms). */
  sliceMs?: number
  /** How to yield; default setImmediate. */
  yieldNow?: () => Promise<void>
  /** Wait here, before each trace and while decoding one, while a trace the user opened loads. */
  gate?: LoadGate
}

/** How a build ended. */
export interface BuildResult {
  phase: IndexPhase
  /** Traces (re)indexed, failed to decode, removed, and left as they were (current). */
  indexed: number
  failed: number
  removed: number
  current: number
}

const nextTick = () => new Promise<void>(resolve => setImmediate(resolve))

/**
 * Bring a project's index up to date with its store: remove traces that are gone, index new and
 * changed ones (newest first, so the overview fills from the recent end), one trace at a time.
 *
 * Memory stays bounded: only one trace is read, decoded and built at a time, and what is kept of
 * it (TraceFacts) is bounded by IndexCaps; its transaction is committed before the next starts.
 * A trace that fails to decode is recorded with its error and a notice, and the build goes on;
 * one whose body cannot be read just now gets a notice and is tried again by the next build.
 * A store that vanishes ends the build with phase 'store-missing' and a notice; nothing already
 * indexed is removed for it.
 */
export async function syncIndex(
  writer: IndexWriter,
  store: KoloStore,
  hooks: BuildHooks = {},
  options: BuildOptions = {},
): Promise<BuildResult> {
  const caps = options.caps ?? defaultCaps
  const sliceMs = options.sliceMs ?? 10
  const yieldNow = options.yieldNow ?? nextTick
  const result: BuildResult = {phase: 'indexing', indexed: 0, failed: 0, removed: 0, current: 0}
  const progress = (phase: IndexPhase, done: number, total: number) =>
    hooks.onProgress?.({phase, done, total, failed: result.failed})
  let stamps: TraceStamp[]
  try {
    stamps = store.traceStamps()
  } catch (error) {
    return storeMissing(store, error, hooks, result)
  }
  const indexed = writer.indexedStamps()
  const wanted = options.only ? new Set(options.only) : undefined
  if (wanted) stamps = stamps.filter(s => wanted.has(s.id))
  const present = new Set(stamps.map(s => s.id))
  const gone = [...(wanted ?? indexed.keys())].filter(id => indexed.has(id) && !present.has(id))
  writer.removeTraces(gone)
  result.removed = gone.length
  const todo = stamps.filter(s => indexed.get(s.id) !== s.changeKey)
  result.current = stamps.length - todo.length
  let changed: string[] = [...gone]
  const flush = () => {
    if (changed.length > 0) hooks.onChanged?.(changed)
    changed = []
  }
  progress('indexing', 0, todo.length)
  let sliceStart = performance.now()
  let processed = 0
  for (const stamp of todo) {
    if (hooks.isCancelled?.()) {
      result.phase = 'cancelled'
      break
    }
    options.gate?.waitWhileLoading()
    const outcome = indexOne(store, stamp, caps, options.gate)
    if ('facts' in outcome) {
      writer.putTrace(stamp, outcome.facts)
      result.indexed++
      changed.push(stamp.id)
    } else if (outcome.read === 'gone') {
      if (storeGone(store)) {
        flush()
        return storeMissing(store, outcome.error, hooks, result)
      }
      // Deleted after we listed it: it is simply gone.
      writer.removeTraces([stamp.id])
      result.removed++
      changed.push(stamp.id)
    } else {
      // A body that does not decode is recorded (and tried again when it changes); one that
      // could not be read (a lock, a copy torn by a checkpoint) is tried again next build.
      if (outcome.read === 'ok') {
        writer.putFailure(stamp, outcome.error)
        changed.push(stamp.id)
      }
      result.failed++
      hooks.onNotice?.({
        level: 'warning',
        code: 'trace-failed',
        message: outcome.error,
        traceId: stamp.id,
      })
    }
    processed++
    if (performance.now() - sliceStart >= sliceMs) {
      flush()
      progress('indexing', processed, todo.length)
      await yieldNow()
      sliceStart = performance.now()
    }
  }
  if (result.phase !== 'cancelled') result.phase = 'done'
  if (result.removed > 0 || result.indexed > 0) writer.collectGarbage()
  flush()
  progress(result.phase, processed, todo.length)
  return result
}

type Outcome = {facts: TraceFacts} | {error: string; read: 'ok' | 'gone' | 'failed'}

/** Read, decode and build one trace and take its facts; errors become values. */
function indexOne(
  store: KoloStore,
  stamp: TraceStamp,
  caps: IndexCaps,
  gate: LoadGate | undefined,
): Outcome {
  let body
  try {
    body = readBody(store, stamp.id, gate)
  } catch (error) {
    const gone = error instanceof ApiError && error.code === 'not-found'
    return {error: messageOf(error), read: gone ? 'gone' : 'failed'}
  }
  try {
    // Every few thousand records, and between steps: a big trace being indexed gives way to
    // one being opened.
    const pause = gate && (() => gate.waitWhileLoading())
    const decoded = decodeTraceBody(body.bytes, {source: body.source, pause})
    pause?.()
    const built = buildTraceModel(decoded, {pause})
    pause?.()
    const insights = traceInsights(built)
    pause?.()
    return {facts: traceFacts(built, insights, caps)}
  } catch (error) {
    const message =
      error instanceof ApiError ? error.message : `${body.source}: ${messageOf(error)}`
    return {error: message, read: 'ok'}
  }
}

/**
 * A trace's body. A database blob is read a part at a time straight from the file when it can
 * be, giving way between parts to a trace being opened; else (a raw file, a changing database)
 * the store reads it whole.
 */
function readBody(
  store: KoloStore,
  traceId: string,
  gate: LoadGate | undefined,
): {bytes: Uint8Array; source: string} {
  const blob = gate && store.openTraceBlob?.(traceId)
  if (!blob) return store.readTraceBody(traceId)
  try {
    blob.stream.fill(blob.stream.length, () => gate.waitWhileLoading())
    if (blob.unchanged()) return {bytes: blob.stream.bytes, source: blob.source}
  } catch {
    // A chain that does not read as expected: SQLite reads it, or says what is wrong.
  } finally {
    blob.close()
  }
  return store.readTraceBody(traceId)
}

/** True when the store itself cannot be listed any more (deleted, moved away, unreadable). */
function storeGone(store: KoloStore): boolean {
  try {
    store.traceStamps()
    return false
  } catch {
    return true
  }
}

function storeMissing(
  store: KoloStore,
  error: unknown,
  hooks: BuildHooks,
  result: BuildResult,
): BuildResult {
  result.phase = 'store-missing'
  hooks.onNotice?.({
    level: 'error',
    code: 'store-missing',
    message: `${store.path}: the store cannot be read any more (${messageOf(error)}); the index keeps what it has`,
  })
  hooks.onProgress?.({phase: 'store-missing', done: 0, total: 0, failed: result.failed})
  return result
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
