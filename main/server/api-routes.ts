import type {IncomingMessage, ServerResponse} from 'node:http'
import {apiEvents, binaryMethods} from '../../shared/api/contract'
import type {ApiMethod, EventSource, TraceApi} from '../../shared/api/contract'
import type {ApiErrorCode, Envelope} from '../../shared/api/errors'
import {invokeApi} from '../node/service/service'

const statusOf: Record<ApiErrorCode, number> = {
  'bad-request': 400,
  forbidden: 403,
  'not-found': 404,
  cancelled: 409,
  'bad-store': 422,
  'bad-trace': 422,
  internal: 500,
  unavailable: 503,
}

/** Send an envelope as JSON; an error's HTTP status follows its code. */
export function sendEnvelope(res: ServerResponse, envelope: Envelope<unknown>): void {
  const body = JSON.stringify(envelope)
  res.writeHead(envelope.ok ? 200 : statusOf[envelope.error.code], {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  })
  res.end(body)
}

/** Send a refusal as an error envelope, so a client's unwrap() reads it like any API error. */
export function refuse(res: ServerResponse, status: number, code: ApiErrorCode, message: string) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  })
  res.end(JSON.stringify({ok: false, error: {code, message}}))
}

/** True for `application/json`, with or without parameters (charset). */
export function isJsonContentType(header: string | undefined): boolean {
  return header?.split(';')[0]?.trim().toLowerCase() === 'application/json'
}

/**
 * `POST /api/<method>`: a JSON body in, the envelope out (or the raw bytes of a binary method).
 *
 * The request is passed to the service unvalidated: the service validates every method itself.
 */
export async function handleApiCall(
  req: IncomingMessage,
  res: ServerResponse,
  api: TraceApi,
  method: ApiMethod,
  maxBodyBytes: number,
): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST')
    return refuse(res, 405, 'bad-request', `${method}: use POST`)
  }
  if (!isJsonContentType(req.headers['content-type'])) {
    return refuse(res, 415, 'bad-request', `${method}: the body must be application/json`)
  }
  const text = await readBody(req, maxBodyBytes)
  if (text === undefined) {
    return refuse(res, 413, 'bad-request', `${method}: the body exceeds ${maxBodyBytes} bytes`)
  }
  let request: unknown
  try {
    request = JSON.parse(text)
  } catch {
    return refuse(res, 400, 'bad-request', `${method}: the body is not valid JSON`)
  }
  const envelope = await invokeApi(api, method, request)
  const value = envelope.ok ? envelope.value : undefined
  if (binaryMethods.has(method) && isBinary(value)) {
    res.writeHead(200, {'content-type': 'application/octet-stream', 'cache-control': 'no-store'})
    // A view of the bytes, shared memory or not: written out without a copy.
    res.end(Buffer.from(value))
    return
  }
  sendEnvelope(res, envelope)
}

const isBinary = (value: unknown): value is ArrayBuffer | SharedArrayBuffer =>
  value instanceof ArrayBuffer || value instanceof SharedArrayBuffer

/**
 * `GET /api/events`: every API event as a server-sent event (`event: <name>`, `data: <json>`).
 *
 * A comment line every `keepAliveMs` keeps proxies and idle timers from closing the stream;
 * a reconnecting EventSource simply subscribes again.
 */
export function handleEvents(
  req: IncomingMessage,
  res: ServerResponse,
  events: EventSource,
  keepAliveMs: number,
): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  })
  res.write('retry: 2000\n: connected\n\n')
  const unsubscribe = apiEvents.map(event =>
    events.on(event, payload => {
      res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`)
    }),
  )
  const timer = setInterval(() => res.write(': keep-alive\n\n'), keepAliveMs)
  timer.unref()
  const stop = () => {
    clearInterval(timer)
    for (const off of unsubscribe) off()
  }
  req.on('close', stop)
  res.on('close', stop)
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooBig = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) tooBig = true
      else chunks.push(chunk)
    })
    req.on('end', () => resolve(tooBig ? undefined : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
