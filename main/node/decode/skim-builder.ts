import {grow} from './byte-interner'
import {MsgpackError, need, readUint, skipValues} from './msgpack-reader'
import {
  CODE_FALSE,
  CODE_LAZY,
  CODE_NULL,
  CODE_NUMBER,
  CODE_OTHER,
  CODE_STR,
  CODE_TRUE,
  INDEXED_KEYS,
  KEY_CALL_SITE,
  KEY_COLUMN0,
  KEY_FRAME_ID,
  KEY_OTHER,
  SITE_FRAME,
  SITE_LINE,
  type SkimContext,
} from './skim-context'
import {frameKeyOfBytes} from './frame-key'
import type {SkimPart} from './skim-split'
import {SkimRecordTable, type Column, type FrameColumns} from './skim-table'

/** Strings longer than this (bytes) in indexed fields are left in the body until asked for. */
const LAZY_STRING = 65536

/**
 * Builds the offset index of one thread's records: one pass over each record map, keeping its
 * offset and length, its top-level scalar fields (INDEXED_KEYS), and its frame_id and
 * user_code_call_site as frame keys; nested values are skipped without decoding.
 */
export class SkimTableBuilder {
  length = 0
  private capacity: number
  private readonly expected: number
  private offsets: Float64Array
  private lengths: Uint32Array
  private readonly columns: (Column | undefined)[] = INDEXED_KEYS.map(() => undefined)
  private frameKeys: Float64Array | undefined
  private siteKeys: Float64Array | undefined
  private siteLines: Int32Array | undefined
  // The string ids seen in the previous record, per key position and per column: hints for
  // internLike, since consecutive records mostly repeat them.
  private readonly keyHints = new Int32Array(32).fill(-1)
  // Two hints per column: values often alternate (call/return, a call's path and its return's).
  private readonly valueHints = new Int32Array(INDEXED_KEYS.length * 2).fill(-1)
  private siteKeyHints = [-1, -1]

  /** `expected`: how many records are coming, if known (a hint; capped). */
  constructor(
    private readonly ctx: SkimContext,
    expected = 64,
  ) {
    // Start small and double up to the count the list or container announced: fresh memory is
    // dear on some VMs, and a preview wants the first records indexed before 10M rows of
    // columns are allocated.
    this.expected = Math.max(64, Math.min(expected, 1 << 26))
    this.capacity = Math.min(this.expected, 1 << 15)
    this.offsets = new Float64Array(this.capacity)
    this.lengths = new Uint32Array(this.capacity)
  }

  /** Index the record map at `pos` (it must end by `end`); returns the position after it. */
  add(pos: number, end: number): number {
    const ctx = this.ctx
    const bytes = ctx.bytes
    const row = this.length
    if (row === this.capacity) this.grow()
    const recordStart = pos
    this.offsets[row] = ctx.base + pos
    let n: number
    const t = bytes[pos]
    if (t !== undefined && t >= 0x80 && t <= 0x8f) {
      n = t & 0x0f
      pos++
    } else if (t === 0xde || t === 0xdf) {
      const size = t === 0xde ? 2 : 4
      need(pos, 1 + size, end)
      n = readUint(bytes, pos + 1, size)
      pos += 1 + size
    } else {
      throw new MsgpackError('a record is not a map', pos)
    }
    for (let k = 0; k < n; k++) {
      if (pos >= end) throw new MsgpackError('a record is truncated', pos)
      const kb = bytes[pos]!
      let length = -1
      let start = 0
      if (kb >= 0xa0 && kb <= 0xbf) {
        length = kb - 0xa0
        start = pos + 1
      } else if (kb === 0xd9) {
        need(pos, 2, end)
        length = bytes[pos + 1]!
        start = pos + 2
      }
      if (length < 0) {
        pos = skipValues(bytes, pos, end, 2)
        continue
      }
      need(start, length, end)
      let id: number
      if (k < 32) {
        id = ctx.interner.internLike(this.keyHints[k]!, start, length)
        this.keyHints[k] = id
      } else {
        id = ctx.interner.intern(start, length)
      }
      const kind = ctx.keyKind(id)
      pos = start + length
      if (kind === KEY_OTHER) {
        pos = skipValues(bytes, pos, end)
      } else if (kind === KEY_FRAME_ID) {
        pos = this.frameId(pos, end, row)
      } else if (kind === KEY_CALL_SITE) {
        pos = this.callSite(pos, end, row)
      } else {
        // Fast paths for what nearly every field is: a short str or a float64.
        const index = kind - KEY_COLUMN0
        const vb = bytes[pos]!
        if (vb >= 0xa0 && vb <= 0xbf && pos < end) {
          if (this.columns[index] === undefined) this.column(index)
          pos = this.string(pos + 1, vb - 0xa0, end, index, row)
        } else if (vb === 0xcb && pos + 9 <= end) {
          this.number(this.column(index), row, ctx.view.getFloat64(pos + 1))
          pos += 9
        } else {
          pos = this.scalar(pos, end, index, row)
        }
      }
    }
    this.lengths[row] = pos - recordStart
    this.length = row + 1
    ctx.counted()
    return pos
  }

