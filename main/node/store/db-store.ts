import fs from 'node:fs'
import path from 'node:path'
import {ApiError} from '../../../shared/api/errors'
import {isoFromMs} from './created-at'
import {readDbBody, readIndexRows, readSchema} from './db-index'
import type {DbSchema} from './db-index'
import type {DbLocation} from './locate'
import {pageBounds, summarizeRef} from './page'
import {fileStat, listRawFiles} from './raw-dir'
import {ReadOnlyDb, storeError} from './read-only-db'
import {blobAddress} from './sqlite-file/blob-address'
import {openBlob} from './sqlite-file/open-blob'
import type {TraceSummaryFields} from '../summary/summarize'
import type {SummaryCache} from './summary-cache'
import {summaryKey} from './summary-cache'
import {changeKey, compareNewestFirst} from './types'
import type {
  BodyLocation,
  KoloStore,
  StorePage,
  TraceBlob,
  TraceBody,
  TraceRef,
  TraceStamp,
} from './types'

// A big blob's row is named from this much of its head.
const HEAD_BYTES = 1024 * 1024

// Ids reach us from the UI: only these may become a file name in raw/.
const safeId = /^[A-Za-z0-9_-]{1,200}$/

interface IndexSnapshot {
  generation: number
  schema: DbSchema | undefined
  /** Newest first; shared, never mutated. */
  rows: TraceRef[]
}

/** A Kolo 2.x or 3.x project store: a database, plus `raw/` body files in 3.x. */
export class DbStore implements KoloStore {
  private location: DbLocation
  private reader: ReadOnlyDb
  private index: IndexSnapshot | undefined
  private readonly rawTimes = new Map<string, number>()

  constructor(
    readonly path: string,
    readonly sourceRoot: string,
    readonly label: string,
    location: DbLocation,
    private readonly relocate: (() => DbLocation | undefined) | undefined,
    private readonly cache: SummaryCache,
    private readonly bigBytes: number,
  ) {
    this.location = location
    this.reader = new ReadOnlyDb(location.dbFile)
  }

  get format(): 'kolo-2' | 'kolo-3' {
    return this.location.format
  }

  /** The database file in use now (it moves when Kolo 3.x migrates a 2.x store). */
  get dbFile(): string {
    return this.location.dbFile
  }

  listTraces(page?: {offset?: number; limit?: number}): StorePage {
    const refs = this.refs()
    const [start, end] = pageBounds(refs.length, page)
    const access = {
      readBody: (r: TraceRef) => this.readBody(r.id, r),
      containerFile: (r: TraceRef) =>
        r.storage === 'raw-kolo' ? this.rawFile(r.id, 'kolo') : undefined,
      bigBytes: this.bigBytes,
      headOf: (r: TraceRef) => this.blobHead(r.id),
    }
    const traces = refs.slice(start, end).map(ref => {
      return summarizeRef(this.withFileStat(ref), this.cache, access)
    })
    this.cache.flush()
    return {traces, total: refs.length, offset: start}
  }

  traceIds(): string[] {
    return this.refs().map(ref => ref.id)
  }

  traceStamps(): TraceStamp[] {
    return this.refs().map(ref => {
      const r = this.withFileStat(ref)
      return {id: r.id, createdAtMs: r.createdAtMs, changeKey: changeKey(r)}
    })
  }

  readTraceBody(traceId: string): TraceBody {
    return this.readBody(traceId, undefined)
  }

  openTraceBlob(traceId: string, options: {shared?: boolean} = {}): TraceBlob | undefined {
    // A way back to SQLite's own reading (and the bench's comparison).
    if (process.env.KOLO_EXPLORER_SQLITE_BLOBS === '1') return undefined
    if (!this.snapshot().schema?.traces?.msgpack) return undefined
    const {dbFile} = this.location
    try {
      const db = this.reader.connection()
      // An immutable open reads the file alone; a private copy has its log beside it.
      if (this.reader.mode !== 'immutable') return undefined
      const opened = this.reader.opened
      const where = {table: 'traces', column: 'msgpack', key: 'id', id: traceId}
      const address = blobAddress(db, where)
      const blob = address && openBlob(this.reader.file, address, options.shared)
      if (!blob) return undefined
      return {
        stream: blob.stream,
        source: `${dbFile}#${traceId}`,
        unchanged: () => this.reader.stateKey() === opened,
        close: () => blob.close(),
      }
    } catch {
      return undefined // readTraceBody reads it, or says what is wrong
    }
  }

