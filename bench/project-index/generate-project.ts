import {mkdirSync, statSync} from 'node:fs'
import path from 'node:path'
import {PyDecimal} from '../../main/node/decode/py-objects'
import {
  browserHeaders,
  djangoRequest,
  djangoResponse,
  repr,
  template,
  traceMap,
  tuple,
} from '../../main/node/demo/demo-kit'
import {writeKolo2Store} from '../../main/node/kolo-writer/kolo2-store'
import {TraceRecorder} from '../../main/node/kolo-writer/trace-recorder'
import type {OpenFrame, PyFunction} from '../../main/node/kolo-writer/trace-recorder'
import {seededRandom, traceId} from '../../main/node/kolo-writer/ulid'
import type {Random} from '../../main/node/kolo-writer/ulid'

/**
 * A synthetic Django project for the project-index benchmark: thousands of request traces (plus
 * some tests) over shared code, written as a Kolo 2.40 store with the demo's writers.
 *
 * 24 endpoints over 8 areas × 5 modules × 10 functions. A request runs the shared middleware,
 * its view, a list query, then a loop over `n` items (`n` varies per endpoint and per request),
 * calling a few helpers per item, some of which query by id (an N+1 where it repeats); then a
 * template. Some endpoints call an outbound API; about 2% of requests raise a ValueError deep in
 * the loop and answer 500. Requests arrive about every 40 ms, so many overlap in time.
 */

/** What to generate. */
export interface ProjectShape {
  traces: number
  /** Mean frame calls per trace (the loop sizes are scaled to it). */
  meanCalls: number
  seed: number
}

/** What was generated. */
export interface GeneratedProject {
  project: string
  traces: number
  calls: number
  records: number
  storeBytes: number
  generateMs: number
}

const areas = ['catalog', 'cart', 'orders', 'billing', 'users', 'search', 'reviews', 'shipping']
const hosts = ['https://api.stripe.example', 'https://maps.example.com', 'http://127.0.0.1:9200']

interface Endpoint {
  method: string
  route: string
  path: (n: number) => string
  view: PyFunction
  helpers: PyFunction[]
  /** Helpers that run one query by id each (the N+1). */
  querying: Set<PyFunction>
  table: string
  meanItems: number
  outbound?: string
}

/** The project's functions: area → module → class → method, with def lines. */
function functionsOf(area: string): PyFunction[] {
  const out: PyFunction[] = []
  for (let m = 0; m < 5; m++) {
    const file = `shop/${area}/mod${m}.py`
    for (let f = 0; f < 10; f++) {
      const cls = `Service${m}`
      out.push({file, line: 12 + f * 14, qualname: `shop.${area}.mod${m}.${cls}.step_${f}`})
    }
  }
  return out
}

function endpointsOf(random: Random): Endpoint[] {
  const byArea = new Map(areas.map(a => [a, functionsOf(a)]))
  const out: Endpoint[] = []
  for (let e = 0; e < 24; e++) {
    const area = areas[e % areas.length]!
    const other = areas[(e * 3 + 1) % areas.length]!
    const pool = [...byArea.get(area)!, ...byArea.get(other)!]
    const pick = () => pool[Math.floor(random() * pool.length)]!
    const helpers = Array.from({length: 3 + Math.floor(random() * 5)}, pick)
    const detail = e % 3 === 1
    const route = detail ? `${area}/<int:item_id>/view${e}/` : `${area}/list${e}/`
    out.push({
      method: e % 5 === 4 ? 'POST' : 'GET',
      route,
      path: n => `/${route.replace('<int:item_id>', String(n))}`,
      view: {
        file: `shop/${area}/views.py`,
        line: 20 + e * 9,
        qualname: `shop.${area}.views.view_${e}`,
      },
      helpers,
      querying: new Set(helpers.filter(() => random() < 0.35)),
      table: `shop_${area}`,
      meanItems: 4 + random() * 90,
      outbound: e % 6 === 2 ? hosts[e % hosts.length] : undefined,
    })
  }
  return out
}