  /** The rows indexed so far, trimmed, for another thread (skim-part.ts). */
  exportRows(): Omit<SkimPart, 'strings'> {
    const n = this.length
    const cut = <T extends Float64Array | Uint32Array | Int32Array>(a: T): T => a.slice(0, n) as T
    return {
      rows: n,
      offsets: cut(this.offsets),
      lengths: cut(this.lengths),
      columns: this.columns.map(c =>
        c ? {codes: cut(c.codes), nums: c.nums && cut(c.nums)} : null,
      ),
      frameKeys: this.frameKeys && cut(this.frameKeys),
      siteKeys: this.siteKeys && cut(this.siteKeys),
      siteLines: this.siteLines && cut(this.siteLines),
    }
  }

  /**
   * Append the first `rows` rows another thread indexed from where this builder's rows end; its
   * strings are interned here. Returns the position after the last of them.
   */
  appendRows(part: SkimPart, rows: number): number {
    const start = this.length
    const total = start + rows
    while (this.capacity < total) this.grow()
    const interner = this.ctx.interner
    const ids = new Int32Array(part.strings.length).fill(-1)
    const idOf = (helperId: number): number => {
      let id = ids[helperId]!
      if (id < 0) ids[helperId] = id = interner.internText(part.strings[helperId]!)
      return id
    }
    this.offsets.set(part.offsets.subarray(0, rows), start)
    this.lengths.set(part.lengths.subarray(0, rows), start)
    part.columns.forEach((from, index) => {
      if (!from) return
      const column = this.column(index)
      const codes = column.codes
      for (let i = 0; i < rows; i++) {
        const code = from.codes[i]!
        codes[start + i] = code >= CODE_STR ? idOf(code - CODE_STR) + CODE_STR : code
      }
      if (from.nums) {
        ;(column.nums ??= new Float64Array(this.capacity)).set(from.nums.subarray(0, rows), start)
      }
    })
    if (part.frameKeys) {
      ;(this.frameKeys ??= new Float64Array(this.capacity)).set(
        part.frameKeys.subarray(0, rows),
        start,
      )
    }
    if (part.siteKeys && part.siteLines) {
      ;(this.siteKeys ??= new Float64Array(this.capacity)).set(
        part.siteKeys.subarray(0, rows),
        start,
      )
      ;(this.siteLines ??= new Int32Array(this.capacity)).set(
        part.siteLines.subarray(0, rows),
        start,
      )
    }
    this.length = total
    this.ctx.countedMany(rows)
    return rows > 0 ? part.offsets[rows - 1]! - this.ctx.base + part.lengths[rows - 1]! : -1
  }

  /** The finished table; the builder must not be used afterwards. */
  finish(): SkimRecordTable {
    return this.snapshot()
  }

  /** A table of the records indexed so far (a preview); later rows do not change it. */
  snapshot(): SkimRecordTable {
    const byName = new Map<string, Column | null>()
    INDEXED_KEYS.forEach((key, i) => {
      const column = this.columns[i]
      byName.set(key, column ? {codes: column.codes, nums: column.nums} : null)
    })
    const frames: FrameColumns = {
      frameKeys: this.frameKeys,
      siteKeys: this.siteKeys,
      siteLines: this.siteLines,
    }
    return new SkimRecordTable(this.ctx, this.offsets, this.lengths, this.length, byName, frames)
  }

