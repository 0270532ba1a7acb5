import {
  PyCollection,
  PyDecimal,
  PyFloat,
  PyMissingRef,
  PyRepr,
  PyTemporal,
  PyTooDeep,
  PyUnknownExt,
  PyUnserializable,
} from './py-objects'
import {MsgpackError, need, readUint, skipValues} from './msgpack-skip'
import {asBuffer, utf8} from './utf8'

export {MsgpackError, need, readUint, skipValues} from './msgpack-skip'

/** The values ext 9 refers to (kolo-format.md §4.6), per v3 container (a Map will do). */
export interface ValueTable {
  get(id: number): string | Uint8Array | undefined
}

/** Nesting deeper than this decodes as PyTooDeep (Kolo's own packer stops at 512). */
export const MAX_DECODE_DEPTH = 600

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)
const collectionTypes = ['tuple', 'set', 'frozenset'] as const
const temporalTypes = ['datetime', 'date', 'time'] as const

/** Big-endian two's complement (ext 4) as a bigint. */
export function bigIntFromBytes(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n
  let v = 0n
  for (const b of bytes) v = (v << 8n) | BigInt(b)
  if (bytes[0]! & 0x80) v -= 1n << BigInt(bytes.length * 8)
  return v
}

/**
 * A recursive msgpack decoder with Kolo's extension types (kolo-format.md §4.4).
 *
 * Maps decode as Map, ints beyond 2^53 as bigint, bin as a Uint8Array view of the source. It
 * keeps no module state: ext 9 resolves against the table given here, so containers never mix.
 * Anything nested deeper than MAX_DECODE_DEPTH decodes as PyTooDeep (no stack overflow).
 */
export class MsgpackDecoder {
  pos = 0
  /** Decode floats with an integral value as PyFloat (for values shown to the user). */
  markIntegralFloats = false
  readonly bytes: Buffer
  private end = 0
  private readonly view: DataView

