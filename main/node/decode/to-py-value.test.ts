import {describe, expect, it} from 'vitest'
import type {PyValue} from '../../../shared/values/py-value'
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
import {toPyValue} from './to-py-value'

describe('toPyValue', () => {
  it.each<[string, unknown, PyValue]>([
    ['None', null, {t: 'none'}],
    ['bool', true, {t: 'bool', v: true}],
    ['int', 42, {t: 'int', v: '42'}],
    ['negative int', -7, {t: 'int', v: '-7'}],
    ['bigint', 2n ** 80n, {t: 'int', v: '1208925819614629174706176'}],
    ['float', 1.5, {t: 'float', v: 1.5}],
    ['nan', NaN, {t: 'float', v: 'nan'}],
    ['-inf', -Infinity, {t: 'float', v: '-inf'}],
    ['huge float', 1e300, {t: 'float', v: 1e300}],
    ['str', 'héllo', {t: 'str', v: 'héllo'}],
    ['bytes', new Uint8Array([0, 255]), {t: 'bytes', hex: '00ff', length: 2}],
    ['repr', new PyRepr('<Book: Dune>'), {t: 'repr', v: '<Book: Dune>'}],
    [
      'datetime',
      new PyTemporal('datetime', '2026-01-01T00:00:00'),
      {t: 'datetime', v: '2026-01-01T00:00:00'},
    ],
    ['date', new PyTemporal('date', '2026-01-01'), {t: 'date', v: '2026-01-01'}],
    ['decimal', new PyDecimal('1.10'), {t: 'decimal', v: '1.10'}],
    ['unserializable', new PyUnserializable('app.Thing'), {t: 'unserializable', v: 'app.Thing'}],
    ['missing ref', new PyMissingRef(3), {t: 'missing-ref', id: 3}],
    [
      'unknown ext',
      new PyUnknownExt(42, new Uint8Array([1, 2])),
      {t: 'ext', code: 42, hex: '0102'},
    ],
    ['too deep', new PyTooDeep(10), {t: 'elided', reason: 'nested too deep to decode'}],
    [
      'list',
      [1, 'a'],
      {
        t: 'list',
        items: [
          {t: 'int', v: '1'},
          {t: 'str', v: 'a'},
        ],
      },
    ],
    ['tuple', new PyCollection('tuple', [null]), {t: 'tuple', items: [{t: 'none'}]}],
    ['frozenset', new PyCollection('frozenset', []), {t: 'frozenset', items: []}],
    [
      'dict with tuple and None keys',
      new Map<unknown, unknown>([
        [new PyCollection('tuple', [1, 2]), 'a'],
        [null, 0],
      ]),
      {
        t: 'dict',
        entries: [
          [
            {
              t: 'tuple',
              items: [
                {t: 'int', v: '1'},
                {t: 'int', v: '2'},
              ],
            },
            {t: 'str', v: 'a'},
          ],
          [{t: 'none'}, {t: 'int', v: '0'}],
        ],
      },
    ],
  ])('%s', (_name, input, expected) => {
    expect(toPyValue(input)).toEqual(expected)
  })

  it('cuts long strings, long containers and big bytes, keeping the full size', () => {
    const big = 'x'.repeat(50 * 1024 * 1024)
    const v = toPyValue(big)
    expect(v).toEqual({t: 'str', v: 'x'.repeat(100_000), cut: big.length})
    const list = toPyValue(Array.from({length: 5000}, (_, i) => i))
    expect(list.t === 'list' && list.items.length === 1000 && list.cut === 5000).toBe(true)
    const dict = toPyValue(new Map(Array.from({length: 1500}, (_, i) => [i, i])), {maxItems: 10})
    expect(dict.t === 'dict' && dict.entries.length === 10 && dict.cut === 1500).toBe(true)
    const bytes = toPyValue(new Uint8Array(1_000_000), {maxStr: 10})
    expect(bytes).toEqual({t: 'bytes', hex: '0000000000', length: 1_000_000})
    expect(toPyValue(new PyRepr('r'.repeat(20)), {maxStr: 5})).toEqual({t: 'repr', v: 'rrrrr…'})
  })

  it('elides beyond maxDepth and once the total budget is spent', () => {
    let deep: unknown = 'leaf'
    for (let i = 0; i < 30; i++) deep = [deep]
    let v = toPyValue(deep)
    for (let i = 0; i < 12; i++) v = (v as {items: PyValue[]}).items[0]!
    expect(v).toEqual({t: 'elided', reason: 'deeper than 12 levels'})
    const wide = Array.from({length: 1000}, () => Array.from({length: 1000}, () => 'abc'))
    const out = JSON.stringify(toPyValue(wide))
    expect(out.length).toBeLessThan(3_000_000)
    expect(out).toContain('"elided"')
    const strings = Array.from({length: 100}, () => 'y'.repeat(100_000))
    const many = toPyValue(strings, {maxChars: 250_000})
    expect(JSON.stringify(many).length).toBeLessThan(300_000)
  })

  it('is JSON-safe', () => {
    const v = toPyValue(new Map<unknown, unknown>([['a', [2n ** 70n, NaN, new Uint8Array([1])]]]))
    expect(JSON.parse(JSON.stringify(v))).toEqual(v)
  })
})