  private column(index: number): Column {
    let column = this.columns[index]
    if (!column) {
      column = {codes: new Int32Array(this.capacity), nums: undefined}
      this.columns[index] = column
    }
    return column
  }

  private grow(): void {
    const doubled = this.capacity * 2
    const size = this.capacity < this.expected ? Math.min(doubled, this.expected) : doubled
    this.offsets = grow(this.offsets, new Float64Array(size))
    this.lengths = grow(this.lengths, new Uint32Array(size))
    for (const column of this.columns) {
      if (!column) continue
      column.codes = grow(column.codes, new Int32Array(size))
      if (column.nums) column.nums = grow(column.nums, new Float64Array(size))
    }
    if (this.frameKeys) this.frameKeys = grow(this.frameKeys, new Float64Array(size))
    if (this.siteKeys) this.siteKeys = grow(this.siteKeys, new Float64Array(size))
    if (this.siteLines) this.siteLines = grow(this.siteLines, new Int32Array(size))
    this.capacity = size
  }

  private number(column: Column, row: number, value: number): void {
    column.codes[row] = CODE_NUMBER
    ;(column.nums ??= new Float64Array(this.capacity))[row] = value
  }

  /** Store the value at `pos` in `column` if it is a scalar; returns the position after it. */
  private scalar(pos: number, end: number, index: number, row: number): number {
    const column = this.column(index)
    const bytes = this.ctx.bytes
    const b = bytes[pos]
    if (b === undefined || pos >= end) throw new MsgpackError('a record value is missing', pos)
    if (b < 0x80) {
      this.number(column, row, b)
      return pos + 1
    }
    if (b >= 0xe0) {
      this.number(column, row, b - 0x100)
      return pos + 1
    }
    if (b >= 0xa0 && b < 0xc0) return this.string(pos + 1, b & 0x1f, end, index, row)
    const view = this.ctx.view
    switch (b) {
      case 0xc0:
        column.codes[row] = CODE_NULL
        return pos + 1
      case 0xc2:
      case 0xc3:
        column.codes[row] = b === 0xc2 ? CODE_FALSE : CODE_TRUE
        return pos + 1
      case 0xcb:
        need(pos, 9, end)
        this.number(column, row, view.getFloat64(pos + 1))
        return pos + 9
      case 0xca:
        need(pos, 5, end)
        this.number(column, row, view.getFloat32(pos + 1))
        return pos + 5
      case 0xcc:
      case 0xcd:
      case 0xce: {
        const size = b === 0xcc ? 1 : b === 0xcd ? 2 : 4
        need(pos, 1 + size, end)
        this.number(column, row, readUint(bytes, pos + 1, size))
        return pos + 1 + size
      }
      case 0xd0:
      case 0xd1:
      case 0xd2: {
        const size = b === 0xd0 ? 1 : b === 0xd1 ? 2 : 4
        need(pos, 1 + size, end)
        const v =
          size === 1
            ? view.getInt8(pos + 1)
            : size === 2
              ? view.getInt16(pos + 1)
              : view.getInt32(pos + 1)
        this.number(column, row, v)
        return pos + 1 + size
      }
      case 0xcf:
      case 0xd3:
        need(pos, 9, end)
        this.number(
          column,
          row,
          Number(b === 0xcf ? view.getBigUint64(pos + 1) : view.getBigInt64(pos + 1)),
        )
        return pos + 9
      case 0xd9:
        need(pos, 2, end)
        return this.string(pos + 2, bytes[pos + 1]!, end, index, row)
      case 0xda:
        need(pos, 3, end)
        return this.string(pos + 3, readUint(bytes, pos + 1, 2), end, index, row)
      case 0xdb:
        need(pos, 5, end)
        return this.string(pos + 5, readUint(bytes, pos + 1, 4), end, index, row)
      case 0xd6:
        // fixext 4: ext 9, a value-table reference, is a str in disguise.
        need(pos, 6, end)
        if (bytes[pos + 1] === 9) {
          const id = this.ctx.refString(readUint(bytes, pos + 2, 4))
          column.codes[row] = id < 0 ? CODE_OTHER : id + CODE_STR
          return pos + 6
        }
        column.codes[row] = CODE_OTHER
        return pos + 6
      default:
        column.codes[row] = CODE_OTHER
        return skipValues(bytes, pos, end)
    }
  }