  /** The first MB of a trace's blob, read from the database file (for a big row's name). */
  private blobHead(traceId: string): {bytes: Uint8Array; source: string} | undefined {
    const blob = this.openTraceBlob(traceId)
    if (!blob) return undefined
    try {
      blob.stream.fill(HEAD_BYTES)
      const bytes = blob.stream.bytes.subarray(0, blob.stream.filled)
      return blob.unchanged() ? {bytes, source: blob.source} : undefined
    } finally {
      blob.close()
    }
  }

  locateTraceBody(traceId: string): BodyLocation {
    const ref = this.refs().find(r => r.id === traceId)
    const createdAt = isoFromMs(ref?.createdAtMs ?? 0)
    const {rawDir, dbFile} = this.location
    if (rawDir && safeId.test(traceId)) {
      for (const [ext, storage] of [
        ['kolo', 'raw-kolo'],
        ['msgpack', 'raw-msgpack'],
      ] as const) {
        const file = path.join(rawDir, `${traceId}.${ext}`)
        const stat = fs.statSync(file, {throwIfNoEntry: false})
        if (!stat?.isFile()) continue
        return {
          traceId,
          storage,
          file,
          sizeBytes: stat.size,
          mtimeMs: stat.mtimeMs,
          ino: stat.ino,
          createdAt,
          source: file,
          summaryKey: summaryKey(traceId, stat.size, Math.floor(stat.mtimeMs)),
        }
      }
    }
    if (ref && (ref.storage.startsWith('sqlite') || ref.storage === 'invocations-json')) {
      return {
        traceId,
        storage: ref.storage,
        sizeBytes: ref.sizeBytes,
        createdAt,
        source: `${dbFile}#${traceId}`,
        summaryKey: summaryKey(traceId, ref.sizeBytes, ref.mtimeMs),
      }
    }
    // Not in the index, a row without its body, a raw file gone meanwhile: reading says which
    // (or finds the body in the database after all).
    const body = this.readBody(traceId, ref)
    return {
      traceId,
      storage: body.storage,
      sizeBytes: body.bytes.length,
      createdAt,
      source: body.source,
      summaryKey: summaryKey(traceId, body.bytes.length),
    }
  }

  rememberSummary(location: BodyLocation, fields: TraceSummaryFields): void {
    this.cache.set(location.summaryKey, {fields})
    this.cache.flush()
  }

  watchPaths(): string[] {
    const db = this.location.dbFile
    const paths = [db, `${db}-wal`]
    if (this.location.rawDir) paths.push(this.location.rawDir)
    paths.push(path.dirname(db))
    if (this.relocate) {
      const kolo = path.join(this.sourceRoot, '.kolo')
      paths.push(kolo, path.join(kolo, '.internal'), this.sourceRoot)
    }
    return [...new Set(paths)]
  }

  close(): void {
    this.reader.close()
    this.index = undefined
  }

  /** Check that the store opens and reads; throws the ApiError a listing would. */
  validate(): void {
    this.snapshot()
  }

  /** Follow Kolo to a recreated or migrated store, then read the index if the database changed. */
  private snapshot(): IndexSnapshot {
    const next = this.relocate?.()
    if (next && next.dbFile !== this.location.dbFile) {
      this.reader.close()
      this.location = next
      this.reader = new ReadOnlyDb(next.dbFile)
      this.index = undefined
    }
    const {dbFile, rawDir} = this.location
    try {
      const db = this.reader.connection()
      if (this.index?.generation === this.reader.generation) return this.index
      const schema = readSchema(db, dbFile)
      const rows = readIndexRows(db, schema).sort(compareNewestFirst)
      this.index = {generation: this.reader.generation, schema, rows}
      return this.index
    } catch (error) {
      // A torn copy or a half-migrated store: the next call starts from a fresh connection.
      this.reader.invalidate()
      this.index = undefined
      const apiError = storeError(dbFile, error)
      // A 3.x store may be raw files alone until Kolo writes its index.
      if (apiError.code === 'not-found' && rawDir && fs.existsSync(rawDir)) {
        return {generation: -1, schema: undefined, rows: []}
      }
      throw apiError
    }
  }

