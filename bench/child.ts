import Database from 'better-sqlite3'
import {Unpackr, addExtension} from 'msgpackr'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {decodeModel} from '../shared/api/model-codec'
import {createTraceHost} from '../main/node/trace-host/trace-host'
import {openStore} from '../main/node/store'
import {openInSpeedscope, writeEventedProfile} from './speedscope'

/**
 * What one benchmark child process measures. Each runs alone in its process, so
 * `process.resourceUsage().maxRSS` is that load's peak; it prints one JSON line.
 */

/** The figures a child reports. */
export interface ChildResult {
  ms: number
  /** CPU time (user + system, all threads) over the same span: steadier than wall time on a busy machine. */
  cpuMs?: number
  peakRssMb: number
  /** Heap + external bytes still held after the load (the built trace kept alive), per record. */
  bytesPerRecord?: number
  records?: number
  extra?: Record<string, number>
}

/** The measurements, by name. */
export type ChildMode = 'inline' | 'open' | 'baseline' | 'list' | 'speedscope'

// Twice: memory outside the heap (Buffers, ArrayBuffers) is freed by the collection after the one
// that found it unreachable.
const gc = (): void => {
  ;(globalThis as {gc?: () => void}).gc?.()
  ;(globalThis as {gc?: () => void}).gc?.()
}
const heldBytes = (): number => {
  const m = process.memoryUsage()
  return m.heapUsed + m.external
}
/**
 * This process's peak RSS. On Linux, VmHWM of /proc/self/status: getrusage's maxRSS survives
 * exec, so a child would report at least the RSS its parent (the bench, holding the generated
 * stores' bodies) had when it forked. Elsewhere, maxRSS.
 */
export function peakRssMb(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (hwm) return Number(hwm[1]) / 1024
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024
}
const cpuSince = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}

/** Runs one measurement; `args` are [storePath, traceId?, cacheDir, workerPath or repo?]. */
export async function runChild(mode: ChildMode, args: string[]): Promise<ChildResult> {
  const [storePath = '', traceId = '', cacheDir = '', workerPath = ''] = args
  switch (mode) {
    case 'inline':
      return inlineLoad(storePath, traceId, cacheDir)
    case 'open':
      return openTrace(storePath, traceId, cacheDir, workerPath)
    case 'speedscope':
      return speedscope(storePath, traceId, cacheDir, workerPath)
    case 'baseline':
      return baselineDecode(storePath, traceId)
    case 'list':
      return listFirstPage(storePath, cacheDir)
  }
}

// The app's path in one thread: open the store, read, decode, build, frame the model.
async function inlineLoad(
  storePath: string,
  traceId: string,
  cacheDir: string,
): Promise<ChildResult> {
  gc()
  const before = heldBytes()
  const host = createTraceHost({cacheDir})
  const cpu = process.cpuUsage()
  const started = performance.now()
  const model = await host.load({storePath, traceId})
  const ms = performance.now() - started
  const cpuMs = cpuSince(cpu)
  // The model cache entry is written once the answer is out; then the built trace reads its
  // records from there (or from the raw file), and the body leaves memory.
  await host.idle()
  const built = host.built({storePath, traceId})
  gc()
  const held = heldBytes() - before
  const records = built?.records.length ?? 0
  const result: ChildResult = {
    ms,
    cpuMs,
    peakRssMb: peakRssMb(),
    records,
    bytesPerRecord: records ? held / records : undefined,
    extra: {modelBytes: model.byteLength, nodes: built?.model.nodeCount ?? 0},
  }
  await host.dispose()
  return result
}

