import {
  PyCollection,
  PyDecimal,
  PyMissingRef,
  PyRepr,
  PyTemporal,
  PyUnknownExt,
  PyUnserializable,
} from '../decode/py-objects'
import {PyFloat, PyIntExt} from '../kolo-writer/msgpack-writer'

/**
 * A small, strict msgpack decoder that keeps every distinction encodeKolo can write back:
 * integral floats stay PyFloat, ext-4 ints stay PyIntExt, maps are Maps.
 *
 * For tests of the writers (decode → encode must give the same bytes as Kolo wrote), not for
 * reading traces: the real decoder lives in main/node/decode.
 */
export function decodeExact(bytes: Uint8Array): unknown {
  const reader = new Reader(bytes)
  const value = reader.value()
  if (reader.pos !== bytes.length) throw new Error(`trailing bytes at ${reader.pos}`)
  return value
}

const temporal = {1: 'datetime', 2: 'date', 3: 'time'} as const
const collection = {6: 'tuple', 7: 'set', 8: 'frozenset'} as const

class Reader {
  pos = 0
  private readonly view: DataView
  private readonly text = new TextDecoder('utf-8', {fatal: true})

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  value(): unknown {
    const b = this.u(1)
    if (b < 0x80) return b
    if (b >= 0xe0) return b - 0x100
    if (b >= 0x80 && b <= 0x8f) return this.map(b & 0x0f)
    if (b >= 0x90 && b <= 0x9f) return this.array(b & 0x0f)
    if (b >= 0xa0 && b <= 0xbf) return this.str(b & 0x1f)
    switch (b) {
      case 0xc0:
        return null
      case 0xc2:
        return false
      case 0xc3:
        return true
      case 0xc4:
        return this.take(this.u(1)).slice()
      case 0xc5:
        return this.take(this.u(2)).slice()
      case 0xc6:
        return this.take(this.u(4)).slice()
      case 0xc7:
      case 0xc8:
      case 0xc9: {
        const n = this.u(b === 0xc7 ? 1 : b === 0xc8 ? 2 : 4)
        return this.ext(this.i8(), this.take(n))
      }
      case 0xca:
        return new PyFloat(this.step(4, p => this.view.getFloat32(p)))
      case 0xcb: {
        const f = this.step(8, p => this.view.getFloat64(p))
        return Number.isInteger(f) ? new PyFloat(f) : f
      }
      case 0xcc:
      case 0xcd:
      case 0xce:
        return this.u(b === 0xcc ? 1 : b === 0xcd ? 2 : 4)
      case 0xcf:
        return small(this.step(8, p => this.view.getBigUint64(p)))
      case 0xd0:
        return this.i8()
      case 0xd1:
        return this.step(2, p => this.view.getInt16(p))
      case 0xd2:
        return this.step(4, p => this.view.getInt32(p))
      case 0xd3:
        return small(this.step(8, p => this.view.getBigInt64(p)))
      case 0xd4:
      case 0xd5:
      case 0xd6:
      case 0xd7:
      case 0xd8: {
        const type = this.i8()
        return this.ext(type, this.take([1, 2, 4, 8, 16][b - 0xd4] ?? 0))
      }
      case 0xd9:
        return this.str(this.u(1))
      case 0xda:
        return this.str(this.u(2))
      case 0xdb:
        return this.str(this.u(4))
      case 0xdc:
        return this.array(this.u(2))
      case 0xdd:
        return this.array(this.u(4))
      case 0xde:
        return this.map(this.u(2))
      case 0xdf:
        return this.map(this.u(4))
      default:
        throw new Error(`bad msgpack byte 0x${b.toString(16)} at ${this.pos - 1}`)
    }
  }

  private ext(type: number, payload: Uint8Array): unknown {
    const s = (): string => this.text.decode(payload)
    if (type === 0) return new PyRepr(s())
    if (type === 1 || type === 2 || type === 3) return new PyTemporal(temporal[type], s())
    if (type === 4) return new PyIntExt(bigIntFrom(payload))
    if (type === 5) return new PyDecimal(s())
    if (type === 6 || type === 7 || type === 8) {
      const items = decodeExact(payload)
      if (!Array.isArray(items)) throw new Error('ext 6/7/8 payload is not an array')
      return new PyCollection(collection[type], items as unknown[])
    }
    if (type === 9) {
      return new PyMissingRef(new DataView(payload.buffer, payload.byteOffset).getUint32(0))
    }
    if (type === 127) return new PyUnserializable(s())
    return new PyUnknownExt(type, payload.slice())
  }

  private map(n: number): Map<unknown, unknown> {
    const m = new Map<unknown, unknown>()
    for (let i = 0; i < n; i++) {
      const k = this.value()
      m.set(k, this.value())
    }
    return m
  }

  private array(n: number): unknown[] {
    const a: unknown[] = []
    for (let i = 0; i < n; i++) a.push(this.value())
    return a
  }

  private str(n: number): string {
    return this.text.decode(this.take(n))
  }

  private take(n: number): Uint8Array {
    if (this.pos + n > this.bytes.length) throw new Error(`truncated at ${this.pos}`)
    const out = this.bytes.subarray(this.pos, this.pos + n)
    this.pos += n
    return out
  }

  private u(size: 1 | 2 | 4): number {
    return this.step(size, p =>
      size === 1
        ? this.view.getUint8(p)
        : size === 2
          ? this.view.getUint16(p)
          : this.view.getUint32(p),
    )
  }

  private i8(): number {
    return this.step(1, p => this.view.getInt8(p))
  }

  private step<T>(size: number, read: (p: number) => T): T {
    if (this.pos + size > this.bytes.length) throw new Error(`truncated at ${this.pos}`)
    const v = read(this.pos)
    this.pos += size
    return v
  }
}

function small(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(v)
    : v
}

function bigIntFrom(bytes: Uint8Array): bigint {
  let v = 0n
  for (const b of bytes) v = (v << 8n) | BigInt(b)
  return bytes.length && (bytes[0] ?? 0) & 0x80 ? v - (1n << BigInt(bytes.length * 8)) : v
}