const middleware: PyFunction[] = [
  {file: 'shop/middleware.py', line: 14, qualname: 'shop.middleware.TimingMiddleware.__call__'},
  {file: 'shop/auth.py', line: 30, qualname: 'shop.auth.load_user'},
  {file: 'shop/auth.py', line: 52, qualname: 'shop.auth.check_permissions'},
  {file: 'shop/session.py', line: 9, qualname: 'shop.session.SessionStore.load'},
]

/** Generate the store into `<root>/index-project`; deterministic for a shape. */
export function generateIndexProject(root: string, shape: ProjectShape): GeneratedProject {
  const started = performance.now()
  const project = path.join(root, 'index-project')
  mkdirSync(project, {recursive: true})
  const random = seededRandom(shape.seed)
  const endpoints = endpointsOf(random)
  // Calls per trace ≈ 5 + items × helpers; scale item counts to ~meanCalls per trace.
  const perScale = endpoints.reduce((n, e) => n + e.helpers.length * e.meanItems, 0)
  const scale = Math.max(0.05, (shape.meanCalls - 5) / (perScale / endpoints.length))
  let calls = 0
  let records = 0
  let clock = 1_767_225_600 // 2026-01-01
  function* traces(): Generator<Map<string, unknown>> {
    for (let i = 0; i < shape.traces; i++) {
      clock += -Math.log(1 - random()) * 0.04
      const endpoint = endpoints[Math.floor(random() * endpoints.length)]!
      const items = Math.max(1, Math.round(endpoint.meanItems * scale * (0.5 + random())))
      const rec = new TraceRecorder(clock, random)
      const isTest = random() < 0.03
      const fails = random() < 0.02
      const name = isTest
        ? `ShopTests.test_${i}`
        : `${fails ? 500 : 200} ${endpoint.method} ${endpoint.path(items)}`
      if (isTest) {
        const test = {test_name: `test_${i}`, test_class: 'ShopTests'}
        const id = rec.event('start_test', test)
        request(rec, endpoint, items, fails, random)
        rec.event('end_test', test, id)
      } else {
        request(rec, endpoint, items, fails, random)
      }
      calls += rec.records.filter(r => r.get('type') === 'frame').length / 2
      records += rec.records.length
      yield traceMap({
        traceId: traceId(clock, random),
        timestamp: clock,
        name,
        source: 'kolo.middleware.KoloMiddleware',
        argv: ['manage.py', 'runserver'],
        thread: {
          name: 'MainThread',
          nativeId: 4242,
          ident: 140000,
          daemon: false,
          records: rec.records,
        },
      })
    }
  }
  const dbPath = writeKolo2Store(project, traces())
  return {
    project,
    traces: shape.traces,
    calls,
    records,
    storeBytes: statSync(dbPath).size,
    generateMs: performance.now() - started,
  }
}