// The app's path as a page opens a trace (the worker host, as serve and Electron run it): the
// first rows (loadTracePreview), then the whole model (loadTrace, joining the same load); then
// the same again in the same server (warm). Run twice on one cache folder, the second run is a
// restart that reopens the trace from the model cache.
async function openTrace(
  storePath: string,
  traceId: string,
  cacheDir: string,
  workerPath: string,
): Promise<ChildResult> {
  const host = createTraceHost({cacheDir, workerPath: workerPath || undefined})
  const req = {storePath, traceId}
  // A server starts its worker once (the first request, or at start): timed apart.
  const booting = performance.now()
  await host.idle()
  const workerStart = performance.now() - booting
  const open = async (client: string) => {
    const started = performance.now()
    const preview = await host.loadPreview(req, undefined, client)
    const firstRows = performance.now() - started
    const partial = decodeModel(preview).meta.partial !== undefined
    const whole = partial ? await host.load(req, undefined, client) : preview
    return {firstRows, whole: performance.now() - started, partial, bytes: whole.byteLength}
  }
  const cpu = process.cpuUsage()
  const cold = await open('cold')
  const cpuMs = cpuSince(cpu)
  const warm = await open('warm')
  // The worker writes the model cache entry after answering: let it finish.
  await host.idle()
  await host.dispose()
  return {
    ms: cold.whole,
    cpuMs,
    peakRssMb: peakRssMb(),
    extra: {
      workerStart,
      firstRows: cold.firstRows,
      previewed: cold.partial ? 1 : 0,
      warmFirstRows: warm.firstRows,
      warmWhole: warm.whole,
      modelBytes: cold.bytes,
    },
  }
}

// The same calls in speedscope: the model (from the model cache) as an evented profile, opened
// through speedscope's file import in headless Chromium.
async function speedscope(
  storePath: string,
  traceId: string,
  cacheDir: string,
  repo: string,
): Promise<ChildResult> {
  const host = createTraceHost({cacheDir})
  const model = decodeModel(await host.load({storePath, traceId}))
  await host.dispose()
  const file = path.join(cacheDir, `${traceId}.speedscope.json`)
  const written = writeEventedProfile(model, file)
  const run = await openInSpeedscope(repo, file, 15 * 60_000)
  return {
    ms: run.ms,
    peakRssMb: run.chromiumPeakMb,
    extra: {
      rendererPeakMb: run.rendererPeakMb,
      profileBytes: written.bytes,
      events: written.events,
      frames: written.frames,
    },
  }
}

// The baseline: the same body read from SQLite and decoded whole by msgpackr into JS objects.
function baselineDecode(storePath: string, traceId: string): ChildResult {
  const text = (b: Uint8Array): string => Buffer.from(b).toString('utf8')
  const holder: {unpackr?: Unpackr} = {}
  for (const type of [0, 1, 2, 3, 5, 127]) addExtension({type, unpack: text})
  for (const type of [6, 7, 8]) {
    addExtension({type, unpack: b => holder.unpackr?.unpack(b) as unknown})
  }
  addExtension({type: 4, unpack: b => Buffer.from(b).toString('hex')})
  const unpackr = new Unpackr({mapsAsObjects: false, useRecords: false, int64AsType: 'bigint'})
  holder.unpackr = unpackr
  gc()
  const before = heldBytes()
  const cpu = process.cpuUsage()
  const started = performance.now()
  const db = new Database(path.join(storePath, '.kolo', 'db.sqlite3'), {readonly: true})
  const row = db.prepare('SELECT msgpack FROM traces WHERE id = ?').get(traceId) as {
    msgpack: Buffer
  }
  db.close()
  const value = unpackr.unpack(row.msgpack) as Map<string, unknown>
  const ms = performance.now() - started
  const cpuMs = cpuSince(cpu)
  gc()
  const held = heldBytes() - before
  const threads = value.get('threads') as Map<string, Map<string, unknown>>
  const records = [...threads.values()].reduce(
    (n, t) => n + ((t.get('frames') as unknown[]).length ?? 0),
    0,
  )
  return {ms, cpuMs, peakRssMb: peakRssMb(), records, bytesPerRecord: held / records}
}

// The trace list's first page: cold (empty summary cache), again in the same process, and warm
// (a fresh process-level open with the cache filled).
function listFirstPage(storePath: string, cacheDir: string): ChildResult {
  const time = (fn: () => unknown): number => {
    const started = performance.now()
    fn()
    return performance.now() - started
  }
  let store = openStore(storePath, {cacheDir})
  const cold = time(() => store.listTraces({offset: 0, limit: 100}))
  const again = time(() => store.listTraces({offset: 0, limit: 100}))
  const total = store.listTraces({offset: 0, limit: 1}).total
  store.close()
  store = openStore(storePath, {cacheDir})
  const warm = time(() => store.listTraces({offset: 0, limit: 100}))
  const deep = time(() => store.listTraces({offset: 4900, limit: 100}))
  store.close()
  return {ms: cold, peakRssMb: peakRssMb(), records: total, extra: {again, warm, deep}}
}
