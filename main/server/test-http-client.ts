import {request} from 'node:http'
import {StringDecoder} from 'node:string_decoder'
import {apiMethods, binaryMethods} from '../../shared/api/contract'
import type {ApiEvent, TraceApi, TraceClient} from '../../shared/api/contract'
import {unwrap} from '../../shared/api/errors'
import type {RunningServer} from './serve'

/** A raw HTTP exchange, for the refusal tests (fetch does not let a test forge Host). */
export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** Send one request with exactly these headers. */
export function rawRequest(
  port: number,
  options: {method?: string; path: string; headers?: Record<string, string>; body?: string},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      res => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        )
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

/** Trade the URL's token for the session cookie, as a browser's first page load does. */
export async function sessionCookie(server: RunningServer): Promise<string> {
  const res = await fetch(server.url, {redirect: 'manual'})
  const cookie = res.headers.get('set-cookie')
  if (res.status !== 303 || !cookie) throw new Error(`token exchange failed: ${res.status}`)
  return cookie.split(';')[0]!
}

/**
 * A TraceClient over HTTP, built the way the renderer's client is: POST per method, the events
 * from one server-sent event stream. For the contract suite; resolves once the stream is open.
 */
export async function connectHttpClient(
  server: RunningServer,
): Promise<TraceClient & {close(): void}> {
  const cookie = await sessionCookie(server)
  const listeners = new Map<ApiEvent, Set<(payload: unknown) => void>>()
  const abort = new AbortController()
  const stream = await fetch(`${server.origin}/api/events`, {
    headers: {cookie},
    signal: abort.signal,
  })
  if (!stream.ok || !stream.body) throw new Error(`event stream refused: ${stream.status}`)
  void readEvents(stream.body, (event, data) => {
    for (const listener of listeners.get(event as ApiEvent) ?? []) listener(JSON.parse(data))
  }).catch(() => undefined)

  const call = async (method: keyof TraceApi, req: unknown): Promise<unknown> => {
    const res = await fetch(`${server.origin}/api/${method}`, {
      method: 'POST',
      headers: {cookie, 'content-type': 'application/json'},
      body: JSON.stringify(req) ?? 'null',
    })
    const type = res.headers.get('content-type') ?? ''
    if (binaryMethods.has(method) && type.startsWith('application/octet-stream')) {
      return res.arrayBuffer()
    }
    return unwrap(await res.json())
  }
  const client = Object.fromEntries(
    apiMethods.map(method => [method, (req: unknown) => call(method, req)]),
  ) as unknown as TraceApi
  return {
    ...client,
    on(event, listener) {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      const entry = listener as (payload: unknown) => void
      set.add(entry)
      return () => void set.delete(entry)
    },
    close: () => abort.abort(),
  }
}

async function readEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: string, data: string) => void,
): Promise<void> {
  const decoder = new StringDecoder('utf8')
  let buffered = ''
  const reader = body.getReader()
  for (;;) {
    const {done, value} = await reader.read()
    if (done) return
    buffered += decoder.write(Buffer.from(value))
    let end: number
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const block = buffered.slice(0, end)
      buffered = buffered.slice(end + 2)
      const event = /^event: (.*)$/m.exec(block)?.[1]
      const data = /^data: (.*)$/m.exec(block)?.[1]
      if (event !== undefined && data !== undefined) onEvent(event, data)
    }
  }
}