  constructor(
    bytes: Uint8Array,
    private readonly valueTable?: ValueTable,
  ) {
    this.bytes = asBuffer(bytes)
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  private float(v: number): number | PyFloat {
    return this.markIntegralFloats && Number.isInteger(v) ? new PyFloat(v) : v
  }

  /** Decode the one value at `start`, which must end by `end`; returns it (this.pos = its end). */
  decodeAt(start: number, end = this.bytes.length): unknown {
    this.pos = start
    this.end = end
    return this.value(0)
  }

  private value(depth: number): unknown {
    const bytes = this.bytes
    const pos = this.pos
    if (pos >= this.end) throw new MsgpackError('a value is missing (truncated data)', pos)
    const b = bytes[pos]!
    if (b < 0x80) {
      this.pos++
      return b
    }
    if (b >= 0xe0) {
      this.pos++
      return b - 0x100
    }
    if (b < 0xa0) {
      if (depth >= MAX_DECODE_DEPTH) return this.tooDeep()
      this.pos++
      return b < 0x90 ? this.map(b & 0x0f, depth) : this.array(b & 0x0f, depth)
    }
    if (b < 0xc0) return this.str(pos + 1, b & 0x1f)
    switch (b) {
      case 0xc0:
        this.pos++
        return null
      case 0xc2:
        this.pos++
        return false
      case 0xc3:
        this.pos++
        return true
      case 0xc4:
        return this.bin(pos + 2, this.len(pos, 1))
      case 0xc5:
        return this.bin(pos + 3, this.len(pos, 2))
      case 0xc6:
        return this.bin(pos + 5, this.len(pos, 4))
      case 0xc7:
        return this.ext(pos + 2, this.len(pos, 1), depth)
      case 0xc8:
        return this.ext(pos + 3, this.len(pos, 2), depth)
      case 0xc9:
        return this.ext(pos + 5, this.len(pos, 4), depth)
      case 0xca:
        need(pos, 5, this.end)
        this.pos += 5
        return this.float(this.view.getFloat32(pos + 1))
      case 0xcb:
        need(pos, 9, this.end)
        this.pos += 9
        return this.float(this.view.getFloat64(pos + 1))
      case 0xcc:
        return this.fixed(1, this.len(pos, 1))
      case 0xcd:
        return this.fixed(2, this.len(pos, 2))
      case 0xce:
        return this.fixed(4, this.len(pos, 4))
      case 0xcf:
        need(pos, 9, this.end)
        this.pos += 9
        return small(this.view.getBigUint64(pos + 1))
      case 0xd0:
        need(pos, 2, this.end)
        this.pos += 2
        return this.view.getInt8(pos + 1)
      case 0xd1:
        need(pos, 3, this.end)
        this.pos += 3
        return this.view.getInt16(pos + 1)
      case 0xd2:
        need(pos, 5, this.end)
        this.pos += 5
        return this.view.getInt32(pos + 1)
      case 0xd3:
        need(pos, 9, this.end)
        this.pos += 9
        return small(this.view.getBigInt64(pos + 1))
      case 0xd4:
        return this.ext(pos + 1, 1, depth)
      case 0xd5:
        return this.ext(pos + 1, 2, depth)
      case 0xd6:
        return this.ext(pos + 1, 4, depth)
      case 0xd7:
        return this.ext(pos + 1, 8, depth)
      case 0xd8:
        return this.ext(pos + 1, 16, depth)
      case 0xd9:
        return this.str(pos + 2, this.len(pos, 1))
      case 0xda:
        return this.str(pos + 3, this.len(pos, 2))
      case 0xdb:
        return this.str(pos + 5, this.len(pos, 4))
      case 0xdc:
      case 0xdd:
      case 0xde:
      case 0xdf: {
        if (depth >= MAX_DECODE_DEPTH) return this.tooDeep()
        const size = b === 0xdc || b === 0xde ? 2 : 4
        const n = this.len(pos, size)
        this.pos = pos + 1 + size
        return b < 0xde ? this.array(n, depth) : this.map(n, depth)
      }
      default:
        throw new MsgpackError(`invalid msgpack type byte 0x${b.toString(16)}`, pos)
    }
  }

  /** The length field of `size` bytes after the type byte at `pos`. */
  private len(pos: number, size: number): number {
    need(pos, 1 + size, this.end)
    return readUint(this.bytes, pos + 1, size)
  }

  private fixed(size: number, value: number): number {
    this.pos += 1 + size
    return value
  }

  private tooDeep(): PyTooDeep {
    const start = this.pos
    this.pos = skipValues(this.bytes, start, this.end)
    return new PyTooDeep(this.pos - start)
  }

  private str(start: number, length: number): string {
    need(start, length, this.end)
    this.pos = start + length
    return utf8(this.bytes, start, start + length)
  }

  private bin(start: number, length: number): Uint8Array {
    need(start, length, this.end)
    this.pos = start + length
    const {buffer, byteOffset} = this.bytes
    return new Uint8Array(buffer, byteOffset + start, length)
  }

  private array(n: number, depth: number): unknown[] {
    if (n > this.end - this.pos) throw new MsgpackError(`an array claims ${n} items`, this.pos)
    const out = new Array<unknown>(n)
    for (let i = 0; i < n; i++) out[i] = this.value(depth + 1)
    return out
  }

  private map(n: number, depth: number): Map<unknown, unknown> {
    if (n * 2 > this.end - this.pos) throw new MsgpackError(`a map claims ${n} entries`, this.pos)
    const out = new Map<unknown, unknown>()
    for (let i = 0; i < n; i++) {
      const key = this.value(depth + 1)
      out.set(key, this.value(depth + 1))
    }
    return out
  }

  /** Ext payload of `length` bytes whose type byte is at `at` (payload follows it). */
  private ext(at: number, length: number, depth: number): unknown {
    need(at, 1 + length, this.end)
    const code = this.view.getInt8(at)
    const start = at + 1
    const end = start + length
    this.pos = end
    const payload = new Uint8Array(this.bytes.buffer, this.bytes.byteOffset + start, length)
    switch (code) {
      case 0:
        return new PyRepr(utf8(this.bytes, start, end))
      case 1:
      case 2:
      case 3:
        return new PyTemporal(temporalTypes[code - 1]!, utf8(this.bytes, start, end))
      case 4:
        return bigIntFromBytes(payload)
      case 5:
        return new PyDecimal(utf8(this.bytes, start, end))
      case 6:
      case 7:
      case 8:
        return new PyCollection(collectionTypes[code - 6]!, this.nested(start, end, depth))
      case 9:
        if (length !== 4) return new PyUnknownExt(code, payload)
        return this.ref(readUint(this.bytes, start, 4))
      case 127:
        return new PyUnserializable(utf8(this.bytes, start, end))
      default:
        return new PyUnknownExt(code, payload)
    }
  }

  /** A nested document (ext 6/7/8): decode it in place, then resume after the ext. */
  private nested(start: number, end: number, depth: number): unknown[] {
    if (start === end) return []
    const savedEnd = this.end
    this.pos = start
    this.end = end
    try {
      const value = depth >= MAX_DECODE_DEPTH ? this.tooDeep() : this.value(depth + 1)
      return Array.isArray(value) ? value : [value]
    } finally {
      this.pos = end
      this.end = savedEnd
    }
  }

  private ref(id: number): unknown {
    const value = this.valueTable?.get(id)
    return value ?? new PyMissingRef(id)
  }
}

/** A 64-bit int as a number when exact, else a bigint. */
function small(v: bigint): number | bigint {
  return v <= MAX_SAFE && v >= -MAX_SAFE ? Number(v) : v
}

/** Decode one msgpack value from `bytes[start, end)`; the value must fill the range. */
export function decodeMsgpack(
  bytes: Uint8Array,
  valueTable?: ValueTable,
  start = 0,
  end = bytes.length,
): unknown {
  const decoder = new MsgpackDecoder(bytes, valueTable)
  const value = decoder.decodeAt(start, end)
  if (decoder.pos !== end) {
    throw new MsgpackError(`${end - decoder.pos} stray bytes after the value`, decoder.pos)
  }
  return value
}
