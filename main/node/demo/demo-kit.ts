import {PyCollection, PyRepr} from '../decode/py-objects'
import {lineOf} from './demo-source'
import type {PyFunction, TraceRecorder} from '../kolo-writer/trace-recorder'

/**
 * Pieces shared by the demo traces: the project's functions, Django request/response/template
 * records and the trace map, shaped like the bookshelf fixture's Kolo 2.40 traces.
 */

const fn = (file: string, def: string, qualname: string): PyFunction => ({
  file,
  line: lineOf(file, def),
  qualname,
})

/** The traced functions of the demo project, with their `def` lines. */
export const fns = {
  processRequest: fn(
    'orders/middleware.py',
    'def process_request',
    'orders.middleware.RequestTimingMiddleware.process_request',
  ),
  processResponse: fn(
    'orders/middleware.py',
    'def process_response',
    'orders.middleware.RequestTimingMiddleware.process_response',
  ),
  orderList: fn('orders/views.py', 'def order_list', 'orders.views.order_list'),
  orderDetail: fn('orders/views.py', 'def order_detail', 'orders.views.order_detail'),
  checkout: fn('orders/views.py', 'def checkout', 'orders.views.checkout'),
  summariseOrders: fn(
    'orders/services.py',
    'def summarise_orders',
    'orders.services.summarise_orders',
  ),
  orderTotal: fn('orders/services.py', 'def order_total', 'orders.services.order_total'),
  parseCart: fn('orders/services.py', 'def parse_cart', 'orders.services.parse_cart'),
  createOrder: fn('orders/services.py', 'def create_order', 'orders.services.create_order'),
  declinedInit: fn(
    'orders/payments.py',
    'def __init__(self, code',
    'orders.payments.PaymentDeclined.__init__',
  ),
  gatewayInit: fn(
    'orders/payments.py',
    'def __init__(self, api_key',
    'orders.payments.GatewayClient.__init__',
  ),
  postCharge: fn(
    'orders/payments.py',
    'def post_charge',
    'orders.payments.GatewayClient.post_charge',
  ),
  chargeCard: fn('orders/payments.py', 'def charge_card', 'orders.payments.charge_card'),
  metricsFlush: fn('orders/metrics.py', 'def flush', 'orders.metrics.MetricsReporter.flush'),
  setUp: fn('orders/tests.py', 'def setUp', 'orders.tests.OrderListTests.setUp'),
  testList: fn(
    'orders/tests.py',
    'def test_list_shows_customers',
    'orders.tests.OrderListTests.test_list_shows_customers',
  ),
}

/** ext 0: a repr string. */
export const repr = (text: string): PyRepr => new PyRepr(text)

/** ext 6: a tuple. */
export const tuple = (...items: unknown[]): PyCollection => new PyCollection('tuple', items)

/** The browser's request headers as Django's runserver passes them to Kolo. */
export function browserHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'Content-Length': '',
    'Content-Type': 'text/plain',
    Host: 'localhost:8000',
    Connection: 'keep-alive',
    'User-Agent':
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
    Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    'Accept-Language': 'en-GB,en;q=0.9',
    Cookie: 'csrftoken=Qm4tJc1xv0yBq3DnW9aLpE7sZ2hK8fRu; sessionid=w8xq3p0m2c7v1b9n4k6j5h3g',
    ...extra,
  }
}

/** A `django_request` record; returns its frame id for the response. */
export function djangoRequest(
  rec: TraceRecorder,
  r: {
    method: string
    path: string
    headers: Record<string, string>
    body?: string
    post?: Record<string, string[]>
    query?: Record<string, string[]>
  },
): string {
  return rec.event('django_request', {
    body: r.body ?? '',
    headers: r.headers,
    method: r.method,
    path_info: r.path,
    post_data: r.post ?? {},
    query_params: r.query ?? {},
    scheme: 'http',
  })
}

/** A `django_response` record closing the request `id` that started at `startedAt`. */
export function djangoResponse(
  rec: TraceRecorder,
  id: string,
  startedAt: number,
  r: {
    status: number
    content: string
    contentType: string
    route: string
    urlName: string
    view: string
    keyword?: Record<string, unknown>
  },
): void {
  rec.wait(0.2)
  rec.event(
    'django_response',
    {
      ms_duration: Math.round((rec.now - startedAt) * 100_000) / 100,
      status_code: r.status,
      content: r.content,
      headers: {
        'Content-Type': r.contentType,
        'Content-Length': String(Buffer.byteLength(r.content)),
        'Server-Timing': `app;dur=${((rec.now - startedAt) * 1000).toFixed(1)}`,
        'X-Request-Id': REQUEST_ID_HEX,
      },
      url_pattern: {
        namespace: '',
        route: r.route,
        route_params: {captured: {}, defaults: {}},
        url_name: r.urlName,
        view_qualname: r.view,
        view_params: {positional: tuple(), keyword: r.keyword ?? {}},
      },
    },
    id,
  )
}

