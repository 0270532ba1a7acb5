import {PyFloat} from '../decode/py-objects'
import {
  PyCollection,
  PyDecimal,
  PyMissingRef,
  PyRepr,
  PyTemporal,
  PyUnknownExt,
  PyUnserializable,
} from '../decode/py-objects'

/**
 * A msgpack encoder that writes what Kolo writes (Python `msgpack.packb(..., strict_types=True)`).
 *
 * Hand-written rather than msgpackr's Packr: msgpackr's `addExtension` is process-global and would
 * replace the decoder's ext handlers, and Packr writes ints beyond 32 bits as float64 and small
 * objects as map16. This writer emits the smallest int and str headers, float64 for non-integral
 * numbers, fix/16/32 container headers, and Kolo's ext types (kolo-format.md §4.4).
 */

// A Python float whose value happens to be integral (JS cannot tell 5.0 from 5): the decoder's
// type, so what the writer takes is what the reader gives back.
export {PyFloat} from '../decode/py-objects'

/** A Python int written as ext 4 even when it is small (an int subclass such as IntEnum). */
export class PyIntExt {
  constructor(readonly value: bigint) {}
}

const extCode = {datetime: 1, date: 2, time: 3, tuple: 6, set: 7, frozenset: 8} as const
const INT64_MIN = -(2n ** 63n)
const UINT64_MAX = 2n ** 64n - 1n

/** An append-only msgpack byte buffer; call `value()` or the header methods, then `take()`. */
export class MsgpackWriter {
  private buf: Buffer
  private pos = 0

  constructor(initialBytes = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(initialBytes)
  }

  /** Bytes written so far. */
  get length(): number {
    return this.pos
  }

  /** A copy of the bytes written so far; the writer is reset for reuse. */
  take(): Uint8Array {
    const out = new Uint8Array(this.pos)
    out.set(this.buf.subarray(0, this.pos))
    this.pos = 0
    return out
  }

  /** A view of the bytes written so far (valid until the next write); the writer is reset. */
  takeView(): Buffer {
    const out = this.buf.subarray(0, this.pos)
    this.pos = 0
    return out
  }

  /** Any JS value as Kolo would encode its Python counterpart. */
  value(v: unknown): void {
    if (v === null || v === undefined) return this.byte(0xc0)
    switch (typeof v) {
      case 'boolean':
        return this.byte(v ? 0xc3 : 0xc2)
      case 'number':
        return Number.isSafeInteger(v) && !Object.is(v, -0) ? this.int(v) : this.float(v)
      case 'bigint':
        return v >= INT64_MIN && v <= UINT64_MAX ? this.int(v) : this.ext(4, bigIntBytes(v))
      case 'string':
        return this.str(v)
      case 'object':
        return this.object(v)
      default:
        throw new TypeError(`cannot encode a ${typeof v} as msgpack`)
    }
  }

  /** An int in the smallest encoding Python's msgpack picks. */
  int(v: number | bigint): void {
    if (typeof v === 'number' && v >= 0) {
      if (v < 0x80) return this.byte(v)
      if (v < 0x100) return this.head(0xcc, 1, v)
      if (v < 0x10000) return this.head(0xcd, 2, v)
      if (v < 0x100000000) return this.head(0xce, 4, v)
      return this.int(BigInt(v))
    }
    if (typeof v === 'number') {
      if (v >= -32) return this.byte(v & 0xff)
      if (v >= -0x80) return this.head(0xd0, 1, v)
      if (v >= -0x8000) return this.head(0xd1, 2, v)
      if (v >= -0x80000000) return this.head(0xd2, 4, v)
      return this.int(BigInt(v))
    }
    if (v >= -0x80000000n && v < 0x100000000n) return this.int(Number(v))
    this.room(9)
    if (v < 0n) {
      this.buf[this.pos++] = 0xd3
      this.buf.writeBigInt64BE(v, this.pos)
    } else {
      this.buf[this.pos++] = 0xcf
      this.buf.writeBigUInt64BE(v, this.pos)
    }
    this.pos += 8
  }

  /** A float64 (Python floats are doubles). */
  float(v: number): void {
    this.room(9)
    this.buf[this.pos++] = 0xcb
    this.buf.writeDoubleBE(v, this.pos)
    this.pos += 8
  }

  /** A UTF-8 str. */
  str(s: string): void {
    const ascii = s.length < 64 && isAscii(s)
    const n = ascii ? s.length : Buffer.byteLength(s, 'utf8')
    if (n < 32) this.byte(0xa0 | n)
    else if (n < 0x100) this.head(0xd9, 1, n)
    else if (n < 0x10000) this.head(0xda, 2, n)
    else this.head(0xdb, 4, n)
    this.room(n)
    if (ascii) this.writeAscii(s, this.pos)
    else this.buf.write(s, this.pos, 'utf8')
    this.pos += n
  }

  /** A bin (Python bytes). */
  bin(b: Uint8Array): void {
    const n = b.length
    if (n < 0x100) this.head(0xc4, 1, n)
    else if (n < 0x10000) this.head(0xc5, 2, n)
    else this.head(0xc6, 4, n)
    this.raw(b)
  }

