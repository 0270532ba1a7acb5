import {describe, expect, it} from 'vitest'
import type {TraceDiff} from '../../../shared/diff/trace-diff'
import {diffTraces} from './diff-traces'
import {builtSource} from './built-source'
import {buildRecorded} from './testing/recorded-trace'
import {shopTrace} from './testing/shop-trace'
import type {ShopEdits} from './testing/shop-trace'

const models = new WeakMap<TraceDiff, ReturnType<typeof buildRecorded>>()

/** The rows of B with this name, in order. */
function rowsNamed(diff: TraceDiff, name: string): number[] {
  const model = models.get(diff)!.model
  const rows: number[] = []
  for (let row = 0; row < model.nodeCount; row++) {
    if (model.strings[model.nameId[row]!] === name) rows.push(row)
  }
  return rows
}

async function diffShop(before: ShopEdits, after: ShopEdits): Promise<TraceDiff> {
  const a = buildRecorded(shopTrace(before, 1))
  const b = buildRecorded(shopTrace(after, 2))
  const diff = await diffTraces(builtSource(a), builtSource(b))
  models.set(diff, b)
  return diff
}

/** The structural edits (inserted, removed, moved) as "kind nodeKind name". */
const editLines = (diff: TraceDiff) =>
  diff.edits.edits.filter(e => e.kind !== 'changed').map(e => `${e.kind} ${e.nodeKind} ${e.name}`)

/** The calls listed as changed. */
const changedLines = (diff: TraceDiff) =>
  diff.edits.edits.filter(e => e.kind === 'changed').map(e => `${e.nodeKind} ${e.name}`)

