import {ByteInterner} from './byte-interner'
import type {ByteSource} from './byte-source'
import {MemorySource} from './byte-source'
import {asBuffer} from './utf8'
import {MsgpackDecoder, type ValueTable} from './msgpack-reader'
import type {SplitSkim} from './skim-split'

/**
 * Top-level record fields the skimmer indexes as columns. Any other key still answers `get`, by
 * reading that one record back; these are the ones the tree builder and the trace list read for
 * every record. `frame_id` and `user_code_call_site` are kept as frame keys (frame-key.ts).
 */
export const INDEXED_KEYS = [
  'type',
  'event',
  'timestamp',
  'path',
  'co_name',
  'qualname',
  'subtype',
  'method',
  'path_info',
  'status_code',
  'query',
  'query_template',
  'method_and_full_url',
  'url',
  'template',
  'name',
  'level',
  'msg',
  'test_name',
  'test_class',
  'flushed_segment_count',
  'flushed_trace_id',
  'flushed_bytes',
  'thread',
  'thread_native_id',
  'database',
  'ms_duration',
  'call_timestamp',
  'return_timestamp',
  'scheme',
] as const

/** Cell codes of a column; a string is its id + CODE_STR. */
export const CODE_ABSENT = 0
/** See CODE_ABSENT. */
export const CODE_NULL = 1
/** See CODE_ABSENT. */
export const CODE_FALSE = 2
/** See CODE_ABSENT. */
export const CODE_TRUE = 3
/** See CODE_ABSENT: the number is in the column's `nums`. */
export const CODE_NUMBER = 4
/** See CODE_ABSENT: a map, array, bin or ext. */
export const CODE_OTHER = 5
/** See CODE_ABSENT: a long string, decoded again when asked. */
export const CODE_LAZY = 6
/** See CODE_ABSENT. */
export const CODE_STR = 16

const keyIndex = new Map<string, number>(INDEXED_KEYS.map((k, i) => [k, i]))

/** keyKind values: 0 not looked at yet, 1 not indexed, 2 the call site, 3 frame_id, k + 4 column k. */
export const KEY_OTHER = 1
/** See KEY_OTHER. */
export const KEY_CALL_SITE = 2
/** See KEY_OTHER. */
export const KEY_FRAME_ID = 3
/** See KEY_OTHER. */
export const KEY_COLUMN0 = 4

/** siteKeyKind results. */
export const SITE_FRAME = 1
/** See SITE_FRAME. */
export const SITE_LINE = 2

/**
 * What all record tables of one body share: the bytes being skimmed, one string table, the value
 * table, and where records are read back from afterwards (`bytes`).
 *
 * The skimmed bytes are the whole body, or one window of it at a time (a chunk of a streamed v3
 * file): positions in `bytes` are file offsets minus `base`.
 */
export class SkimContext {
  bytes: Buffer
  /** File offset of bytes[0]. */
  base = 0
  readonly interner: ByteInterner
  decoder: MsgpackDecoder
  view: DataView
  /** Records indexed so far, across all threads (for progress). */
  records = 0
  /** Skims the second half of a long list on another thread (skim-part.ts), if given. */
  split: SplitSkim | undefined
  private keyKinds = new Uint8Array(256)
  private readonly refIds = new Map<number, number>()
  private siteFrameKey = -1
  private siteLineKey = -1

  /**
   * @param bytes the body, or its first window
   * @param source names the body in error messages
   * @param reader where records are read back from (default: `bytes`, the whole body)
   */
  constructor(
    bytes: Uint8Array,
    readonly source: string,
    readonly valueTable: ValueTable | undefined,
    private readonly onProgress: ((records: number) => void) | undefined,
    readonly reader: ByteSource = new MemorySource(bytes),
  ) {
    this.bytes = asBuffer(bytes)
    this.interner = new ByteInterner(this.bytes)
    this.decoder = new MsgpackDecoder(bytes, valueTable)
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  /** Skim `bytes` next, which sit at file offset `base`. */
  setWindow(bytes: Uint8Array, base: number): void {
    this.bytes = asBuffer(bytes)
    this.base = base
    this.interner.setBytes(this.bytes)
    this.decoder = new MsgpackDecoder(bytes, this.valueTable)
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  /** How a record key with string id `id` is indexed (KEY_OTHER, KEY_CALL_SITE, column + 3). */
  keyKind(id: number): number {
    if (id >= this.keyKinds.length) {
      const next = new Uint8Array(Math.max(id + 1, this.keyKinds.length * 2))
      next.set(this.keyKinds)
      this.keyKinds = next
    }
    let kind = this.keyKinds[id]!
    if (kind === 0) {
      const text = this.interner.strings[id]!
      const column = keyIndex.get(text)
      kind =
        column !== undefined
          ? column + KEY_COLUMN0
          : text === 'user_code_call_site'
            ? KEY_CALL_SITE
            : text === 'frame_id'
              ? KEY_FRAME_ID
              : KEY_OTHER
      this.keyKinds[id] = kind
    }
    return kind
  }

  /** For a key inside user_code_call_site: SITE_FRAME, SITE_LINE or 0. */
  siteKeyKind(id: number): number {
    if (id === this.siteFrameKey) return SITE_FRAME
    if (id === this.siteLineKey) return SITE_LINE
    const text = this.interner.strings[id]
    if (text === 'call_frame_id') {
      this.siteFrameKey = id
      return SITE_FRAME
    }
    if (text === 'line_number') {
      this.siteLineKey = id
      return SITE_LINE
    }
    return 0
  }

  /** The string id of value-table entry `ref` when it is a str, else -1. */
  refString(ref: number): number {
    let id = this.refIds.get(ref)
    if (id === undefined) {
      const value = this.valueTable?.get(ref)
      id = typeof value === 'string' ? this.interner.add(value) : -1
      this.refIds.set(ref, id)
    }
    return id
  }

  /** Called every 8,192 records: where background decoding gives way (DecodeOptions.pause). */
  pause: (() => void) | undefined

  /** Count one more record; report progress every 50,000. */
  counted(): void {
    const n = ++this.records
    if ((n & 8191) === 0) this.pause?.()
    if (n % 50_000 === 0) this.onProgress?.(n)
  }

  /** Count `n` records indexed elsewhere (skim-part.ts). */
  countedMany(n: number): void {
    this.records += n
    this.onProgress?.(this.records)
  }
}

/** The column number of an indexed key, or undefined. */
export function columnOf(key: string): number | undefined {
  return keyIndex.get(key)
}
