import {PyIntExt} from '../kolo-writer/msgpack-writer'
import {PyTemporal} from '../decode/py-objects'
import {
  customerOf,
  customerRepr,
  itemRepr,
  money,
  orderRepr,
  orders,
  sql,
  totals,
} from './demo-data'
import type {Order} from './demo-data'
import {lineOf} from './demo-source'
import {
  browserHeaders,
  djangoRequest,
  djangoResponse,
  fns,
  middlewareIn,
  middlewareOut,
  repr,
  template,
  tuple,
} from './demo-kit'
import type {TraceRecorder} from '../kolo-writer/trace-recorder'

/** The order pages of the demo: the list (with its N+1 queries) and one order. */

const V = 'orders/views.py'
const S = 'orders/services.py'

/** order_total(order) as traced: the items query, the sums, a Decimal back. */
export function orderTotal(rec: TraceRecorder, order: Order): void {
  const t = totals(order)
  const f = rec.call(fns.orderTotal, {order: orderRepr(order)})
  rec.at(lineOf(S, 'for item in order.items.all()'))
  rec.sql(sql.items(order), 0.9)
  const last = order.items[order.items.length - 1]
  rec.wait(0.05)
  rec.ret(f, lineOf(S, 'return subtotal + tax + shipping'), money(t.total), {
    order: orderRepr(order),
    subtotal: money(t.subtotal),
    ...(last ? {item: itemRepr(last.id)} : {}),
    tax: money(t.tax),
    shipping: money(t.shipping),
  })
}

const row = (order: Order): Record<string, unknown> => ({
  id: order.id,
  customer: customerOf(order).name,
  total: money(totals(order).total),
  status: 'Paid',
  created: new PyTemporal('datetime', order.createdAt),
})

