import {describe, expect, it} from 'vitest'
import {py} from '../values/py-value'
import type {PyValue} from '../values/py-value'
import {diffValues, sameValue} from './value-diff'

const s = py.str
const i = py.int
const d = (o: Record<string, PyValue>): PyValue =>
  py.dict(Object.entries(o).map(([k, v]) => [s(k), v]))

describe('diffValues', () => {
  it('finds a changed price deep in a dict of lists', () => {
    const order = (price: number) =>
      d({
        id: i(7),
        items: py.list([
          d({sku: s('a'), price: i(5)}),
          d({sku: s('b'), price: i(3)}),
          d({sku: s('c'), price: i(price)}),
        ]),
      })
    expect(diffValues(order(10), order(12))).toEqual({
      changes: [{path: "['items'][2]['price']", kind: 'changed', before: '10', after: '12'}],
      truncated: false,
    })
  })

  it('lists added and removed keys, and type changes', () => {
    const a = d({x: i(1), gone: s('old'), kind: py.list([i(1)])})
    const b = d({x: i(1), kind: py.tuple([i(1)]), fresh: py.none})
    expect(diffValues(a, b).changes).toEqual([
      {path: "['kind']", kind: 'type', before: '[1]', after: '(1,)'},
      {path: "['fresh']", kind: 'added', after: 'None'},
      {path: "['gone']", kind: 'removed', before: "'old'"},
    ])
  })

  it('shows an item inserted into a list as one added item', () => {
    const row = (n: number) => py.tuple([i(n), s(`review ${n}`)])
    const a = py.list([py.list([row(1), row(2), row(3)])])
    const b = py.list([py.list([row(1), row(2), row(9), row(3)])])
    expect(diffValues(a, b).changes).toEqual([
      {path: '[0][2]', kind: 'added', after: "(9, 'review 9')"},
    ])
  })

  it('pairs changed items between equal ones when lengths differ', () => {
    const a = py.list([i(1), i(2), i(3)])
    const b = py.list([i(1), i(20), i(3), i(4)])
    expect(diffValues(a, b).changes).toEqual([
      {path: '[1]', kind: 'changed', before: '2', after: '20'},
      {path: '[3]', kind: 'added', after: '4'},
    ])
  })

  it('matches list items by identity, so a changed row and a new row show as such', () => {
    // A book list gained a new first row, and the second row's rating changed.
    const row = (book: number, rating: number) =>
      d({book: py.repr(`<Book: ${book}>`), rating: py.float(rating)})
    const a = py.list([row(1, 4.5), row(2, 3), row(3, 5)])
    const b = py.list([row(4, 2), row(1, 4.25), row(2, 3), row(3, 5)])
    expect(diffValues(a, b).changes).toEqual([
      {path: '[0]', kind: 'added', after: "{'book': <Book: 4>, 'rating': 2.0}"},
      {path: "[1]['rating']", kind: 'changed', before: '4.5', after: '4.25'},
    ])
  })

  it('leaves out CSRF tokens unless asked not to', () => {
    const ctx = (token: string) =>
      d({csrf_token: py.repr(`<SimpleLazyObject: '${token}'>`), n: i(1)})
    expect(diffValues(ctx('abc'), ctx('xyz')).changes).toEqual([])
    expect(diffValues(ctx('abc'), ctx('xyz'), {ignoreKeys: []}).changes).toHaveLength(1)
  })

  it('compares sets as sets and dicts whatever their order', () => {
    const a = {t: 'set', items: [s('a'), s('b')]} as PyValue
    const b = {t: 'set', items: [s('c'), s('a')]} as PyValue
    expect(diffValues(a, b).changes).toEqual([
      {path: "{'b'}", kind: 'removed', before: "'b'"},
      {path: "{'c'}", kind: 'added', after: "'c'"},
    ])
    expect(sameValue(d({a: i(1), b: i(2)}), d({b: i(2), a: i(1)}))).toBe(true)
  })

  it('ignores memory addresses in reprs unless asked not to', () => {
    const a = py.repr('<list_iterator object at 0x7f62cdd63fa0>')
    const b = py.repr('<list_iterator object at 0x7f0011223344>')
    expect(diffValues(a, b).changes).toEqual([])
    expect(diffValues(a, b, {maskAddresses: false}).changes).toHaveLength(1)
  })

  it('says a value that appeared or disappeared, and bounds its output', () => {
    expect(diffValues(undefined, i(3)).changes).toEqual([{path: '', kind: 'added', after: '3'}])
    const many = (k: number) => py.list(Array.from({length: 100}, (_, n) => i(n * k)))
    const diff = diffValues(many(1), many(2), {maxChanges: 5, maxChars: 10})
    expect(diff.changes).toHaveLength(5)
    expect(diff.truncated).toBe(true)
  })
})