describe('diffTraces on generated pairs with known edits', () => {
  it('finds nothing between two recordings of the same code', async () => {
    const diff = await diffShop({}, {})
    expect(diff.identical).toBe(true)
    expect(diff.edits.edits).toEqual([])
    expect(diff.calls).toEqual([])
    expect(diff.summary.line).toBe('POST /cart/add/: no changes')
  })

  it('finds an inserted call', async () => {
    const diff = await diffShop({}, {notify: true})
    expect(editLines(diff)).toEqual(['inserted frame shop.services.notify'])
    expect(changedLines(diff)).toEqual([])
    expect(diff.edits.edits[0]?.path).toEqual(['POST /cart/add/', 'shop.views.add_to_cart'])
    expect(diff.identical).toBe(false)
    expect(diff.summary.line).toBe('POST /cart/add/: +1 call')
  })

  it('finds a removed subtree, with its query gone', async () => {
    const diff = await diffShop({}, {audit: false})
    expect(editLines(diff)).toEqual(['removed frame shop.services.audit'])
    expect(changedLines(diff)).toEqual([])
    expect(diff.edits.edits[0]?.rows).toBe(2)
    const gone = diff.sql.fingerprints.filter(f => f.status === 'gone')
    expect(gone.map(f => f.fingerprint)).toEqual([
      'SELECT COUNT(*) FROM "shop_audit" WHERE "user" = ?',
    ])
    expect(diff.summary.line).toBe(
      'POST /cart/add/: 4 queries (was 5, −1), 1 query shape gone, −1 call',
    )
  })

  it('finds a loop with one more iteration and its N+1 query', async () => {
    const diff = await diffShop({}, {items: 4})
    expect(editLines(diff)).toEqual(['inserted frame shop.services.line_total'])
    // The cart the calls receive holds one more item: the values of the calls around the loop.
    expect(changedLines(diff)).toEqual([
      'request POST /cart/add/',
      'frame shop.views.add_to_cart',
      'frame shop.services.price_cart',
      'template shop/cart.html',
    ])
    // The fourth line_total (the new one) is the inserted row; the first three are matched.
    const loop = rowsNamed(diff, 'shop.services.line_total')
    expect(loop.map(row => diff.alignment.bToA[row]! >= 0)).toEqual([true, true, true, false])
    expect(diff.sql.nPlusOne.changed).toHaveLength(1)
    expect(diff.sql.nPlusOne.changed[0]).toMatchObject({
      a: {count: 3, site: 'shop/services.py:33'},
      b: {count: 4},
    })
    const stock = diff.sql.fingerprints.find(f => f.fingerprint.includes('shop_stock'))
    expect(stock).toMatchObject({status: 'more', count: {a: 3, b: 4}, rows: {a: 3, b: 4}})
    expect(diff.summary.parts.slice(0, 2)).toEqual([
      '6 queries (was 5, +1)',
      'N+1 at shop/services.py:33: 4 queries (was 3)',
    ])
  })

  it('finds a changed argument deep in a dict, and where it shows', async () => {
    const diff = await diffShop({}, {price: 12})
    expect(editLines(diff)).toEqual([])
    const view = diff.calls.find(c => c.name === 'shop.views.add_to_cart')!
    expect(view.sections[0]).toEqual({
      label: 'arguments',
      diff: {
        changes: [
          {path: "['cart']['items'][2]['price']", kind: 'changed', before: '10', after: '12'},
        ],
        truncated: false,
      },
    })
    const changed = diff.calls.map(c => `${c.name}: ${c.sections.map(s => s.label).join(', ')}`)
    expect(changed).toEqual([
      'shop.views.add_to_cart: arguments, locals',
      'shop.services.price_cart: arguments, locals, return value',
      'shop.services.line_total: arguments, return value',
      'shop/cart.html: context',
    ])
    // The response body carries the new total.
    expect(diff.http[0]?.sections.map(s => s.label)).toEqual(['response body'])
    expect(diff.http[0]?.sections[0]?.diff.changes).toEqual([
      {path: 'line 4', kind: 'removed', before: '<p>Total: 21</p>'},
      {path: 'line 4', kind: 'added', after: '<p>Total: 23</p>'},
    ])
    expect(diff.summary.line).toBe('POST /cart/add/: 5 calls with other values')
  })

  it('finds a new query', async () => {
    const diff = await diffShop({}, {insert: true})
    expect(editLines(diff)).toEqual([
      'inserted sql INSERT INTO "shop_order" ("user", "total") VALUES (\'ann\', 21) RETURNING "shop_order"."id"',
    ])
    const fresh = diff.sql.fingerprints.filter(f => f.status === 'new')
    expect(fresh.map(f => [f.fingerprint, f.rows.b])).toEqual([
      ['INSERT INTO "shop_order" ("user", "total") VALUES (…) RETURNING "shop_order"."id"', 1],
    ])
    expect(diff.summary.line).toBe(
      'POST /cart/add/: 6 queries (was 5, +1), 1 new query shape, +1 call',
    )
  })

  it('sums up several edits and a status change in one line', async () => {
    const diff = await diffShop({}, {items: 4, audit: false, notify: true, status: 302})
    expect(editLines(diff)).toEqual([
      'inserted frame shop.services.line_total',
      'removed frame shop.services.audit',
      'inserted frame shop.services.notify',
    ])
    expect(diff.summary.line).toBe(
      'POST /cart/add/: returns 302 (was 200), N+1 at shop/services.py:33: 4 queries (was 3), 1 query shape gone, +2 calls, −1 call, 4 calls with other values',
    )
  })

  it('compares two executions of one function', async () => {
    const built = buildRecorded(shopTrace({}, 1))
    const source = builtSource(built)
    const loop = Array.from({length: built.model.nodeCount}, (_, row) => row).filter(
      row => built.model.strings[built.model.nameId[row]!] === 'shop.services.line_total',
    )
    const diff = await diffTraces(source, source, {roots: {a: loop[0]!, b: loop[2]!}})
    expect(diff.a.scope).toEqual({start: loop[0], end: loop[0]! + 2})
    expect(diff.a.name).toBe('shop.services.line_total')
    expect(editLines(diff)).toEqual([])
    // The item passed, the stock query's parameter and rows, the line's total.
    expect(diff.calls.map(c => `${c.kind}: ${c.sections.map(s => s.label).join(', ')}`)).toEqual([
      'frame: arguments, locals, return value',
      'sql: query, parameters, rows',
    ])
    expect(diff.calls[0]?.sections[0]?.diff.changes).toEqual([
      {path: "['item']['sku']", kind: 'changed', before: "'sku-1'", after: "'sku-3'"},
      {path: "['item']['price']", kind: 'changed', before: '5', after: '10'},
    ])
    expect(diff.sql.count).toEqual({a: 1, b: 1})
    expect(diff.summary.line).toBe('shop.services.line_total: 2 calls with other values')
  })
})
