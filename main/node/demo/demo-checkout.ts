import {createHmac} from 'node:crypto'
import type {PyRepr} from '../decode/py-objects'
import {PyCollection, PyUnserializable} from '../decode/py-objects'
import {customerRepr, customers, money, orderRepr, productOf, sql, totals} from './demo-data'
import type {Customer, Order} from './demo-data'
import {
  browserHeaders,
  djangoRequest,
  djangoResponse,
  fns,
  middlewareIn,
  middlewareOut,
  repr,
  tuple,
} from './demo-kit'
import {orderTotal} from './demo-orders'
import {demoSources, lineOf} from './demo-source'
import type {TraceRecorder} from '../kolo-writer/trace-recorder'

/** `POST /checkout/`: an order is created, the payment gateway declines the card, Django answers 500. */

const V = 'orders/views.py'
const S = 'orders/services.py'
const P = 'orders/payments.py'
const API_KEY = 'sk_test_51QxDemoKeyForAcmeShop4f2a'
const GATEWAY = 'https://api.payments.example/v1/charges'
const ERROR = {
  type: 'card_error',
  code: 'card_declined',
  decline_code: 'insufficient_funds',
  message: 'Your card was declined.',
  charge: 'ch_3QK9fXJ2eZvKYlo21pQe7x9b',
}
const SUMMARY = `orders.payments.PaymentDeclined: ${ERROR.code}: ${ERROR.message}\n`

