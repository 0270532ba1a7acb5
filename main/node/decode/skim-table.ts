import type {ByteSource} from './byte-source'
import type {RecordTable, Scalar} from './decoded-trace'
import {LeanRecordTable} from './lean-table'
import type {KoloMap} from './py-objects'
import {callSiteField, decodeRecord, scalarField} from './record-bytes'
import {
  CODE_FALSE,
  CODE_LAZY,
  CODE_NULL,
  CODE_NUMBER,
  CODE_STR,
  CODE_TRUE,
  type SkimContext,
} from './skim-context'

export {toScalar} from './record-bytes'

/** One indexed field: a code per record (see CODE_*), numbers beside it. */
export interface Column {
  codes: Int32Array
  nums: Float64Array | undefined
}

/** Frame keys per record (frame-key.ts): its frame_id, its call site's frame and line. */
export interface FrameColumns {
  frameKeys: Float64Array | undefined
  siteKeys: Float64Array | undefined
  siteLines: Int32Array | undefined
}

/**
 * A RecordTable over msgpack bytes: record offsets and lengths plus indexed scalar columns.
 *
 * `get` of an indexed key is an array read; any other key reads that one record back from the
 * context's reader (the body in memory, or the file) and scans it; `full` decodes one record.
 * Nothing else of the body is ever materialised. `slim()` keeps only what reading back needs.
 */
export class SkimRecordTable implements RecordTable {
  private readonly strings: string[]

  constructor(
    private readonly ctx: SkimContext,
    private readonly offsets: Float64Array,
    private readonly lengths: Uint32Array,
    readonly length: number,
    private readonly columns: ReadonlyMap<string, Column | null>,
    private readonly frames: FrameColumns,
  ) {
    this.strings = ctx.interner.strings
  }

  /** Scalar field `key` of record `i`. */
  get(i: number, key: string): Scalar {
    if (!(i >= 0 && i < this.length)) return undefined
    const column = this.columns.get(key)
    if (column === undefined) return this.scan(i, key)
    if (column === null) return undefined
    const code = column.codes[i]!
    if (code >= CODE_STR) return this.strings[code - CODE_STR]
    switch (code) {
      case CODE_NULL:
        return null
      case CODE_FALSE:
        return false
      case CODE_TRUE:
        return true
      case CODE_NUMBER:
        return column.nums![i]
      case CODE_LAZY:
        return this.scan(i, key)
      default:
        return undefined
    }
  }

  reader(key: string): (i: number) => Scalar {
    const column = this.columns.get(key)
    if (!column) return i => this.get(i, key)
    const {codes, nums} = column
    const strings = this.strings
    const n = this.length
    return i => {
      if (!(i >= 0 && i < n)) return undefined
      const code = codes[i]!
      if (code >= CODE_STR) return strings[code - CODE_STR]
      return code === CODE_NUMBER ? nums![i] : this.get(i, key)
    }
  }

  frameKey(i: number): number {
    return i >= 0 && i < this.length ? (this.frames.frameKeys?.[i] ?? 0) : 0
  }

  siteKey(i: number): number {
    return i >= 0 && i < this.length ? (this.frames.siteKeys?.[i] ?? 0) : 0
  }

  siteLine(i: number): number {
    return i >= 0 && i < this.length ? (this.frames.siteLines?.[i] ?? 0) : 0
  }

  /** Record i's call site, when it has a frame id and a line. */
  callSite(i: number): {frameId: string; line: number} | undefined {
    if (this.siteKey(i) === 0) return undefined
    const bytes = this.bytesOf(i)
    return callSiteField(bytes, 0, bytes.length)
  }

  /** Record i fully decoded. */
  full(i: number, forDisplay = false): KoloMap {
    if (!(i >= 0 && i < this.length)) throw new RangeError(`record ${i} of ${this.length}`)
    const bytes = this.bytesOf(i)
    return decodeRecord(bytes, 0, bytes.length, {
      source: this.ctx.source,
      index: i,
      values: this.ctx.valueTable,
      forDisplay,
    })
  }

  /** The byte offset of record i in the body (for tests and diagnostics). */
  offset(i: number): number {
    return this.offsets[i]!
  }

  /**
   * The same records without their columns, read back from `reader` (default: where this table
   * reads from): what a built trace keeps, ~12 bytes per record.
   */
  slim(reader: ByteSource = this.ctx.reader): LeanRecordTable {
    const n = this.length
    const offsets = this.offsets.length === n ? this.offsets : this.offsets.slice(0, n)
    const lengths = this.lengths.length === n ? this.lengths : this.lengths.slice(0, n)
    return new LeanRecordTable(offsets, lengths, reader, this.ctx.source, this.ctx.valueTable)
  }

  private bytesOf(i: number): Uint8Array {
    return this.ctx.reader.read(this.offsets[i]!, this.lengths[i]!)
  }

  /** Find `key` in record i's top-level map and decode its value (undefined if it cannot). */
  private scan(i: number, key: string): Scalar {
    const bytes = this.bytesOf(i)
    return scalarField(bytes, 0, bytes.length, key, this.ctx.valueTable)
  }
}
