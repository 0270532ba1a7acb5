import type {OutboundDetails, RequestDetails} from '../model/node-details'
import {formatPy} from '../values/py-format'
import {textOf} from '../values/py-value'
import type {PyValue} from '../values/py-value'
import {queryString} from './http-copy'
import type {DjangoClientInput, HttpRequestSpec} from './http-copy'

/** A dict of str → str (headers) as ordered pairs; list values (QueryDict) become repeated pairs. */
export function pairsOf(value: PyValue | undefined): [string, string][] {
  if (value?.t !== 'dict') return []
  const pairs: [string, string][] = []
  for (const [k, v] of value.entries) {
    const key = textOf(k) ?? formatPy(k)
    if (v.t === 'list' || v.t === 'tuple') {
      for (const item of v.items) pairs.push([key, textOf(item) ?? formatPy(item)])
    } else pairs.push([key, textOf(v) ?? formatPy(v)])
  }
  return pairs
}

/** A header's value (case-insensitive name), if recorded. */
export function headerOf(pairs: [string, string][], name: string): string | undefined {
  const lower = name.toLowerCase()
  return pairs.find(([n]) => n.toLowerCase() === lower)?.[1]
}

/** A recorded body as text, and why it is not replayable exactly (cut, binary). */
export function bodyText(body: PyValue | undefined): {text?: string; note?: string} {
  if (body === undefined || body.t === 'none') return {}
  let text: string
  let note: string | undefined
  if (body.t === 'str') {
    text = body.v
    if (body.cut) note = `the body was cut to ${body.v.length} of ${body.cut} characters`
  } else if (body.t === 'bytes') {
    text = latin1(body.hex)
    if (body.length * 2 > body.hex.length) note = `the body was cut (${body.length} bytes)`
  } else {
    return {text: undefined, note: 'the body was not recorded as text'}
  }
  if (text.includes('\u0000')) return {note: 'the body holds NUL bytes and is left out'}
  return note === undefined ? {text} : {text, note}
}

function latin1(hex: string): string {
  let s = ''
  for (let i = 0; i + 1 < hex.length; i += 2) {
    s += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16))
  }
  return s
}

/**
 * The URL an inbound request was made to: `origin` (to replay elsewhere), else the recorded
 * scheme and Host header, else http://localhost:8000.
 */
export function inboundUrl(details: RequestDetails, origin?: string): string {
  const headers = pairsOf(details.headers)
  const host = headerOf(headers, 'host')
  const base =
    origin?.replace(/\/+$/, '') ??
    (host !== undefined ? `${details.scheme ?? 'http'}://${host}` : 'http://localhost:8000')
  return base + encodePath(details.path) + queryString(pairsOf(details.queryParams))
}

// path_info is decoded: re-encode what a URL cannot hold, keep the path's own separators.
function encodePath(path: string): string {
  return path.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/g, c => encodeURIComponent(c))
}

/** An inbound request (Django served it) as a copyable request. */
export function inboundSpec(details: RequestDetails, origin?: string): HttpRequestSpec {
  const {text, note} = bodyText(details.body)
  const spec: HttpRequestSpec = {
    method: details.method || 'GET',
    url: inboundUrl(details, origin),
    headers: pairsOf(details.headers),
  }
  if (text !== undefined && text !== '') spec.body = text
  if (note !== undefined) spec.bodyNote = note
  return spec
}

/** An outbound call (the app made it) as a copyable request. */
export function outboundSpec(details: OutboundDetails): HttpRequestSpec {
  const {text, note} = bodyText(details.body)
  const spec: HttpRequestSpec = {
    method: details.method || 'GET',
    url: details.url,
    headers: pairsOf(details.headers),
  }
  if (text !== undefined && text !== '') spec.body = text
  if (note !== undefined) spec.bodyNote = note
  return spec
}

/** An inbound request as the Django test client's input. */
export function djangoClientInput(details: RequestDetails): DjangoClientInput {
  const {text, note} = bodyText(details.body)
  const input: DjangoClientInput = {
    method: details.method || 'GET',
    path: details.path,
    query: pairsOf(details.queryParams),
    headers: pairsOf(details.headers),
  }
  if (text !== undefined) input.body = text
  if (note !== undefined) input.bodyNote = note
  return input
}