/** The 128-bit `uuid4().int` the timing middleware stores (an int beyond 64 bits: ext 4). */
export const REQUEST_ID = 0x6f1c2e9a4b7d4e1f9a2b3c4d5e6f7081n
const REQUEST_ID_HEX = REQUEST_ID.toString(16).padStart(32, '0')

/** The timing middleware's process_request, around which each request runs. */
export function middlewareIn(rec: TraceRecorder, request: PyRepr): void {
  const f = rec.call(fns.processRequest, {self: MIDDLEWARE, request})
  rec.ret(f, lineOf(MW, 'request.request_id = request_id'), null, {
    self: MIDDLEWARE,
    request,
    request_id: REQUEST_ID, // uuid4().int: an int beyond 64 bits, ext 4
  })
}

/** The timing middleware's process_response. */
export function middlewareOut(
  rec: TraceRecorder,
  request: PyRepr,
  response: PyRepr,
  elapsedMs: number,
): void {
  const f = rec.call(fns.processResponse, {self: MIDDLEWARE, request, response})
  rec.ret(f, lineOf(MW, '        return response'), response, {
    self: MIDDLEWARE,
    request,
    response,
    elapsed_ms: elapsedMs,
  })
}

const MW = 'orders/middleware.py'
const MIDDLEWARE = repr('<orders.middleware.RequestTimingMiddleware object at 0x7f3a1c2d5e10>')

/** A template render: `django_template_start`, what `inner` records, `django_template_end`. */
export function template(
  rec: TraceRecorder,
  name: string,
  context: Record<string, unknown>,
  inner?: () => void,
): void {
  const full = {True: true, False: false, None: null, csrf_token: CSRF, ...context}
  rec.wait(0.15)
  const id = rec.event('django_template_start', {context: full, template: name})
  inner?.()
  rec.wait(0.6)
  rec.event('django_template_end', {context: full, template: name}, id)
}

const CSRF = repr(
  "<SimpleLazyObject: 'kR2uVx8bTq0pLmZ4cN7eWs1yHa6dGj3oFi9tYb5nQwE2rPs8UvXzCk4lMh7gJd0A'>",
)

/** Everything but the records of a Kolo 2.40 trace map (kolo-format.md §4.3), in Kolo's key order. */
export interface TraceHead {
  traceId: string
  timestamp: number
  name: string
  source: 'kolo.middleware.KoloMiddleware' | 'kolo run'
  argv: string[]
  thread: ThreadInfo
  otherThreads?: ThreadInfo[]
}

/** One `threads` entry, with its records. */
export interface ThreadInfo {
  name: string
  nativeId: number
  ident: number
  daemon: boolean
  records: Map<string, unknown>[]
}

/** A C2 trace map: 10 keys in Kolo's order, starting with `command_line_args`. */
export function traceMap(head: TraceHead): Map<string, unknown> {
  const threads = new Map<string, unknown>()
  for (const t of [head.thread, ...(head.otherThreads ?? [])]) {
    threads.set(`native_${t.nativeId}`, {
      name: t.name,
      ident: t.ident,
      native_id: t.nativeId,
      daemon: t.daemon,
      is_alive: true,
      frames: t.records,
    })
  }
  return new Map<string, unknown>([
    ['command_line_args', head.argv],
    ['current_commit_sha', '3f9c2d1e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e'],
    ['current_thread_id', `native_${head.thread.nativeId}`],
    ['meta', meta(head.source)],
    ['timestamp', head.timestamp],
    ['trace_id', head.traceId],
    ['trace_name', head.name],
    ['frames_of_interest', []],
    ['frames', new Map()],
    ['threads', threads],
  ])
}

function meta(source: string): Record<string, unknown> {
  return {
    version: '2.40.0',
    source,
    environment: {
      py_version: '3.12.7',
      py_version_full: '3.12.7 (main, Oct  1 2024, 08:52:12) [GCC 12.2.0]',
      platform: 'Linux-6.8.0-49-generic-x86_64-with-glibc2.36',
      system: 'Linux',
      machine: 'x86_64',
      processor: '',
    },
    config: {threading: true, use_monitoring: false, use_rust: false},
  }
}