/** The records of the failing checkout. */
export function checkoutRecords(rec: TraceRecorder): void {
  const customer = customers[1] as Customer
  const order: Order = {
    id: 43,
    customerId: customer.id,
    createdAt: new Date(Math.round(rec.now * 1000) + 9).toISOString().replace('Z', '000+00:00'),
    tags: ['express', 'gift'],
    items: [
      {id: 103, productId: 14, quantity: 1, cents: 4600},
      {id: 104, productId: 13, quantity: 2, cents: 890},
    ],
  }
  const started = rec.now
  const form = `csrfmiddlewaretoken=Yq2p0Xz8&email=grace%40example.com&sku=14&qty=1&sku=13&qty=2&tag=gift&tag=express&card_token=tok_chargeDeclinedInsufficientFunds`
  const post = {
    csrfmiddlewaretoken: ['Yq2p0Xz8'],
    email: [customer.email],
    sku: ['14', '13'],
    qty: ['1', '2'],
    tag: ['gift', 'express'],
    card_token: ['tok_chargeDeclinedInsufficientFunds'],
  }
  const request = repr("<WSGIRequest: POST '/checkout/'>")
  const id = djangoRequest(rec, {
    method: 'POST',
    path: '/checkout/',
    body: form,
    post,
    headers: browserHeaders({
      'Content-Length': String(form.length),
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: 'http://localhost:8000',
      Referer: 'http://localhost:8000/cart/',
    }),
  })
  middlewareIn(rec, request)
  const view = rec.call(fns.checkout, {request})
  rec.at(lineOf(V, 'customer = Customer.objects.get('))
  rec.sql(sql.customerByEmail(customer), 1.2)

  // parse_cart: dicts with int keys, a set, a frozenset
  rec.at(lineOf(V, 'cart = parse_cart('))
  const queryDict = repr(
    "<QueryDict: {'csrfmiddlewaretoken': ['Yq2p0Xz8'], 'email': ['grace@example.com'], 'sku': ['14', '13'], 'qty': ['1', '2'], 'tag': ['gift', 'express'], 'card_token': ['tok_chargeDeclinedInsufficientFunds']}>",
  )
  const parse = rec.call(fns.parseCart, {data: queryDict})
  rec.at(lineOf(S, 'prices = dict('))
  rec.sql(sql.prices([14, 13]), 0.8)
  const lines = new Map<unknown, unknown>(order.items.map(i => [i.productId, i.quantity]))
  const prices = new Map<unknown, unknown>(
    order.items.map(i => [i.productId, money(productOf(i.productId).cents)]),
  )
  const tags = new PyCollection('set', ['gift', 'express'])
  const cart = new Map<string, unknown>([
    ['lines', lines],
    ['prices', prices],
    ['tags', tags],
    ['coupon', null],
  ])
  rec.ret(parse, lineOf(S, 'return {"lines": lines'), cart, {
    data: queryDict,
    allowed_tags: new PyCollection('frozenset', ['fragile', 'gift', 'express']),
    lines,
    prices,
    tags,
  })

  // create_order: inserts, a background job, a log line
  rec.at(lineOf(V, 'order = create_order('))
  const create = rec.call(fns.createOrder, {customer: customerRepr(customer), cart})
  rec.at(lineOf(S, 'order = Order.objects.create('))
  rec.sql(sql.insertOrder(order.id, customer.id, order.createdAt, order.tags), 1.4)
  for (const item of order.items) {
    rec.at(lineOf(S, 'OrderItem.objects.create('))
    rec.sql(sql.insertItem(item.id, order.id, item.productId, item.quantity, item.cents), 0.9)
    rec.at(lineOf(S, 'for product_id, quantity in cart'))
  }
  rec.at(lineOf(S, 'reserve_stock.delay('))
  rec.wait(0.2)
  const job = rec.event('background_job', {
    subtype: 'celery',
    name: 'orders.tasks.reserve_stock',
    args: tuple(order.id),
    kwargs: {},
  })
  rec.wait(3.1)
  rec.event(
    'background_job_end',
    {subtype: 'celery', name: 'orders.tasks.reserve_stock', args: tuple(order.id), kwargs: {}},
    job,
  )
  rec.at(lineOf(S, 'logger.info("created order'))
  logLine(
    rec,
    'INFO',
    'orders.services',
    'created order %s for %s',
    tuple(order.id, customer.email),
  )
  const last = order.items[order.items.length - 1]
  rec.ret(create, lineOf(S, 'return order'), orderRepr(order), {
    customer: customerRepr(customer),
    cart,
    order: orderRepr(order),
    product_id: last?.productId,
    quantity: last?.quantity,
    price: money(last?.cents ?? 0),
  })

  // charge_card: the gateway call and the exception
  rec.at(lineOf(V, 'receipt = charge_card('))
  const charge = rec.call(fns.chargeCard, {order: orderRepr(order), card_token: post.card_token[0]})
  rec.at(lineOf(P, 'client = GatewayClient('))
  // Inside __init__ `self` has no api_key yet, so its __repr__ raises: Kolo writes ext 127.
  const init = rec.call(fns.gatewayInit, {
    self: new PyUnserializable('orders.payments.GatewayClient'),
    api_key: API_KEY,
  })
  const client = repr('<GatewayClient key=...4f2a>')
  rec.ret(init, lineOf(P, 'self.api_key = api_key'), null, {self: client, api_key: API_KEY})
  rec.at(lineOf(P, '"amount": int(order_total(order) * 100)'))
  orderTotal(rec, order)
  const amount = totals(order).total
  const payload = {
    amount,
    currency: 'EUR',
    source: post.card_token[0],
    idempotency_key: `order-${order.id}`,
  }
  rec.at(lineOf(P, 'status, body = client.post_charge(payload)'))
  const reply = gatewayCall(rec, client, payload)
  rec.at(lineOf(P, 'logger.warning('))
  logLine(
    rec,
    'WARNING',
    'orders.payments',
    'charge for order %s declined: %s',
    tuple(order.id, ERROR.code),
  )
  rec.at(lineOf(P, 'raise PaymentDeclined('))
  const errSelf = repr('PaymentDeclined()')
  const err = rec.call(fns.declinedInit, {
    self: errSelf,
    code: ERROR.code,
    message: ERROR.message,
    __class__: repr("<class 'orders.payments.PaymentDeclined'>"),
  })
  rec.ret(err, lineOf(P, 'self.code = code'), null, {
    self: repr(`PaymentDeclined('${ERROR.code}: ${ERROR.message}')`),
    code: ERROR.code,
    message: ERROR.message,
    __class__: repr("<class 'orders.payments.PaymentDeclined'>"),
  })
  const chargeLocals = {
    order: orderRepr(order),
    card_token: post.card_token[0],
    client,
    payload,
    status: 402,
    body: reply,
  }
  rec.ret(charge, lineOf(P, 'raise PaymentDeclined('), null, chargeLocals)
  const viewLocals = {request, customer: customerRepr(customer), cart, order: orderRepr(order)}
  rec.ret(view, lineOf(V, 'receipt = charge_card('), null, viewLocals)

  rec.wait(0.4)
  exceptionRecord(rec, [
    [V, 'checkout', lineOf(V, 'receipt = charge_card('), viewLocals],
    [P, 'charge_card', lineOf(P, 'raise PaymentDeclined('), chargeLocals],
  ])
  const response = repr('<HttpResponseServerError status_code=500, "text/html; charset=utf-8">')
  rec.wait(1.5)
  middlewareOut(rec, request, response, (rec.now - started) * 1000)
  djangoResponse(rec, id, started, {
    status: 500,
    content:
      '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n',
    contentType: 'text/html; charset=utf-8',
    route: 'checkout/',
    urlName: 'checkout',
    view: 'orders.views.checkout',
  })
}

