import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import {unpack} from 'msgpackr'
import {ApiError} from '../../../shared/api/errors'
import type {TraceSummary} from '../../../shared/model/trace-summary'
import {isoFromMs} from './created-at'
import {pageBounds} from './page'
import {statKey} from './read-only-db'
import {sniffBytes} from './sniff'
import type {Sniffed} from './sniff'
import type {TraceSummaryFields} from '../summary/summarize'
import {summarizeBody, summarizeContainerFile} from './summarize-body'
import type {CachedSummary, SummaryCache} from './summary-cache'
import {summaryKey} from './summary-cache'
import type {BodyLocation, KoloStore, StorePage, TraceBody, TraceStamp} from './types'
import {changeKey} from './types'

interface Probe {
  key: string
  id: string
  createdAt: string
  sizeBytes: number
  mtimeMs: number
  exactMtimeMs: number
  ino: number
  storage: string
  summaryKey: string
  summary: CachedSummary
}

const storageOf: Partial<Record<Sniffed, string>> = {
  'kolo-v3': 'file-kolo',
  msgpack: 'file-msgpack',
  json: 'file-json',
}

/** The trace id and start time in a v3 container's header (kolo-format.md §4.5), if readable. */
export function containerHeader(bytes: Uint8Array): {traceId?: string; timestamp?: number} {
  if (bytes.length < 24) return {}
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const length = view.getUint32(16, true)
  if (24 + length > bytes.length) return {}
  try {
    const header = unpack(bytes.subarray(24, 24 + length)) as Record<string, unknown>
    const result: {traceId?: string; timestamp?: number} = {}
    if (typeof header.trace_id === 'string') result.traceId = header.trace_id
    if (typeof header.timestamp === 'number') result.timestamp = header.timestamp
    return result
  } catch {
    return {}
  }
}

/**
 * One trace file as a store of one trace: a v3 `.kolo` container, a `kolo trace dump` msgpack
 * blob, a JSON dump, or any of these gzipped (`kolo trace download`). The id is the one the trace
 * carries (its file name if it cannot be decoded); the file is read again whenever it changes.
 */
export class FileStore implements KoloStore {
  readonly format = 'file'
  private probed: Probe | undefined

  constructor(
    readonly path: string,
    readonly sourceRoot: string,
    readonly label: string,
    private readonly cache: SummaryCache,
    private readonly bigBytes: number,
  ) {}

  listTraces(page?: {offset?: number; limit?: number}): StorePage {
    const p = this.probe()
    const [start, end] = pageBounds(1, page)
    const trace: TraceSummary = {
      ...p.summary.fields,
      id: p.id,
      name: p.summary.fields.name || p.id,
      createdAt: p.createdAt,
      storage: p.storage,
      sizeBytes: p.sizeBytes,
    }
    if (p.summary.error !== undefined) trace.error = p.summary.error
    return {traces: start < end ? [trace] : [], total: 1, offset: start}
  }

  traceIds(): string[] {
    return [this.probe().id]
  }

  traceStamps(): TraceStamp[] {
    const p = this.probe()
    return [{id: p.id, createdAtMs: Date.parse(p.createdAt), changeKey: changeKey(p)}]
  }

  readTraceBody(traceId: string): TraceBody {
    const p = this.probe()
    if (traceId !== p.id) {
      throw new ApiError('not-found', `${this.path}: holds trace ${p.id}, not ${traceId}`)
    }
    return this.read(p.createdAt).body
  }

  locateTraceBody(traceId: string): BodyLocation {
    const p = this.probe()
    if (traceId !== p.id) {
      throw new ApiError('not-found', `${this.path}: holds trace ${p.id}, not ${traceId}`)
    }
    return {
      traceId,
      storage: p.storage,
      file: this.path,
      sizeBytes: p.sizeBytes,
      mtimeMs: p.exactMtimeMs,
      ino: p.ino,
      createdAt: p.createdAt,
      source: this.path,
      summaryKey: p.summaryKey,
    }
  }

  rememberSummary(location: BodyLocation, fields: TraceSummaryFields): void {
    const p = this.probed
    if (!p || location.summaryKey !== p.summaryKey) return
    p.summary = {fields}
    this.cache.set(p.summaryKey, p.summary)
    this.cache.flush()
  }

  watchPaths(): string[] {
    return [this.path, path.dirname(this.path)]
  }

  close(): void {
    this.probed = undefined
  }

  /** Check that the file reads as a trace file; throws the ApiError a listing would. */
  validate(): void {
    this.probe()
  }

