import {
  browserHeaders,
  djangoRequest,
  djangoResponse,
  repr,
  template,
  tuple,
} from '../../demo/demo-kit'
import type {PyFunction, TraceRecorder} from '../../kolo-writer/trace-recorder'
import {recordTrace} from './recorded-trace'
import type {RecordedTrace} from './recorded-trace'

/**
 * A generated `POST /cart/add/` trace with knobs for the edits the diff must find: one more item
 * (a loop iteration, and its N+1 query), a changed price deep in the cart dict, the audit step
 * removed (a subtree with a query), a notify() call inserted, a new INSERT query, a 302.
 */
export interface ShopEdits {
  /** Items in the cart; price_cart calls line_total once per item (default 3). */
  items?: number
  /** The third item's price (default 10). */
  price?: number
  /** Whether audit() (a call with a query under it) runs (default true). */
  audit?: boolean
  /** Whether notify() runs at the end (default false). */
  notify?: boolean
  /** Whether the order is saved with an INSERT (default false). */
  insert?: boolean
  /** The response status (default 200). */
  status?: number
}

const fn = (file: string, line: number, qualname: string): PyFunction => ({file, line, qualname})
const views = 'shop/views.py'
const services = 'shop/services.py'
const fns = {
  addToCart: fn(views, 12, 'shop.views.add_to_cart'),
  priceCart: fn(services, 20, 'shop.services.price_cart'),
  lineTotal: fn(services, 31, 'shop.services.line_total'),
  audit: fn(services, 40, 'shop.services.audit'),
  notify: fn(services, 52, 'shop.services.notify'),
}

const STOCK =
  'SELECT "shop_stock"."id", "shop_stock"."count" FROM "shop_stock" WHERE "shop_stock"."product_id" = %s'

/** The trace, recorded with fixed ids and clock (`seed`) so two variants differ only by their edits. */
export function shopTrace(edits: ShopEdits = {}, seed = 1): RecordedTrace {
  const items = Array.from({length: edits.items ?? 3}, (_, i) => ({
    sku: `sku-${i + 1}`,
    price: i === 2 ? (edits.price ?? 10) : 5 + i,
    qty: 1,
  }))
  const cart = {user: 'ann', items, coupon: null}
  const total = items.reduce((n, item) => n + item.price * item.qty, 0)
  const status = edits.status ?? 200
  return recordTrace(`${status} POST /cart/add/`, rec => shop(rec, edits, cart, total, status), {
    seed,
  })
}

function shop(
  rec: TraceRecorder,
  edits: ShopEdits,
  cart: {items: {sku: string; price: number; qty: number}[]},
  total: number,
  status: number,
): void {
  const request = repr("<WSGIRequest: POST '/cart/add/'>")
  const startedAt = rec.now
  const id = djangoRequest(rec, {
    method: 'POST',
    path: '/cart/add/',
    headers: browserHeaders({'Content-Type': 'application/x-www-form-urlencoded'}),
    body: 'sku=sku-1',
    post: {sku: ['sku-1']},
  })
  const view = rec.call(fns.addToCart, {request, cart})
  rec.at(14).sql(
    {
      template:
        'SELECT "shop_product"."id", "shop_product"."sku" FROM "shop_product" WHERE "shop_product"."sku" IN (%s, %s)',
      params: ['sku-1', 'sku-2'],
      data: [[tuple(1, 'sku-1'), tuple(2, 'sku-2')]],
    },
    0.4,
  )
  rec.at(15)
  const priced = rec.call(fns.priceCart, {cart})
  cart.items.forEach((item, i) => {
    rec.at(22)
    const line = rec.call(fns.lineTotal, {item})
    rec.at(33).sql({template: STOCK, params: [i + 1], data: [[tuple(i + 1, 10 - i)]]}, 0.2)
    rec.ret(line, 34, item.price * item.qty, {item, stock: 10 - i})
  })
  rec.ret(priced, 24, total, {cart, total})
  if (edits.audit ?? true) {
    rec.at(16)
    const audit = rec.call(fns.audit, {user: 'ann'})
    rec.at(42).sql(
      {
        template: 'SELECT COUNT(*) FROM "shop_audit" WHERE "user" = %s',
        params: ['ann'],
        data: tuple(3),
      },
      0.3,
    )
    rec.ret(audit, 43, 3, {user: 'ann', count: 3})
  }
  if (edits.insert) {
    rec.at(17).sql(
      {
        template:
          'INSERT INTO "shop_order" ("user", "total") VALUES (%s, %s) RETURNING "shop_order"."id"',
        params: ['ann', total],
        data: [tuple(7)],
      },
      0.5,
    )
  }
  if (edits.notify) {
    rec.at(18)
    const notify = rec.call(fns.notify, {user: 'ann', total})
    rec.ret(notify, 54, null, {user: 'ann', total})
  }
  rec.at(19)
  template(rec, 'shop/cart.html', {total})
  const response = repr(`<HttpResponse status_code=${status}, "text/html; charset=utf-8">`)
  rec.ret(view, 19, response, {request, cart, total})
  djangoResponse(rec, id, startedAt, {
    status,
    content: `<html>\n<body>\n<h1>Cart</h1>\n<p>Total: ${total}</p>\n</body>\n</html>\n`,
    contentType: 'text/html; charset=utf-8',
    route: 'cart/add/',
    urlName: 'add_to_cart',
    view: 'shop.views.add_to_cart',
  })
}
