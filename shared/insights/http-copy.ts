import {quotePy} from '../values/py-format'

/** An HTTP request as the copy commands need it: everything already plain text. */
export interface HttpRequestSpec {
  method: string
  /** The absolute URL, query string included. */
  url: string
  headers: [string, string][]
  body?: string
  /** Why the body is not (or not wholly) in the command: cut when recorded, binary, ... */
  bodyNote?: string
}

// Headers the client computes itself (or that describe one connection): a replay must not fix them.
const computed = new Set([
  'host',
  'content-length',
  'connection',
  'transfer-encoding',
  'keep-alive',
])

/** The headers a replay should send: the recorded ones minus Host, Content-Length and hop-by-hop. */
export function replayHeaders(headers: [string, string][]): [string, string][] {
  return headers.filter(([name]) => !computed.has(name.toLowerCase()))
}

/**
 * One argument for a POSIX shell: always single-quoted, an embedded `'` written as `'\''`.
 *
 * Inside single quotes a POSIX shell expands nothing ($, `, \, !, newlines stay literal), so any
 * text from a trace is passed through as one argument. NUL cannot be passed at all: callers drop
 * bodies that contain it (see HttpRequestSpec.bodyNote).
 */
export function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`
}

// One line for the command and URL, then one per option, joined with backslash-newlines.
const join = (lines: string[][]): string => lines.map(words => words.join(' ')).join(' \\\n  ')

/** The request as a curl command line (POSIX shell). */
export function toCurl(spec: HttpRequestSpec): string {
  const method = spec.method.toUpperCase()
  const first = ['curl']
  if (method === 'HEAD') first.push('--head')
  else if (method !== 'GET' || spec.body !== undefined) first.push('-X', shellQuote(method))
  first.push(shellQuote(spec.url))
  const lines = [first]
  for (const [name, value] of replayHeaders(spec.headers)) {
    // "Name;" is curl's way to send a header with an empty value.
    lines.push(['-H', shellQuote(value === '' ? `${name};` : `${name}: ${value}`)])
  }
  if (spec.body !== undefined) lines.push(['--data-raw', shellQuote(spec.body)])
  return note(spec) + join(lines)
}

/** The request as an HTTPie command line (POSIX shell). */
export function toHttpie(spec: HttpRequestSpec): string {
  const lines = [
    ['http', '--ignore-stdin', shellQuote(spec.method.toUpperCase()), shellQuote(spec.url)],
  ]
  for (const [name, value] of replayHeaders(spec.headers)) {
    lines.push([shellQuote(value === '' ? `${name};` : `${name}:${value}`)])
  }
  if (spec.body !== undefined) lines.push(['--raw', shellQuote(spec.body)])
  return note(spec) + join(lines)
}

/** What the Django test client needs beyond the spec: the path and the query as recorded. */
export interface DjangoClientInput {
  method: string
  path: string
  query: [string, string][]
  headers: [string, string][]
  body?: string
  bodyNote?: string
}

const clientMethods = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace'])

/**
 * The request as a Django test-client call (`self.client.<method>(…)` in a TestCase).
 *
 * The body goes as `data=` with its recorded content type, which Django sends unchanged, so the
 * view sees the same request.body and request.POST. Headers go as `HTTP_*` extras (every Django
 * version); the client sets Host, Content-Length and cookies itself.
 */
export function toDjangoTestClient(input: DjangoClientInput): string {
  const method = input.method.toLowerCase()
  const call = clientMethods.has(method) ? method : 'generic'
  const args: string[] = []
  if (call === 'generic') args.push(quotePy(input.method.toUpperCase()))
  const headers = replayHeaders(input.headers)
  const contentType = headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1]
  if (call === 'get' && input.query.length > 0) {
    args.push(quotePy(input.path), pyQueryDict(input.query))
  } else {
    args.push(quotePy(input.path + queryString(input.query)))
  }
  if (input.body !== undefined && input.body !== '') {
    args.push(`data=${quotePy(input.body)}`)
    if (contentType !== undefined) args.push(`content_type=${quotePy(contentType)}`)
  }
  for (const [name, value] of headers) {
    if (name.toLowerCase() === 'content-type') continue
    const key = 'HTTP_' + name.toUpperCase().replace(/-/g, '_')
    if (/^[A-Z_][A-Z0-9_]*$/.test(key)) args.push(`${key}=${quotePy(value)}`)
    else args.push(`**{${quotePy(key)}: ${quotePy(value)}}`)
  }
  const comment = input.bodyNote ? `# ${input.bodyNote}\n` : ''
  return `${comment}response = self.client.${call}(\n${args.map(a => `    ${a},\n`).join('')})`
}

/** `?a=1&b=2` from name/value pairs (percent-encoded), or '' when there are none. */
export function queryString(pairs: [string, string][]): string {
  if (pairs.length === 0) return ''
  return '?' + pairs.map(([k, v]) => `${encodeQuery(k)}=${encodeQuery(v)}`).join('&')
}

function encodeQuery(s: string): string {
  return encodeURIComponent(s).replace(/%20/g, '+')
}

function pyQueryDict(pairs: [string, string][]): string {
  const keys = new Map<string, string[]>()
  for (const [k, v] of pairs) keys.set(k, [...(keys.get(k) ?? []), v])
  const items = [...keys].map(
    ([k, vs]) =>
      `${quotePy(k)}: ${vs.length === 1 ? quotePy(vs[0]!) : `[${vs.map(quotePy).join(', ')}]`}`,
  )
  return `{${items.join(', ')}}`
}

function note(spec: HttpRequestSpec): string {
  return spec.bodyNote ? `# ${spec.bodyNote.replace(/\n/g, ' ')}\n` : ''
}