  /** The file's bytes with gzip removed, and what they are. */
  private read(createdAt: string): {body: TraceBody; sniffed: Sniffed} {
    let bytes: Uint8Array
    try {
      bytes = fs.readFileSync(this.path)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT') throw new ApiError('not-found', `${this.path}: no such file`)
      throw new ApiError('bad-store', `${this.path}: cannot be read (${(error as Error).message})`)
    }
    let sniffed = sniffBytes(bytes.subarray(0, 16))
    let gz = ''
    if (sniffed === 'gzip') {
      try {
        bytes = zlib.gunzipSync(bytes)
      } catch (error) {
        throw new ApiError(
          'bad-trace',
          `${this.path}: broken gzip data (${(error as Error).message})`,
        )
      }
      sniffed = sniffBytes(bytes.subarray(0, 16))
      gz = '-gz'
    }
    const storage = storageOf[sniffed]
    if (!storage) {
      throw new ApiError(
        'bad-store',
        `${this.path}: not a Kolo trace file (not a .kolo container, msgpack or JSON)`,
      )
    }
    return {body: {bytes, source: this.path, storage: storage + gz, createdAt}, sniffed}
  }

  private probe(): Probe {
    const key = statKey(this.path)
    if (this.probed?.key === key) return this.probed
    if (key === 'missing') throw new ApiError('not-found', `${this.path}: no such file`)
    const stat = fs.statSync(this.path)
    const mtimeMs = Math.floor(stat.mtimeMs)
    const probe = stat.size >= this.bigBytes ? this.outline(stat.size) : this.whole(mtimeMs)
    const stem = path.basename(this.path).replace(/\.(kolo|msgpack|json)?(\.gz)?$/i, '')
    const cacheKey = summaryKey(`file:${probe.id ?? stem}`, stat.size, mtimeMs)
    let summary = this.cache.get(cacheKey)
    let timestamp = probe.timestamp
    if (!summary || !probe.id) {
      const s = probe.summarize()
      summary = s.summary
      timestamp ??= s.timestamp
      probe.id ??= s.traceId
      this.cache.set(cacheKey, summary)
      this.cache.flush()
    }
    const id = probe.id ?? stem
    const createdAt = timestamp !== undefined ? isoFromMs(timestamp * 1000) : isoFromMs(mtimeMs)
    this.probed = {
      key,
      id,
      createdAt,
      sizeBytes: stat.size,
      mtimeMs,
      exactMtimeMs: stat.mtimeMs,
      ino: stat.ino,
      storage: probe.storage,
      summaryKey: cacheKey,
      summary,
    }
    return this.probed
  }

  /** A file small enough to read: its id and start from its header, its summary by decoding. */
  private whole(mtimeMs: number): ProbeParts {
    const {body, sniffed} = this.read(isoFromMs(mtimeMs))
    const header = sniffed === 'kolo-v3' ? containerHeader(body.bytes) : {}
    return {
      id: header.traceId,
      timestamp: header.timestamp,
      storage: body.storage,
      summarize: () => {
        try {
          const s = summarizeBody(body)
          return {summary: {fields: s.fields}, traceId: s.traceId, timestamp: s.timestamp}
        } catch (error) {
          const name = header.traceId ?? path.basename(this.path)
          return {summary: {fields: {name, kind: 'script'}, error: (error as Error).message}}
        }
      },
    }
  }

  /** A big file, never read whole here: a container's outline, else its name alone (partial). */
  private outline(size: number): ProbeParts {
    const fd = fs.openSync(this.path, 'r')
    const head = Buffer.alloc(Math.min(size, 64 * 1024))
    try {
      fs.readSync(fd, head, 0, head.length, 0)
    } finally {
      fs.closeSync(fd)
    }
    const sniffed = sniffBytes(head.subarray(0, 16))
    const storage = sniffed === 'gzip' ? 'file-gz' : (storageOf[sniffed] ?? 'file')
    const header = sniffed === 'kolo-v3' ? containerHeader(head) : {}
    return {
      id: header.traceId,
      timestamp: header.timestamp,
      storage,
      summarize: () => {
        const name = header.traceId ?? path.basename(this.path)
        if (sniffed !== 'kolo-v3') return {summary: {fields: {name, kind: 'script', partial: true}}}
        try {
          const s = summarizeContainerFile(this.path)
          return {summary: {fields: s.fields}, traceId: s.traceId, timestamp: s.timestamp}
        } catch (error) {
          return {summary: {fields: {name, kind: 'script'}, error: (error as Error).message}}
        }
      },
    }
  }
}

/** What probing a file found before summarising it. */
interface ProbeParts {
  id: string | undefined
  timestamp: number | undefined
  storage: string
  summarize: () => {summary: CachedSummary; traceId?: string; timestamp?: number}
}