  private string(start: number, length: number, end: number, index: number, row: number): number {
    if (start + length > end) need(start, length, end)
    const column = this.columns[index]!
    if (length > LAZY_STRING) {
      column.codes[row] = CODE_LAZY
    } else {
      const hints = this.valueHints
      const last = hints[index * 2]!
      const interner = this.ctx.interner
      let id: number
      if (last >= 0 && interner.same(last, start, length)) id = last
      else {
        id = interner.internLike(hints[index * 2 + 1]!, start, length)
        hints[index * 2 + 1] = last
        hints[index * 2] = id
      }
      column.codes[row] = id + CODE_STR
    }
    return start + length
  }

  /** Keep the frame_id at `pos` as a frame key when it is a str; returns the position after it. */
  private frameId(pos: number, end: number, row: number): number {
    const bytes = this.ctx.bytes
    const b = bytes[pos]
    let start = -1
    let length = 0
    if (b !== undefined && b >= 0xa0 && b <= 0xbf) [start, length] = [pos + 1, b - 0xa0]
    else if (b === 0xd9 && pos + 2 <= end) [start, length] = [pos + 2, bytes[pos + 1]!]
    if (start < 0) return skipValues(bytes, pos, end)
    need(start, length, end)
    ;(this.frameKeys ??= new Float64Array(this.capacity))[row] = frameKeyOfBytes(
      bytes,
      start,
      length,
    )
    return start + length
  }

  /** Read `user_code_call_site` ({call_frame_id, line_number} or null) at `pos`. */
  private callSite(pos: number, end: number, row: number): number {
    const bytes = this.ctx.bytes
    const t = bytes[pos]
    if (t === undefined || t < 0x80 || t > 0x8f) return skipValues(bytes, pos, end)
    const n = t & 0x0f
    pos++
    let frame = 0
    let line = -1
    for (let k = 0; k < n; k++) {
      const kb = bytes[pos]
      if (kb === undefined || kb < 0xa0 || kb > 0xbf) {
        pos = skipValues(bytes, pos, end, 2)
        continue
      }
      need(pos + 1, kb - 0xa0, end)
      const hints = this.siteKeyHints
      const key = this.ctx.interner.internLike(hints[k & 1]!, pos + 1, kb - 0xa0)
      hints[k & 1] = key
      pos = pos + 1 + (kb - 0xa0)
      const kind = this.ctx.siteKeyKind(key)
      const vb = bytes[pos]
      if (kind === SITE_FRAME && vb !== undefined && vb >= 0xa0 && vb <= 0xbf) {
        need(pos + 1, vb - 0xa0, end)
        frame = frameKeyOfBytes(bytes, pos + 1, vb - 0xa0)
        pos += 1 + (vb - 0xa0)
      } else if (
        kind === SITE_LINE &&
        vb !== undefined &&
        (vb < 0x80 || vb === 0xcd || vb === 0xcc || vb === 0xce)
      ) {
        const size = vb < 0x80 ? 0 : vb === 0xcc ? 1 : vb === 0xcd ? 2 : 4
        need(pos, 1 + size, end)
        line = size === 0 ? vb : readUint(bytes, pos + 1, size)
        pos += 1 + size
      } else {
        pos = skipValues(bytes, pos, end)
      }
    }
    // Lines beyond 2^31 are no lines; the record still answers callSite() from its bytes.
    if (frame !== 0 && line >= 0 && line < 0x80000000) {
      ;(this.siteKeys ??= new Float64Array(this.capacity))[row] = frame
      ;(this.siteLines ??= new Int32Array(this.capacity))[row] = line
    }
    return pos
  }
}