/** The records of one request: middleware, view, list query, item loop, outbound, template. */
function request(
  rec: TraceRecorder,
  e: Endpoint,
  items: number,
  fails: boolean,
  random: Random,
): void {
  const started = rec.now
  const path = e.path(items)
  const req = repr(`<WSGIRequest: ${e.method} '${path}'>`)
  const id = djangoRequest(rec, {method: e.method, path, headers: browserHeaders()})
  const outer: OpenFrame[] = middleware.map(fn => rec.call(fn, {request: req}))
  const view = rec.call(e.view, {
    request: req,
    ...(e.route.includes('<int') ? {item_id: items} : {}),
  })
  rec.at(e.view.line + 2)
  const rows = Array.from({length: items}, (_, k) => tuple(k + 1, `item ${k + 1}`))
  rec.sql(
    {
      template: `SELECT "${e.table}"."id", "${e.table}"."name" FROM "${e.table}" ORDER BY "${e.table}"."id" ASC LIMIT %s`,
      params: [items],
      data: [rows],
    },
    0.6,
  )
  const failAt = fails ? items - 1 : -1
  for (let k = 0; k < items; k++) {
    rec.at(e.view.line + 4)
    for (const [h, fn] of e.helpers.entries()) {
      const self = repr(
        `<${fn.qualname.split('.').slice(-2, -1)[0]} object at 0x7f${(k * 977 + h).toString(16)}>`,
      )
      const f = rec.call(fn, {self, item_id: k + 1})
      if (e.querying.has(fn)) {
        rec.at(fn.line + 3)
        rec.sql(
          {
            template: `SELECT "${e.table}_detail"."id", "${e.table}_detail"."value" FROM "${e.table}_detail" WHERE "${e.table}_detail"."id" = %s LIMIT 21`,
            params: [k + 1],
            data: [[tuple(k + 1, k * 3)]],
          },
          0.2,
        )
      }
      rec.wait(0.02 + random() * 0.05)
      if (k === failAt && h === e.helpers.length - 1) {
        rec.ret(f, fn.line + 6, null, {self, item_id: k + 1})
        break
      }
      rec.ret(f, fn.line + 8, returnValue(h, k, random), {self, item_id: k + 1})
    }
  }
  if (!fails) {
    if (e.outbound) outbound(rec, e.outbound, items)
    rec.at(e.view.line + 6)
    template(rec, `shop/${e.table}.html`, {items}, () => template(rec, 'shop/base.html', {}))
  }
  // A failing view returns (None) from the loop's line: where the traceback says it was.
  const response = repr(`<HttpResponse status_code=${fails ? 500 : 200}>`)
  rec.ret(view, e.view.line + (fails ? 4 : 6), fails ? null : response, {request: req})
  for (const f of [...outer].reverse()) rec.ret(f, f.fn.line + 5, fails ? null : response, {})
  if (fails) exception(rec, e, items)
  djangoResponse(rec, id, started, {
    status: fails ? 500 : 200,
    content: fails ? 'Server Error (500)' : `<ul>${items} items</ul>`,
    contentType: 'text/html; charset=utf-8',
    route: e.route,
    urlName: e.view.qualname.split('.').pop()!,
    view: e.view.qualname,
  })
}

/** A return value per helper kind: an int, a Decimal, a str, None, or a small dict. */
function returnValue(helper: number, item: number, random: Random): unknown {
  switch (helper % 5) {
    case 0:
      return item * 7
    case 1:
      return new PyDecimal((item * 1.25 + (random() < 0.05 ? 100 : 0)).toFixed(2))
    case 2:
      return `item-${item}`
    case 3:
      return random() < 0.9 ? null : 'stale'
    default:
      return {id: item, ok: true}
  }
}

function outbound(rec: TraceRecorder, url: string, items: number): void {
  const full = `${url}/v1/lookup?n=${items}`
  const common = {subtype: 'requests', method: 'GET', method_and_full_url: `GET ${full}`, url: full}
  const id = rec.event('outbound_http_request', {...common, headers: {}, body: null})
  rec.wait(3 + items * 0.05)
  rec.event('outbound_http_response', {...common, headers: {}, body: '{}', status_code: 200}, id)
}

function exception(rec: TraceRecorder, e: Endpoint, items: number): void {
  const fn = e.helpers[e.helpers.length - 1]!
  const summary = `ValueError: item ${items} of ${e.table} has no price\n`
  const frame = (f: PyFunction, line: number) => ({
    path: `${f.file}:${line}`,
    co_name: f.qualname.split('.').pop(),
    locals: {},
    expanded_locals: {},
  })
  const frames = [
    ...middleware.map(m => frame(m, m.line + 5)),
    frame(e.view, e.view.line + 4),
    frame(fn, fn.line + 6),
  ]
  rec.event('exception', {
    exception_summary: [summary],
    exception_with_traceback: ['Traceback (most recent call last):\n', summary],
    exception_frames: frames,
    bottom_exception_frame: frames[frames.length - 1],
  })
}
