import type {RequestDetails} from '../model/node-details'
import type {PyValue} from '../values/py-value'
import {dictGet, textOf} from '../values/py-value'
import type {GenCore} from './gen-context'
import {parseJsonValue} from './json-value'
import type {Expr} from './py-expr'
import {atom, call, dict, pyStr, seq} from './py-expr'
import {literal} from './py-literal'
import type {Stmt} from './py-statements'
import {exprStmt} from './py-statements'

/** Request headers that are transport, browser or CSRF noise: never passed to the test client. */
const noiseHeaders = new Set([
  'host',
  'content-length',
  'content-type',
  'connection',
  'accept-encoding',
  'keep-alive',
  'transfer-encoding',
  'te',
  'upgrade',
  'proxy-connection',
  'cookie',
  'x-csrftoken',
  'upgrade-insecure-requests',
  'dnt',
  'cache-control',
  'pragma',
  'user-agent',
  'accept-language',
  'referer',
  'origin',
  'priority',
])
const noiseCookies = new Set(['csrftoken', 'sessionid'])
const clientMethods = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE'])

/** The Django test client call that replays a recorded request, and what must precede it. */
export interface RequestAct {
  before: Stmt[]
  call: Expr
}

/**
 * The test client call for a request: method, path, query, the form or JSON body with its content
 * type, the headers the code may read (not transport noise), cookies other than CSRF and session,
 * and a logged-in user (`force_login`) when the trace shows one.
 */
export function requestAct(
  d: RequestDetails,
  user: string | undefined,
  g: GenCore,
  client = g.style.client,
): RequestAct {
  const before: Stmt[] = []
  if (user !== undefined && client === g.style.client) {
    before.push(exprStmt(call(`${client}.force_login`, [atom(user)])))
  }
  const headers = d.headers.t === 'dict' ? d.headers.entries : []
  const contentType = headerValue(headers, 'content-type')?.split(';')[0]?.trim().toLowerCase()
  before.push(...cookieStmts(headerValue(headers, 'cookie'), user !== undefined, client, g))
  const method = d.method.toUpperCase()
  const query = queryDict(d.queryParams)
  let path = d.path
  const args: Expr[] = []
  const kwargs: [string, Expr][] = []
  if ((method === 'GET' || method === 'HEAD') && query) {
    args.push(query.expr)
  } else if (query) {
    path += '?' + query.text
  }
  const body = textOf(d.body) ?? ''
  if (method !== 'GET' && method !== 'HEAD' && body !== '') {
    const data = bodyArgs(d, body, contentType, g)
    args.push(...data.args)
    kwargs.push(...data.kwargs)
  }
  if (d.scheme === 'https') kwargs.push(['secure', atom('True')])
  const dropped: string[] = []
  for (const [k, v] of headers) {
    const name = textOf(k)
    const value = textOf(v)
    if (name === undefined || value === undefined) continue
    if (
      noiseHeaders.has(name.toLowerCase()) ||
      (name.toLowerCase() === 'accept' && value === '*/*')
    ) {
      if (!['content-length', 'content-type', 'cookie', 'host'].includes(name.toLowerCase())) {
        dropped.push(name)
      }
      continue
    }
    kwargs.push([`HTTP_${name.toUpperCase().replace(/-/g, '_')}`, atom(pyStr(value))])
  }
  if (dropped.length > 0) {
    g.report.skip(`request headers ${dropped.join(', ')}`, 'transport and browser noise: not sent')
  }
  const fn = clientMethods.has(method) ? `${client}.${method.toLowerCase()}` : `${client}.generic`
  const allArgs = [atom(pyStr(path)), ...args]
  if (!clientMethods.has(method)) allArgs.unshift(atom(pyStr(method)))
  return {before, call: call(fn, allArgs, kwargs)}
}

function headerValue(entries: [PyValue, PyValue][], name: string): string | undefined {
  for (const [k, v] of entries) if (textOf(k)?.toLowerCase() === name) return textOf(v)
  return undefined
}

