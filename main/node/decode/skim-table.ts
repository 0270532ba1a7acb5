import {ApiError} from '../../../shared/api/errors'
import type {RecordTable, Scalar} from './decoded-trace'
import {MsgpackError, skipValues} from './msgpack-reader'
import {mapHeader} from './msgpack-skip'
import type {KoloMap} from './py-objects'
import {
  CODE_FALSE,
  CODE_LAZY,
  CODE_NULL,
  CODE_NUMBER,
  CODE_STR,
  CODE_TRUE,
  type SkimContext,
} from './skim-context'
import {utf8} from './utf8'

/** One indexed field: a code per record (see CODE_*), numbers beside it. */
export interface Column {
  codes: Int32Array
  nums: Float64Array | undefined
}

/** A JS value as a Scalar, or undefined when it is not one. */
export function toScalar(value: unknown): Scalar {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value
    case 'bigint':
      return Number(value)
    default:
      return value === null ? null : undefined
  }
}

/**
 * A RecordTable over msgpack bytes: record offsets plus indexed scalar columns.
 *
 * `get` of an indexed key is an array read; any other key scans that one record; `full`
 * decodes one record. Nothing else of the body is ever materialised.
 */
export class SkimRecordTable implements RecordTable {
  private readonly strings: string[]

  constructor(
    private readonly ctx: SkimContext,
    private readonly offsets: Float64Array,
    readonly length: number,
    private readonly columns: ReadonlyMap<string, Column | null>,
    private readonly site: {frames: Int32Array; lines: Float64Array} | undefined,
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

  /** Record i's call site, when it has a frame id and a line. */
  callSite(i: number): {frameId: string; line: number} | undefined {
    const site = this.site
    if (!site || !(i >= 0 && i < this.length)) return undefined
    const frame = site.frames[i]!
    if (frame === 0) return undefined
    return {frameId: this.strings[frame - 1]!, line: site.lines[i]!}
  }

  /** Record i fully decoded. */
  full(i: number, forDisplay = false): KoloMap {
    if (!(i >= 0 && i < this.length)) throw new RangeError(`record ${i} of ${this.length}`)
    const decoder = this.ctx.decoder
    try {
      decoder.markIntegralFloats = forDisplay
      const value = decoder.decodeAt(this.offsets[i]!)
      if (value instanceof Map) return value
    } catch (error) {
      throw this.fail(i, error)
    } finally {
      decoder.markIntegralFloats = false
    }
    throw this.fail(i, new Error('not a map'))
  }

  /** The byte offset of record i in the body (for tests and diagnostics). */
  offset(i: number): number {
    return this.offsets[i]!
  }

  /** Find `key` in record i's top-level map and decode its value (undefined if it cannot). */
  private scan(i: number, key: string): Scalar {
    const bytes = this.ctx.bytes
    const end = bytes.length
    const keyLength = Buffer.byteLength(key)
    try {
      const header = mapHeader(bytes, this.offsets[i]!, end)
      if (!header) return undefined
      const n = header[0]
      let pos = header[1]
      for (let k = 0; k < n; k++) {
        const kb = bytes[pos]!
        const length =
          kb >= 0xa0 && kb <= 0xbf
            ? kb - 0xa0
            : kb === 0xd9
              ? bytes[pos + 1]!
              : kb === 0xda
                ? -2
                : -1
        if (length === keyLength) {
          const start = pos + (kb === 0xd9 ? 2 : 1)
          if (utf8(bytes, start, start + length) === key) {
            return toScalar(this.ctx.decoder.decodeAt(start + length))
          }
        }
        pos = skipValues(bytes, pos, end, 2)
      }
    } catch {
      // A field that does not decode is not a scalar; full(i) reports the damage.
      return undefined
    }
    return undefined
  }

  private fail(i: number, error: unknown): ApiError {
    const what =
      error instanceof MsgpackError || error instanceof Error ? error.message : String(error)
    return new ApiError('bad-trace', `${this.ctx.source}: record ${i} cannot be decoded: ${what}`)
  }
}
