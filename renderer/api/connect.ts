import {apiEvents, apiMethods, binaryMethods} from '../../shared/api/contract'
import type {
  ApiEvent,
  ApiMethod,
  TraceApi,
  TraceClient,
  TraceEvents,
} from '../../shared/api/contract'
import type {KoloBridge} from '../../shared/api/bridge'
import {bridgeGlobalName} from '../../shared/api/bridge'
import {ApiError, unwrap} from '../../shared/api/errors'

type Listener = (payload: never) => void

/**
 * The TraceClient for this page: the Electron preload bridge when there is one, else HTTP to `serve`.
 *
 * This is the only module that knows there are two transports; the rest of the renderer sees a
 * TraceClient. `base` is the URL the API paths resolve against (default: the page's own URL).
 */
export function connect(base: string = document.baseURI): TraceClient {
  const bridge = (window as unknown as Record<string, unknown>)[bridgeGlobalName] as
    KoloBridge | undefined
  return bridge ? bridgeClient(bridge) : httpClient(base)
}

/** A TraceClient over the Electron preload bridge: the envelope unwrapped, errors as ApiError. */
export function bridgeClient(bridge: KoloBridge): TraceClient {
  const client: Record<string, unknown> = {
    on: <E extends ApiEvent>(event: E, listener: (p: TraceEvents[E]) => void) =>
      bridge.on(event, listener),
  }
  for (const method of apiMethods) {
    client[method] = async (req: unknown) => unwrap(await bridge.call[method](req))
  }
  return client as unknown as TraceClient
}

/**
 * A TraceClient over `serve`'s HTTP API: `POST api/<method>` with a JSON body, events by SSE.
 *
 * Paths are relative, so the app works when served under a prefix. The token travels as a cookie
 * the server set on the first page load. Binary methods answer octet-stream on success and a JSON
 * envelope on error, so the content type decides how the body is read.
 */
export function httpClient(
  base: string,
  fetchImpl: typeof fetch = fetch.bind(globalThis),
): TraceClient {
  const url = (path: string): string => new URL(path, base).toString()
  const call = async (method: ApiMethod, req: unknown): Promise<unknown> => {
    let response: Response
    try {
      response = await fetchImpl(url(`api/${method}`), {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body: JSON.stringify(req),
        credentials: 'same-origin',
      })
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error)
      throw new ApiError('unavailable', `Cannot reach the Kolo Explorer server (${why})`)
    }
    const type = response.headers.get('content-type') ?? ''
    if (binaryMethods.has(method) && response.ok && type.startsWith('application/octet-stream')) {
      return response.arrayBuffer()
    }
    if (!type.includes('json')) {
      const text = (await response.text()).slice(0, 200)
      throw new ApiError('internal', `api/${method} answered ${response.status} ${type}: ${text}`)
    }
    return unwrap(await response.json())
  }
  const client: Record<string, unknown> = {on: sseSubscriber(url('api/events'))}
  for (const method of apiMethods) client[method] = (req: unknown) => call(method, req)
  return client as unknown as TraceClient & Pick<TraceApi, ApiMethod>
}

/**
 * `on` over one shared EventSource, opened with the first listener and closed with the last.
 *
 * EventSource reconnects by itself after a dropped connection; when the browser gives up
 * (readyState CLOSED, e.g. the server restarted and refused once) we reopen after a delay, and the
 * listeners stay registered, so a reconnecting client resubscribes without the callers knowing.
 */
function sseSubscriber(eventsUrl: string): TraceClient['on'] {
  const listeners = new Map<ApiEvent, Set<Listener>>()
  let source: EventSource | undefined
  let retry: ReturnType<typeof setTimeout> | undefined
  const count = (): number => [...listeners.values()].reduce((n, s) => n + s.size, 0)

  const open = (): void => {
    if (typeof EventSource === 'undefined') return
    const es = new EventSource(eventsUrl, {withCredentials: true})
    source = es
    for (const name of apiEvents) {
      es.addEventListener(name, message => {
        let payload: unknown
        try {
          payload = JSON.parse((message as MessageEvent<string>).data)
        } catch {
          return
        }
        for (const l of listeners.get(name) ?? []) (l as (p: unknown) => void)(payload)
      })
    }
    es.onerror = () => {
      if (es.readyState !== EventSource.CLOSED || source !== es) return
      source = undefined
      retry = setTimeout(() => {
        retry = undefined
        if (count() > 0 && !source) open()
      }, 2000)
    }
  }
  const close = (): void => {
    source?.close()
    source = undefined
    if (retry) clearTimeout(retry)
    retry = undefined
  }

  return (event, listener) => {
    let set = listeners.get(event)
    if (!set) listeners.set(event, (set = new Set()))
    set.add(listener)
    if (!source && !retry) open()
    return () => {
      set.delete(listener)
      if (count() === 0) close()
    }
  }
}

/** The `?link=` query parameter of the page (a kolo-explorer:// deep link to open), if any. */
export function initialLink(href: string = location.href): string | undefined {
  return new URL(href).searchParams.get('link') ?? undefined
}
