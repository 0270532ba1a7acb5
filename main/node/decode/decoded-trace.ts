import type {KoloMap} from './py-objects'

/** A top-level scalar field of a record: what the tree builder and the trace list need. */
export type Scalar = string | number | boolean | null | undefined

/**
 * The records of one thread, in time order, readable without materialising them all.
 *
 * `get` answers top-level scalar fields (type, event, frame_id, timestamp, path, co_name, qualname,
 * method, path_info, query, status_code, …) cheaply; `full` decodes one whole record on demand
 * (locals, return values, rows, bodies). Implementations: fully decoded maps (JSON eras, small
 * traces) and an offset index over the msgpack bytes (big traces).
 */
export interface RecordTable {
  readonly length: number
  /** Scalar field `key` of record `i`; undefined when absent or not a scalar (a map, an array, an ext). */
  get(i: number, key: string): Scalar
  /** `i => get(i, key)`, made once for a loop over many records (a column read, when indexed). */
  reader(key: string): (i: number) => Scalar
  /**
   * A number naming record i's frame_id (frame-key.ts): equal ids give equal keys, 0 when it has
   * none. The tree builder compares these, never strings.
   */
  frameKey(i: number): number
  /** The frame key of record i's `user_code_call_site` (0 when none). */
  siteKey(i: number): number
  /** The line of record i's `user_code_call_site` (0 when none). */
  siteLine(i: number): number
  /** Record i's `user_code_call_site`, when it is a map with a frame id and a line. */
  callSite(i: number): {frameId: string; line: number} | undefined
  /**
   * Record `i` fully decoded (maps as Map, ext types as py-objects). With `forDisplay`, floats with
   * an integral value decode as PyFloat where the source kept them apart from ints (msgpack).
   *
   * Throws ApiError('bad-trace') when that record's bytes are corrupt, RangeError out of range.
   */
  full(i: number, forDisplay?: boolean): KoloMap
}

/** How a trace body was encoded (kolo-format.md §3). */
export type TraceFormat = 'msgpack-c2' | 'msgpack-c1' | 'json-b' | 'json-a' | 'kolo-v3'

/** One thread's records. */
export interface DecodedThread {
  /** The key Kolo uses: the `threads` key (C2/v3), the native id (C1), or 'main'. */
  key: string
  name: string
  records: RecordTable
}

/** A trace body decoded far enough to build its tree and list it. */
export interface DecodedTrace {
  format: TraceFormat
  traceId: string
  /** Epoch seconds when tracing started (the trace's `timestamp`). */
  timestamp: number
  traceName?: string
  koloVersion?: string
  source?: string
  commandLine?: string[]
  commitSha?: string
  /** Every thread; the main one first. */
  threads: DecodedThread[]
  /** The thread Kolo shows (kolo-format.md §6); may have no records. */
  mainThreadKey: string
  /** A damaged body of which only a prefix could be read (v3 recovery). */
  recovered: boolean
  /** Size of the body in bytes. */
  byteLength: number
}
