import {checkoutRecords} from './demo-checkout'
import {traceMap} from './demo-kit'
import type {ThreadInfo} from './demo-kit'
import {metricsThreadRecords, orderDetailRecords, orderListRecords} from './demo-orders'
import {testTraceRecords} from './demo-tests'
import {TraceRecorder} from '../kolo-writer/trace-recorder'
import {frameId, seededRandom, traceId} from '../kolo-writer/ulid'

/**
 * The embedded demo's traces: Kolo 2.40 C2 maps of a small Django shop, generated here
 * (deterministically: the same bytes on every run) rather than recorded.
 *
 * - `200 GET /orders/`: middleware, view, services with an N+1 query loop, a log line, a template,
 *   and a second thread (the metrics reporter);
 * - `200 GET /orders/42/`: select_related queries, a duplicate query, a template with a time;
 * - `500 POST /checkout/`: inserts, a celery job, a `requests` call to a payment gateway (with
 *   urllib3's pair inside) answered 402, a warning, and the uncaught exception;
 * - `OrderListTests.test_list_shows_customers`: start_test/end_test around setUp and a
 *   test-client request.
 */

/** Bump when the demo's traces or sources change: stores with another stamp are rewritten. */
export const DEMO_VERSION = 1

/** When the first demo request started (epoch seconds): 2025-11-20 09:14:03.120 UTC. */
export const DEMO_START = Date.UTC(2025, 10, 20, 9, 14, 3, 120) / 1000

const RUNSERVER = ['manage.py', 'runserver', '0.0.0.0:8000']
const MIDDLEWARE = 'kolo.middleware.KoloMiddleware' as const

function requestThread(n: number, records: Map<string, unknown>[]): ThreadInfo {
  return {
    name: `Thread-${n} (process_request_thread)`,
    nativeId: 48210 + n,
    ident: 139871917229632 + n * 8392704,
    daemon: true,
    records,
  }
}

/** Traces a request with `body` on its own thread, starting `offset` seconds after DEMO_START. */
function requestTrace(
  seed: number,
  offset: number,
  name: string,
  body: (rec: TraceRecorder) => void,
  otherThreads: ThreadInfo[] = [],
): Map<string, unknown> {
  const random = seededRandom(seed)
  const start = DEMO_START + offset
  const id = traceId(start, random)
  const rec = new TraceRecorder(start + 0.00011, random)
  body(rec)
  return traceMap({
    traceId: id,
    timestamp: start,
    name,
    source: MIDDLEWARE,
    argv: RUNSERVER,
    thread: requestThread(seed, rec.records),
    otherThreads,
  })
}

/** The demo traces, oldest first. */
export function demoTraces(): Map<string, unknown>[] {
  const metrics = new TraceRecorder(DEMO_START + 0.0041, seededRandom(99))
  metricsThreadRecords(metrics)
  const metricsThread: ThreadInfo = {
    name: 'metrics-reporter',
    nativeId: 48197,
    ident: 139871925622336,
    daemon: true,
    records: metrics.records,
  }
  const list = requestTrace(3, 0, '200 GET /orders/', orderListRecords, [metricsThread])
  const detail = requestTrace(4, 4.217, '200 GET /orders/42/', orderDetailRecords)
  const checkout = requestTrace(5, 31.702, '500 POST /checkout/', checkoutRecords)

  const random = seededRandom(6)
  const testStart = DEMO_START + 95.33
  const runner = new Map<string, unknown>([
    ['call_frame_id', frameId(testStart + 0.2, random)],
    ['line_number', 59],
  ])
  const rec = new TraceRecorder(testStart + 0.318, random, runner)
  testTraceRecords(rec)
  const test = traceMap({
    traceId: traceId(testStart + 0.318, random),
    timestamp: testStart,
    name: 'OrderListTests.test_list_shows_customers',
    source: 'kolo run',
    argv: ['manage.py', 'test', 'orders'],
    thread: {
      name: 'MainThread',
      nativeId: 51022,
      ident: 140331198760768,
      daemon: false,
      records: rec.records,
    },
  })
  return [list, detail, checkout, test]
}