  /** An array header for `n` items; write the items next. */
  arrayHeader(n: number): void {
    if (n < 16) this.byte(0x90 | n)
    else if (n < 0x10000) this.head(0xdc, 2, n)
    else this.head(0xdd, 4, n)
  }

  /** A map header for `n` pairs; write key, value, key, value… next. */
  mapHeader(n: number): void {
    if (n < 16) this.byte(0x80 | n)
    else if (n < 0x10000) this.head(0xde, 2, n)
    else this.head(0xdf, 4, n)
  }

  /** An ext value with its payload. */
  ext(type: number, payload: Uint8Array): void {
    const n = payload.length
    const fixed = [1, 2, 4, 8, 16].indexOf(n)
    if (fixed >= 0) this.head(0xd4 + fixed, 1, type)
    else {
      if (n < 0x100) this.head(0xc7, 1, n)
      else if (n < 0x10000) this.head(0xc8, 2, n)
      else this.head(0xc9, 4, n)
      this.byte(type & 0xff)
    }
    this.raw(payload)
  }

  /** Bytes copied verbatim (an already-encoded value). */
  raw(b: Uint8Array): void {
    this.room(b.length)
    this.buf.set(b, this.pos)
    this.pos += b.length
  }

  private object(v: object): void {
    if (Array.isArray(v)) {
      this.arrayHeader(v.length)
      for (const item of v) this.value(item)
    } else if (v instanceof Map) {
      this.mapHeader(v.size)
      for (const [k, item] of v) {
        this.value(k)
        this.value(item)
      }
    } else if (v instanceof Uint8Array) {
      this.bin(v)
    } else if (v instanceof PyRepr) {
      this.ext(0, utf8(v.text))
    } else if (v instanceof PyTemporal) {
      this.ext(extCode[v.type], utf8(v.iso))
    } else if (v instanceof PyDecimal) {
      this.ext(5, utf8(v.text))
    } else if (v instanceof PyCollection) {
      this.ext(extCode[v.type], encodeKolo(v.items)) // a nested msgpack document
    } else if (v instanceof PyUnserializable) {
      this.ext(127, utf8(v.text))
    } else if (v instanceof PyFloat) {
      this.float(v.value)
    } else if (v instanceof PyIntExt) {
      this.ext(4, bigIntBytes(v.value))
    } else if (v instanceof PyMissingRef) {
      const id = Buffer.alloc(4)
      id.writeUInt32BE(v.id)
      this.ext(9, id)
    } else if (v instanceof PyUnknownExt) {
      this.ext(v.code, v.bytes)
    } else if (v instanceof Date) {
      this.ext(1, utf8(v.toISOString()))
    } else {
      // A plain object: a dict with str keys, in insertion order.
      const entries = Object.entries(v)
      this.mapHeader(entries.length)
      for (const [k, item] of entries) {
        this.str(k)
        this.value(item)
      }
    }
  }

  private byte(b: number): void {
    this.room(1)
    this.buf[this.pos++] = b
  }

  /** A one-byte tag and a big-endian number of `size` bytes (signed for the int tags). */
  private head(tag: number, size: 1 | 2 | 4, n: number): void {
    this.room(1 + size)
    this.buf[this.pos++] = tag
    if (size === 1) this.buf[this.pos] = n & 0xff
    else if (size === 2 && tag === 0xd1) this.buf.writeInt16BE(n, this.pos)
    else if (size === 2) this.buf.writeUInt16BE(n, this.pos)
    else if (tag === 0xd2) this.buf.writeInt32BE(n, this.pos)
    else this.buf.writeUInt32BE(n, this.pos)
    this.pos += size
  }

  private writeAscii(s: string, at: number): number {
    for (let i = 0; i < s.length; i++) this.buf[at + i] = s.charCodeAt(i)
    return s.length
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return
    let size = this.buf.length * 2
    while (size < this.pos + n) size *= 2
    const next = Buffer.allocUnsafe(size)
    this.buf.copy(next, 0, 0, this.pos)
    this.buf = next
  }
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false
  return true
}

function utf8(s: string): Uint8Array {
  return Buffer.from(s, 'utf8')
}

/** Python's `int.to_bytes((bit_length + 7) // 8 + 1, 'big', signed=True)`. */
export function bigIntBytes(v: bigint): Uint8Array {
  const magnitude = v < 0n ? -v : v
  const bitLength = magnitude === 0n ? 0 : magnitude.toString(2).length
  const n = Math.floor((bitLength + 7) / 8) + 1
  const out = new Uint8Array(n)
  let rest = BigInt.asUintN(n * 8, v)
  for (let i = n - 1; i >= 0; i--) {
    out[i] = Number(rest & 0xffn)
    rest >>= 8n
  }
  return out
}

/** One value as a msgpack document, with Kolo's ext types; Maps and plain objects become maps. */
export function encodeKolo(value: unknown): Uint8Array {
  const writer = new MsgpackWriter(256)
  writer.value(value)
  return writer.take()
}