function cookieStmts(
  cookie: string | undefined,
  loggedIn: boolean,
  client: string,
  g: GenCore,
): Stmt[] {
  if (!cookie) return []
  const out: Stmt[] = []
  for (const part of cookie.split(';')) {
    const at = part.indexOf('=')
    if (at < 0) continue
    const name = part.slice(0, at).trim()
    const value = part.slice(at + 1).trim()
    if (noiseCookies.has(name)) {
      if (name === 'sessionid' && !loggedIn) {
        g.report.skip(
          'the session cookie',
          'its session data is not in the trace; no logged-in user was found',
        )
      }
      continue
    }
    out.push({
      t: 'assign',
      target: `${client}.cookies[${pyStr(name)}]`,
      value: atom(pyStr(value)),
    })
  }
  return out
}

/** `{"page": "1"}` for the query (lists for repeated keys) and its encoded text. */
function queryDict(q: PyValue | undefined): {expr: Expr; text: string} | undefined {
  const entries = formEntries(q)
  if (!entries || entries.length === 0) return undefined
  const text = entries
    .flatMap(([k, vs]) => vs.map(v => `${quotePlus(k)}=${quotePlus(v)}`))
    .join('&')
  return {expr: formDict(entries), text}
}

/** A recorded `{key: [values]}` (query_params, post_data) as entries. */
function formEntries(q: PyValue | undefined): [string, string[]][] | undefined {
  if (q?.t !== 'dict') return undefined
  const out: [string, string[]][] = []
  for (const [k, v] of q.entries) {
    const key = textOf(k)
    if (key === undefined) continue
    const values =
      v.t === 'list' || v.t === 'tuple' ? v.items.map(i => textOf(i) ?? '') : [textOf(v) ?? '']
    out.push([key, values])
  }
  return out
}

function formDict(entries: [string, string[]][]): Expr {
  return dict(
    entries.map(([k, vs]) => [
      atom(pyStr(k)),
      vs.length === 1
        ? atom(pyStr(vs[0]!))
        : seq(
            'list',
            vs.map(v => atom(pyStr(v))),
          ),
    ]),
  )
}

function bodyArgs(
  d: RequestDetails,
  body: string,
  contentType: string | undefined,
  g: GenCore,
): {args: Expr[]; kwargs: [string, Expr][]} {
  const typeArg: [string, Expr][] = contentType ? [['content_type', atom(pyStr(contentType))]] : []
  if (contentType === 'application/x-www-form-urlencoded') {
    const form = formEntries(d.postData)
    if (form) {
      const urlencode = g.imports.from('urllib.parse', 'urlencode')
      const multi = form.some(([, vs]) => vs.length > 1)
      const kw: [string, Expr][] = multi ? [['doseq', atom('True')]] : []
      return {args: [call(urlencode, [formDict(form)], kw)], kwargs: typeArg}
    }
  }
  if (contentType === 'multipart/form-data') {
    const form = formEntries(d.postData)
    if (/filename="/.test(body)) {
      g.report.skip('uploaded files', 'the trace holds the multipart body as text, not the files')
    }
    if (form) return {args: [formDict(form)], kwargs: []}
  }
  if (contentType !== undefined && /json/.test(contentType)) {
    const json = parseJsonValue(body)
    const lit =
      json && (json.t === 'dict' || json.t === 'list') ? literal(json, g.imports) : undefined
    if (lit) return {args: [lit], kwargs: typeArg}
  }
  if (d.body?.t === 'str' && d.body.cut !== undefined) {
    g.report.skip('the request body', 'the trace holds only its beginning')
  }
  return {args: [atom(pyStr(body))], kwargs: typeArg}
}

/** Python's urllib.parse.quote_plus. */
function quotePlus(s: string): string {
  return encodeURIComponent(s)
    .replace(/%20/g, '+')
    .replace(/[!'()*]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%7E/gi, '~')
}

/** The content type of a recorded response. */
export function responseContentType(headers: PyValue | undefined): string | undefined {
  return textOf(dictGet(headers, 'Content-Type')) ?? textOf(dictGet(headers, 'content-type'))
}
