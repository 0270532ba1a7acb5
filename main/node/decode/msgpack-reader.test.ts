import {describe, expect, it} from 'vitest'
import {encodeKolo, PyFloat, PyIntExt} from '../kolo-writer/msgpack-writer'
import {
  bigIntFromBytes,
  decodeMsgpack,
  MAX_DECODE_DEPTH,
  MsgpackError,
  skipValues,
} from './msgpack-reader'
import {
  PyCollection,
  PyDecimal,
  PyMissingRef,
  PyRepr,
  PyTemporal,
  PyTooDeep,
  PyUnknownExt,
  PyUnserializable,
} from './py-objects'

const roundTrip = (value: unknown): unknown => decodeMsgpack(encodeKolo(value))

describe('decodeMsgpack: Kolo ext types (kolo-format.md §4.4)', () => {
  it('ext 0 repr, 1/2/3 temporal, 5 Decimal, 127 unserializable keep their class', () => {
    for (const v of [
      new PyRepr('<Book: Dune>'),
      new PyTemporal('datetime', '2026-11-25T22:49:32.165000+00:00'),
      new PyTemporal('date', '2026-11-25'),
      new PyTemporal('time', '22:49:32'),
      new PyDecimal('12.50'),
      new PyUnserializable('shelf.models.Weird'),
    ]) {
      expect(roundTrip(v)).toEqual(v)
    }
  })

  it('ext 4 big ints (two’s complement), int64 beyond 2^53 as bigint, safe ints as number', () => {
    expect(roundTrip(new PyIntExt(2n ** 100n))).toBe(2n ** 100n)
    expect(roundTrip(new PyIntExt(-(2n ** 70n) - 5n))).toBe(-(2n ** 70n) - 5n)
    expect(roundTrip(new PyIntExt(3n))).toBe(3n)
    expect(roundTrip(2n ** 60n)).toBe(2n ** 60n)
    expect(roundTrip(-(2n ** 60n))).toBe(-(2n ** 60n))
    expect(roundTrip(2 ** 53 - 1)).toBe(2 ** 53 - 1)
    expect(roundTrip(-129)).toBe(-129)
    expect(roundTrip(new PyFloat(2))).toBe(2)
    expect(roundTrip(1.5)).toBe(1.5)
    expect(bigIntFromBytes(new Uint8Array([0xff]))).toBe(-1n)
    expect(bigIntFromBytes(new Uint8Array([0x00, 0x80]))).toBe(128n)
  })

  it('ext 6/7/8 are nested documents decoded with the same rules', () => {
    const inner = new PyCollection('frozenset', [new PyDecimal('1.0'), 2n ** 64n])
    const tuple = new PyCollection('tuple', [1, 'a', null, inner, new PyCollection('set', [])])
    expect(roundTrip(tuple)).toEqual(tuple)
  })

  it('maps decode as Map with int, null and tuple keys; bin as Uint8Array', () => {
    const key = new PyCollection('tuple', [1, 2])
    const map = new Map<unknown, unknown>([
      [1, 'one'],
      [null, 'none'],
      [key, new Uint8Array([1, 2, 3])],
      ['nested', new Map([['a', [true, false]]])],
    ])
    const out = roundTrip(map) as Map<unknown, unknown>
    expect([...out.keys()].slice(0, 2)).toEqual([1, null])
    expect([...out.keys()][2]).toEqual(key)
    expect(out.get('nested')).toEqual(new Map([['a', [true, false]]]))
    expect([...(out.get([...out.keys()][2]) as Uint8Array)]).toEqual([1, 2, 3])
  })

  it('ext 9 resolves against the table it is given, else PyMissingRef', () => {
    const bytes = encodeKolo([new PyMissingRef(7), new PyMissingRef(8)])
    const table = new Map<number, string | Uint8Array>([[7, 'x'.repeat(5000)]])
    expect(decodeMsgpack(bytes, table)).toEqual(['x'.repeat(5000), new PyMissingRef(8)])
    expect(decodeMsgpack(bytes)).toEqual([new PyMissingRef(7), new PyMissingRef(8)])
  })

  it('unknown ext codes stay opaque, negative codes included', () => {
    const v = new PyUnknownExt(42, new Uint8Array([9, 8, 7]))
    expect(roundTrip(v)).toEqual(v)
    const timestamp = Uint8Array.from([0xd6, 0xff, 0, 0, 0, 1])
    expect(decodeMsgpack(timestamp)).toEqual(new PyUnknownExt(-1, new Uint8Array([0, 0, 0, 1])))
  })

  it('nesting beyond MAX_DECODE_DEPTH becomes PyTooDeep, not a stack overflow', () => {
    const depth = 100_000
    const bytes = new Uint8Array(depth + 1).fill(0x91)
    bytes[depth] = 0xc0
    let v = decodeMsgpack(bytes)
    for (let i = 0; i < MAX_DECODE_DEPTH; i++) v = (v as unknown[])[0]
    expect(v).toBeInstanceOf(PyTooDeep)
    expect(skipValues(bytes, 0, bytes.length)).toBe(bytes.length)
  })

  it('rejects truncation, absurd lengths and invalid bytes with MsgpackError', () => {
    const str32 = Uint8Array.from([0xdb, 0xff, 0xff, 0xff, 0xff, 0x41])
    const array32 = Uint8Array.from([0xdd, 0xff, 0xff, 0xff, 0xff, 0x01])
    for (const bad of [
      str32,
      array32,
      Uint8Array.from([0xc1]),
      Uint8Array.from([0x92, 0x01]),
      new Uint8Array(),
    ]) {
      expect(() => decodeMsgpack(bad)).toThrow(MsgpackError)
      expect(() => skipValues(bad, 0, bad.length)).toThrow(MsgpackError)
    }
    expect(() => decodeMsgpack(Uint8Array.from([0x01, 0x02]))).toThrow(/stray bytes/)
  })
})