  /** Every trace, newest first: index rows, plus (3.x) raw files without a row, timed by mtime. */
  private refs(): TraceRef[] {
    const {rows} = this.snapshot()
    const rawDir = this.location.rawDir
    if (!rawDir) return rows
    const raw = listRawFiles(rawDir)
    const refs: TraceRef[] = []
    for (const row of rows) {
      const file = raw.get(row.id)
      if (file) {
        refs.push({...row, storage: file.storage, sizeBytes: undefined})
        raw.delete(row.id)
      } else {
        refs.push(row)
      }
    }
    const seen = new Set<string>()
    for (const [id, file] of raw) {
      seen.add(file.file)
      let ms = this.rawTimes.get(file.file)
      if (ms === undefined) {
        const stat = fileStat(file.file)
        if (!stat) continue
        ms = stat.mtimeMs
        this.rawTimes.set(file.file, ms)
      }
      refs.push({id, createdAtMs: ms, storage: file.storage})
    }
    for (const file of this.rawTimes.keys()) if (!seen.has(file)) this.rawTimes.delete(file)
    return refs.sort(compareNewestFirst)
  }

  private rawFile(id: string, ext: 'kolo' | 'msgpack'): string | undefined {
    const rawDir = this.location.rawDir
    return rawDir && safeId.test(id) ? path.join(rawDir, `${id}.${ext}`) : undefined
  }

  /** A raw-file ref with its current size and mtime (the summary cache key). */
  private withFileStat(ref: TraceRef): TraceRef {
    if (!ref.storage.startsWith('raw-') || !this.location.rawDir) return ref
    const ext = ref.storage === 'raw-kolo' ? 'kolo' : 'msgpack'
    const stat = fileStat(path.join(this.location.rawDir, `${ref.id}.${ext}`))
    return stat ? {...ref, sizeBytes: stat.size, mtimeMs: stat.mtimeMs} : ref
  }

  /** Body lookup as Kolo does it: raw/<id>.kolo, raw/<id>.msgpack, then the database row. */
  private readBody(traceId: string, known: TraceRef | undefined): TraceBody {
    const ref = known ?? this.refs().find(r => r.id === traceId)
    const createdAt = isoFromMs(ref?.createdAtMs ?? 0)
    const {rawDir, dbFile} = this.location
    if (rawDir && safeId.test(traceId)) {
      for (const [ext, storage] of [
        ['kolo', 'raw-kolo'],
        ['msgpack', 'raw-msgpack'],
      ] as const) {
        const file = path.join(rawDir, `${traceId}.${ext}`)
        try {
          return {bytes: fs.readFileSync(file), source: file, storage, createdAt}
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code
          if (code !== 'ENOENT' && code !== 'ENOTDIR') throw storeError(file, error)
        }
      }
    }
    const snapshot = this.snapshot()
    if (snapshot.schema) {
      let found: ReturnType<typeof readDbBody>
      try {
        found = readDbBody(this.reader.connection(), snapshot.schema, traceId)
      } catch (error) {
        this.reader.invalidate()
        throw storeError(dbFile, error)
      }
      if (found) {
        const source = `${dbFile}#${traceId}`
        return {bytes: found.bytes, source, storage: found.storage, createdAt}
      }
    }
    if (ref) {
      const where = rawDir
        ? `raw/${traceId}.kolo, raw/${traceId}.msgpack or the database`
        : 'the database'
      throw new ApiError(
        'bad-trace',
        `${dbFile}: trace ${traceId} has no body (looked in ${where})`,
      )
    }
    throw new ApiError('not-found', `${dbFile}: no trace ${traceId}`)
  }
}