function logLine(
  rec: TraceRecorder,
  level: string,
  name: string,
  msg: string,
  args: PyCollection,
): void {
  rec.wait(0.1)
  rec.event('log_message', {args, extra: null, level, msg, stack: null, traceback: null, name})
}

/** post_charge: a `requests` call (with urllib3's pair inside it) that gets a 402. */
function gatewayCall(
  rec: TraceRecorder,
  client: PyRepr,
  payload: Record<string, unknown>,
): Map<string, unknown> {
  const f = rec.call(fns.postCharge, {self: client, payload})
  const body = JSON.stringify(Object.fromEntries(Object.entries(payload).sort()))
  const bodyBytes = Buffer.from(body)
  const signature = createHmac('sha256', API_KEY).update(bodyBytes).digest()
  rec.at(lineOf(P, 'response = self.session.post('))
  const headers = {
    'User-Agent': 'python-requests/2.32.3',
    'Accept-Encoding': 'gzip, deflate',
    Accept: '*/*',
    Connection: 'keep-alive',
    'Content-Type': 'application/json',
    'X-Signature': signature.toString('hex'),
    'Content-Length': String(bodyBytes.length),
  }
  const common = {method: 'POST', method_and_full_url: `POST ${GATEWAY}`}
  const reply = new Map<string, unknown>([['error', ERROR]])
  const replyText = JSON.stringify({error: ERROR}, undefined, 2)
  const responseHeaders = {
    Server: 'nginx',
    Date: new Date(rec.now * 1000).toUTCString(),
    'Content-Type': 'application/json',
    'Content-Length': String(replyText.length),
    'Request-Id': 'req_8Hq2LkP0vXz3Mw',
  }
  rec.wait(0.3)
  const outer = rec.event('outbound_http_request', {
    subtype: 'requests',
    body,
    headers,
    ...common,
    url: GATEWAY,
  })
  rec.wait(0.4)
  const inner = rec.event('outbound_http_request', {
    subtype: 'urllib3',
    body,
    headers,
    ...common,
    url: GATEWAY,
  })
  rec.wait(182)
  rec.event(
    'outbound_http_response',
    {
      subtype: 'urllib3',
      body: null,
      headers: responseHeaders,
      ...common,
      status_code: 402,
      url: GATEWAY,
    },
    inner,
  )
  rec.wait(0.5)
  rec.event(
    'outbound_http_response',
    {
      subtype: 'requests',
      body: replyText,
      headers: responseHeaders,
      ...common,
      status_code: 402,
      url: GATEWAY,
    },
    outer,
  )
  rec.ret(f, lineOf(P, 'return response.status_code, response.json()'), tuple(402, reply), {
    self: client,
    payload,
    body: new Uint8Array(bodyBytes),
    signature: new Uint8Array(signature),
    response: repr('<Response [402]>'),
  })
  return reply
}

/** The `exception` record Django's handle_uncaught_exception makes Kolo write. */
function exceptionRecord(
  rec: TraceRecorder,
  userFrames: [string, string, number, Record<string, unknown>][],
): void {
  const django = '/usr/local/lib/python3.12/site-packages/django/core/handlers'
  const entry = (file: string, line: number, fn: string, code: string): string => {
    const text = code.trim()
    const expr = text.includes(' = ') ? text.slice(text.indexOf(' = ') + 3) : text
    const indent = 4 + text.length - expr.length
    const carets = text.startsWith('raise ')
      ? ''
      : `${' '.repeat(indent)}${'^'.repeat(expr.length)}\n`
    return `  File "${file}", line ${line}, in ${fn}\n    ${text}\n${carets}`
  }
  const frames = userFrames.map(([file, fn, line, locals]) => ({
    path: `${file}:${line}`,
    co_name: fn,
    locals,
    expanded_locals: {},
  }))
  rec.event(
    'exception',
    {
      exception_summary: [SUMMARY],
      exception_with_traceback: [
        'Traceback (most recent call last):\n',
        entry(`${django}/exception.py`, 55, 'inner', 'response = get_response(request)'),
        entry(
          `${django}/base.py`,
          197,
          '_get_response',
          'response = wrapped_callback(request, *callback_args, **callback_kwargs)',
        ),
        ...userFrames.map(([file, fn, line]) =>
          entry(
            `/srv/acme-shop/${file}`,
            line,
            fn,
            (demoSources[file] ?? '').split('\n')[line - 1] ?? '',
          ),
        ),
        SUMMARY,
      ],
      exception_frames: frames,
      bottom_exception_frame: frames[frames.length - 1],
    },
    rec.newId(),
  )
}
