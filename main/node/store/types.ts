import type {BlobStream} from './sqlite-file/blob-stream'
import type {TraceSummary} from '../../../shared/model/trace-summary'
import type {TraceSummaryFields} from '../summary/summarize'

/** What kind of store a path opened as. */
export type StoreFormat = 'kolo-2' | 'kolo-3' | 'file'

/** The bytes of one trace body, as stored (gzip already removed), and where they came from. */
export interface TraceBody {
  bytes: Uint8Array
  /** The file the body was read from, plus the table and id for a database row; for messages. */
  source: string
  /** Where the body is: 'sqlite-msgpack', 'sqlite-json', 'invocations-json', 'raw-kolo', … */
  storage: string
  /** ISO 8601 UTC. */
  createdAt: string
}

/** A page of a store's trace list, newest first. */
export interface StorePage {
  traces: TraceSummary[]
  total: number
  offset: number
}

/** A Kolo store opened read-only: a project's database (+ raw files), or one trace file. */
export interface KoloStore {
  /** The path given, resolved absolute. */
  readonly path: string
  /** The folder holding `.kolo/` (for a single file: its folder, or the project of a raw/ file). */
  readonly sourceRoot: string
  /** 'kolo-2' (bodies in the database), 'kolo-3' (.internal + raw/), 'file'; may change on migration. */
  readonly format: StoreFormat
  /** Folder name or file name. */
  readonly label: string
  /** A page of summaries (default: the first 100), newest first; only that page is summarised. */
  listTraces(page?: {offset?: number; limit?: number}): StorePage
  /** Every trace id, newest first; cheap (no body is read). */
  traceIds(): string[]
  /** Every trace with the version of its body, newest first; cheap (no body is read). */
  traceStamps(): TraceStamp[]
  /** The body of one trace; ApiError 'not-found' for an unknown id. */
  readTraceBody(traceId: string): TraceBody
  /**
   * A trace body kept as a database blob, read a part at a time straight from the database
   * file; undefined when it cannot be read that way (then readTraceBody).
   */
  openTraceBlob?(traceId: string, options?: {shared?: boolean}): TraceBlob | undefined
  /**
   * Where one trace's body is and what names its bytes, without reading it: what a model cache
   * keys on, and the file a loader may stream. ApiError 'not-found' for an unknown id.
   */
  locateTraceBody(traceId: string): BodyLocation
  /**
   * Keep a summary computed from the whole body elsewhere (the trace worker's load), so the list
   * shows it without reading the body again. Ignored when the body has changed since `location`.
   */
  rememberSummary(location: BodyLocation, fields: TraceSummaryFields): void
  /** The paths whose changes mean the list may have changed; the database (or the file) first. */
  watchPaths(): string[]
  /** Release the connection and any private copy; the store's files are never touched. */
  close(): void
}

/** A body read from the database file a part at a time (KoloStore.openTraceBlob). */
export interface TraceBlob {
  /** `stream.fill(n)` makes the first n bytes of `stream.bytes` valid; throws ChainBroken. */
  stream: BlobStream
  /** Names the body in error messages: `<db>#<trace id>`. */
  source: string
  /** False once the database changed after the blob was opened: what was read may be torn. */
  unchanged(): boolean
  close(): void
}

/** A trace and what changes when its body does: a new `changeKey` means "read it again". */
export interface TraceStamp {
  id: string
  /** Epoch ms. */
  createdAtMs: number
  /** Where the body is, its size and (raw files) mtime: `storage|size|mtime`. */
  changeKey: string
}

/** Options for openStore. */
export interface OpenStoreOptions {
  /** Where summaries are cached; default `$XDG_CACHE_HOME/kolo-explorer` or `~/.cache/kolo-explorer`. */
  cacheDir?: string
  /**
   * Bodies of this many bytes or more are not read for a list row (default 16 MiB): the row
   * comes from the index, or a container's outline, marked `partial` until the trace is loaded.
   */
  summaryBodyLimit?: number
}

/** The default OpenStoreOptions.summaryBodyLimit. */
export const defaultSummaryBodyLimit = 16 * 1024 * 1024

/** Where a trace's body is (see KoloStore.locateTraceBody). */
export interface BodyLocation {
  traceId: string
  /** As TraceBody.storage. */
  storage: string
  /** The file holding the body as stored (a raw file, a trace file); undefined for a database row. */
  file?: string
  /** Bytes of the stored body (the row's blob, or the file). */
  sizeBytes?: number
  /** The file's mtime and inode: a body rewritten under the same id is another body. */
  mtimeMs?: number
  ino?: number
  /** ISO 8601 UTC. */
  createdAt: string
  /** Names the body in messages: the file, or `<db>#<trace id>`. */
  source: string
  /** The summary cache's key for this body. */
  summaryKey: string
}

/** One trace as the index knows it, before its body is read. */
export interface TraceRef {
  id: string
  /** Epoch ms (ISO strings are made only for the listed page). */
  createdAtMs: number
  /** Where the body is (see TraceBody.storage). */
  storage: string
  /** Body size in bytes, when known without reading it. */
  sizeBytes?: number
  /** File mtime in ms, for raw files (part of the cache key). */
  mtimeMs?: number
  /** Kolo 3.x `auto_generated_name`, when set. */
  autoName?: string
}

/** Newest first: by creation time, then by id (ULIDs sort by time). */
export function compareNewestFirst(a: TraceRef, b: TraceRef): number {
  if (a.createdAtMs !== b.createdAtMs) return b.createdAtMs - a.createdAtMs
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

/** A TraceStamp's change key: storage, size and mtime (what is known without reading the body). */
export function changeKey(ref: {storage: string; sizeBytes?: number; mtimeMs?: number}): string {
  return `${ref.storage}|${ref.sizeBytes ?? '?'}|${ref.mtimeMs ?? ''}`
}
