import type {FrameDetails, OutboundDetails} from '../model/node-details'
import type {PyValue} from '../values/py-value'
import {dictGet, textOf} from '../values/py-value'
import type {GenCore} from './gen-context'
import type {Expr} from './py-expr'
import {atom, call, dict, pyStr, seq, suffix} from './py-expr'
import {literal} from './py-literal'
import type {Stmt} from './py-statements'
import {assign} from './py-statements'
import type {HelperName} from './python-helpers'

/** An outbound call of the target, with the frame that made it (for a body urllib did not record). */
export interface OutboundCall {
  details: OutboundDetails
  caller?: FrameDetails
}

/** The statements that replace outbound HTTP with recorded answers. */
export interface HttpMocks {
  setup: Stmt[]
  /** `with mock.patch.object(...)` contexts to wrap the act in, outermost first. */
  patches: Expr[]
  /** Asserts that the calls were made with the recorded method and URL. */
  asserts: Stmt[]
  helpers: Set<HelperName>
}

const patchTargets: Record<string, {module: string; attribute: string; helper: HelperName}> = {
  urllib: {
    module: 'urllib.request',
    attribute: 'urllib.request.OpenerDirector',
    helper: 'fake_urllib_open',
  },
  requests: {
    module: 'requests',
    attribute: 'requests.adapters.HTTPAdapter',
    helper: 'fake_requests_send',
  },
  httpx: {module: 'httpx', attribute: 'httpx.HTTPTransport', helper: 'fake_httpx_send'},
  urllib3: {
    module: 'urllib3',
    attribute: 'urllib3.connectionpool.HTTPConnectionPool',
    helper: 'fake_urllib3_urlopen',
  },
}
const methodOf: Record<string, string> = {
  urllib: 'open',
  requests: 'send',
  httpx: 'handle_request',
  urllib3: 'urlopen',
}
const droppedHeaders = new Set([
  'date',
  'server',
  'content-length',
  'connection',
  'transfer-encoding',
  'keep-alive',
])

/**
 * Mocks for the target's outbound HTTP: each library patched where it sends (urllib's
 * OpenerDirector.open, requests' HTTPAdapter.send, httpx's HTTPTransport.handle_request,
 * urllib3's HTTPConnectionPool.urlopen), answering the recorded responses in order, with
 * standard unittest.mock only. Then an assert that the recorded calls were made.
 */
export function httpMocks(calls: readonly OutboundCall[], g: GenCore): HttpMocks | undefined {
  const used = calls.filter(c => {
    const lib = c.details.library
    if (lib !== undefined && lib in patchTargets) return true
    g.report.skip(
      `${c.details.method} ${c.details.url}`,
      `outbound call through ${lib ?? 'an unknown library'} is not mocked`,
    )
    return false
  })
  if (used.length === 0) return undefined
  const helpers = new Set<HelperName>(['RecordedHTTP'])
  const answers: Expr[] = []
  const expected: Expr[] = []
  for (const c of used) {
    const d = c.details
    const status = d.response?.status ?? 200
    answers.push(
      seq('tuple', [
        atom(String(status)),
        responseHeaders(d.response?.headers),
        responseBody(c, g),
      ]),
    )
    g.report.mocks.push({library: d.library ?? '?', method: d.method, url: d.url, status})
    expected.push(seq('tuple', [atom(pyStr(d.method.toUpperCase())), atom(pyStr(d.url))]))
    g.report.assert('http-calls', `${d.method} ${d.url} was called`)
  }
  const patches: Expr[] = []
  const mock = g.imports.from('unittest', 'mock')
  for (const lib of new Set(used.map(c => c.details.library!))) {
    const target = patchTargets[lib]!
    g.imports.module(target.module)
    helpers.add(target.helper)
    patches.push(
      call(`${mock}.patch.object`, [
        atom(target.attribute),
        atom(pyStr(methodOf[lib]!)),
        call(target.helper, [atom('recorded_http')]),
      ]),
    )
  }
  return {
    setup: [assign('recorded_http', call('RecordedHTTP', answers))],
    patches,
    asserts: [g.style.equal(atom('recorded_http.calls'), seq('list', expected))],
    helpers,
  }
}

function responseHeaders(headers: PyValue | undefined): Expr {
  const entries: [Expr, Expr][] = []
  if (headers?.t === 'dict') {
    for (const [k, v] of headers.entries) {
      const name = textOf(k)
      const value = textOf(v)
      if (name === undefined || value === undefined || droppedHeaders.has(name.toLowerCase())) {
        continue
      }
      entries.push([atom(pyStr(name)), atom(pyStr(value))])
    }
  }
  return dict(entries)
}

/** The recorded body as bytes; urllib/urllib3 record none, so read it back from the caller. */
function responseBody(c: OutboundCall, g: GenCore): Expr {
  const body = c.details.response?.body
  if (body?.t === 'str' && body.cut === undefined) return suffix(atom(pyStr(body.v)), '.encode()')
  if (body?.t === 'bytes') {
    const lit = literal(body, g.imports)
    if (lit) return lit
  }
  const what = `the response body of ${c.details.method} ${c.details.url}`
  const rebuilt = bodyFromCaller(c, g)
  if (rebuilt) {
    g.report.skip(what, `not recorded by ${c.details.library}; rebuilt from ${rebuilt.from}`)
    return rebuilt.expr
  }
  g.report.skip(
    what,
    `not recorded by ${c.details.library} and not found elsewhere in the trace: the mock answers an empty body`,
  )
  return atom('b""')
}

function bodyFromCaller(c: OutboundCall, g: GenCore): {expr: Expr; from: string} | undefined {
  const caller = c.caller
  if (!caller) return undefined
  const name = caller.qualname ?? caller.coName
  for (const local of ['body', 'content', 'data', 'raw', 'payload', 'text']) {
    const v = dictGet(caller.locals, local)
    if (v?.t === 'bytes' || (v?.t === 'str' && v.cut === undefined)) {
      const lit = literal(v, g.imports)
      if (lit) {
        return {
          expr: v.t === 'str' ? suffix(lit, '.encode()') : lit,
          from: `the local \`${local}\` of ${name}`,
        }
      }
    }
  }
  const type =
    textOf(dictGet(c.details.response?.headers, 'Content-Type')) ??
    textOf(dictGet(c.details.response?.headers, 'content-type'))
  const returned = caller.returnValue
  if (type?.includes('json') && returned && isJsonLike(returned)) {
    const lit = literal(returned, g.imports)
    if (lit) {
      const json = g.imports.module('json')
      return {
        expr: suffix(call(`${json}.dumps`, [lit]), '.encode()'),
        from: `the JSON ${name} returned`,
      }
    }
  }
  return undefined
}

function isJsonLike(v: PyValue): boolean {
  switch (v.t) {
    case 'none':
    case 'bool':
    case 'int':
    case 'str':
      return true
    case 'float':
      return typeof v.v === 'number'
    case 'list':
      return v.items.every(isJsonLike)
    case 'dict':
      return v.entries.every(([k, val]) => k.t === 'str' && isJsonLike(val))
    default:
      return false
  }
}