/** The records of `GET /orders/` listing `list` (a browser's request, or a test client's). */
export function orderListRecords(
  rec: TraceRecorder,
  list: Order[] = orders,
  headers: Record<string, string> = browserHeaders(),
): void {
  const started = rec.now
  const request = repr("<WSGIRequest: GET '/orders/'>")
  const id = djangoRequest(rec, {method: 'GET', path: '/orders/', headers})
  middlewareIn(rec, request)
  const view = rec.call(fns.orderList, {request})
  const status = new PyIntExt(2n) // Order.Status.PAID: an IntegerChoices member, an int subclass
  const unevaluated = repr("Unevaluated queryset for: <class 'orders.models.Order'>")
  rec.at(lineOf(V, 'rows = summarise_orders(orders)'))
  const summarise = rec.call(fns.summariseOrders, {orders: unevaluated})
  rec.at(lineOf(S, 'for order in orders:'))
  rec.sql(sql.recentOrders(list), 2.4)
  const rows: Record<string, unknown>[] = []
  for (const order of list) {
    rec.at(lineOf(S, 'customer = order.customer'))
    rec.sql(sql.customer(customerOf(order)), 0.7) // the N+1: one query per order, same call site
    rec.at(lineOf(S, '"total": order_total(order)'))
    orderTotal(rec, order)
    rows.push(row(order))
    rec.wait(0.08)
  }
  const evaluated = repr(`<QuerySet [${list.map(o => `<Order: #${o.id}>`).join(', ')}]>`)
  const lastOrder = list[list.length - 1] as Order
  rec.ret(summarise, lineOf(S, 'return rows'), rows, {
    orders: evaluated,
    rows,
    order: orderRepr(lastOrder),
    customer: customerRepr(customerOf(lastOrder)),
  })
  rec.at(lineOf(V, 'logger.info("listed'))
  rec.wait(0.1)
  rec.event('log_message', {
    args: tuple(rows.length, 'Paid'),
    extra: null,
    level: 'INFO',
    msg: 'listed %d orders with status %s',
    stack: null,
    traceback: null,
    name: 'orders.views',
  })
  rec.at(lineOf(V, 'return render(request, "orders/order_list.html"'))
  const context = {rows, page_title: 'Recent orders'}
  template(rec, 'orders/order_list.html', context, () => {
    template(rec, 'orders/base.html', context)
  })
  const response = repr('<HttpResponse status_code=200, "text/html; charset=utf-8">')
  rec.ret(view, lineOf(V, 'return render(request, "orders/order_list.html"'), response, {
    request,
    status,
    orders: evaluated,
    rows,
  })
  middlewareOut(rec, request, response, (rec.now - started) * 1000)
  djangoResponse(rec, id, started, {
    status: 200,
    content: listHtml(list),
    contentType: 'text/html; charset=utf-8',
    route: 'orders/',
    urlName: 'order_list',
    view: 'orders.views.order_list',
  })
}

function listHtml(list: Order[]): string {
  const rows = list
    .map(o => {
      const t = money(totals(o).total).text
      return `  <tr><td><a href="/orders/${o.id}/">#${o.id}</a></td><td>${customerOf(o).name}</td>\n      <td>${t} €</td><td>Paid</td><td>${o.createdAt.slice(5, 10)}</td></tr>\n`
    })
    .join('\n')
  return `<!doctype html>\n<html><head><title>Recent orders</title></head>\n<body>\n<h1>Recent orders</h1>\n<table>\n\n${rows}\n</table>\n</body></html>\n`
}

/** The records of `GET /orders/42/`. */
export function orderDetailRecords(rec: TraceRecorder): void {
  const order = orders[0] as Order
  const started = rec.now
  const path = `/orders/${order.id}/`
  const request = repr(`<WSGIRequest: GET '${path}'>`)
  const id = djangoRequest(rec, {
    method: 'GET',
    path,
    headers: browserHeaders({Referer: 'http://localhost:8000/orders/'}),
  })
  middlewareIn(rec, request)
  const view = rec.call(fns.orderDetail, {request, order_id: order.id})
  rec.at(lineOf(V, 'order = get_object_or_404('))
  rec.sql(sql.orderWithCustomer(order), 1.6)
  rec.at(lineOf(V, 'items = list(order.items.select_related'))
  rec.sql(sql.itemsWithProducts(order), 1.1)
  rec.at(lineOf(V, 'total = order_total(order)'))
  orderTotal(rec, order) // queries the items again: a duplicate of the one above, minus the join
  const t = totals(order)
  const items = order.items.map(i => itemRepr(i.id))
  const cutoff = new PyTemporal('time', '14:00:00')
  const context = {
    order: orderRepr(order),
    items,
    total: money(t.total),
    ships_today: false,
    cutoff,
  }
  rec.at(lineOf(V, 'return render(request, "orders/order_detail.html"'))
  template(rec, 'orders/order_detail.html', context, () =>
    template(rec, 'orders/base.html', context),
  )
  const response = repr('<HttpResponse status_code=200, "text/html; charset=utf-8">')
  rec.ret(view, lineOf(V, 'return render(request, "orders/order_detail.html"'), response, {
    request,
    order_id: order.id,
    order: orderRepr(order),
    items,
    total: money(t.total),
    ships_today: false,
    context,
  })
  middlewareOut(rec, request, response, (rec.now - started) * 1000)
  djangoResponse(rec, id, started, {
    status: 200,
    content: `<!doctype html>\n<html><head><title>Order #42</title></head>\n<body>\n<h1>Order #42 for Ada Lovelace</h1>\n<ul><li>2 × Black tee (M) at 24.00 €</li><li>1 × Enamel mug at 12.50 €</li></ul>\n<p>Total ${money(t.total).text} €, ships tomorrow (cut-off 14:00:00)</p>\n</body></html>\n`,
    contentType: 'text/html; charset=utf-8',
    route: 'orders/<int:order_id>/',
    urlName: 'order_detail',
    view: 'orders.views.order_detail',
    keyword: {order_id: order.id},
  })
}

/** Records of the metrics reporter thread that ran during the list page. */
export function metricsThreadRecords(rec: TraceRecorder): void {
  const self = repr('<MetricsReporter(metrics-reporter, started daemon 139871925622336)>')
  const f = rec.call(fns.metricsFlush, {self})
  rec.at(lineOf('orders/metrics.py', 'logger.debug('))
  rec.wait(0.2)
  rec.event('log_message', {
    args: tuple(3),
    extra: null,
    level: 'DEBUG',
    msg: 'flushing %d counters',
    stack: null,
    traceback: null,
    name: 'orders.metrics',
  })
  const snapshot = new Map<unknown, unknown>([
    ['orders.listed', 4],
    ['http.requests', 3],
    ['sql.queries', 9],
  ])
  rec.ret(f, lineOf('orders/metrics.py', 'return snapshot'), snapshot, {
    self,
    snapshot,
  })
}
