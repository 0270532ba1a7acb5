import {createReadStream} from 'node:fs'
import {createServer} from 'node:http'
import type {IncomingMessage, ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {apiMethods} from '../../shared/api/contract'
import type {ApiMethod, EventSource, TraceApi} from '../../shared/api/contract'
import {handleApiCall, handleEvents, refuse} from './api-routes'
import {contentTypeOf, resolveBundleFile, securityHeaders} from './bundle-files'
import {createGuard} from './guard'
import type {Guard} from './guard'

/** Options of `serve`. */
export interface ServeOptions {
  /** The API and its events (a TraceService). */
  api: TraceApi & EventSource
  /** The renderer bundle (dist/renderer). */
  staticDir: string
  /** 0 (the default) picks a free port. */
  port?: number
  /** Largest accepted request body, bytes (default 64 KiB: requests are small objects). */
  maxBodyBytes?: number
  keepAliveMs?: number
  /** A fixed token (tests); default a fresh random one. */
  token?: string
}

/** A running server. */
export interface RunningServer {
  /** The URL to open, token included: http://127.0.0.1:PORT/?token=… */
  readonly url: string
  readonly origin: string
  readonly port: number
  readonly token: string
  close(): Promise<void>
}

const methods: ReadonlySet<string> = new Set(apiMethods)

/**
 * Serve the API and the renderer on 127.0.0.1 only.
 *
 * Every request must name our Host (DNS rebinding), carry no foreign Origin, and carry the token:
 * in the query on the first page load, which swaps it for an HttpOnly SameSite=Strict cookie,
 * then in that cookie (EventSource cannot send headers). No CORS headers are ever sent.
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const {api, staticDir, maxBodyBytes = 64 * 1024, keepAliveMs = 15_000} = options
  // The guard needs the port, known only once listening; until then every request is refused.
  const state: {guard?: Guard} = {}
  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value)
    if (!state.guard) return refuse(res, 503, 'unavailable', 'Starting')
    route(req, res, state.guard).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy()
      refuse(res, 500, 'internal', error instanceof Error ? error.message : String(error))
    })
  })

  const route = async (req: IncomingMessage, res: ServerResponse, g: Guard): Promise<void> => {
    if (!g.hostAllowed(req.headers.host)) return refuse(res, 421, 'forbidden', 'Unexpected Host')
    if (!g.originAllowed(req.headers.origin)) return refuse(res, 403, 'forbidden', 'Foreign Origin')
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const queryToken = url.searchParams.get('token') ?? undefined
    if (queryToken !== undefined) {
      if (!g.tokenMatches(queryToken) || req.method !== 'GET') {
        return refuse(
          res,
          403,
          'forbidden',
          'Wrong token: open the URL kolo-explorer serve printed',
        )
      }
      // Swap the token for a cookie and drop it from the address bar (history, referrers).
      url.searchParams.delete('token')
      // A path starting `//` would redirect to another host: always stay on ours.
      const location = url.pathname.replace(/^\/+/, '/') + url.search
      res.writeHead(303, {'set-cookie': g.sessionCookie(), location})
      return void res.end()
    }
    if (!g.tokenMatches(g.cookieToken(req.headers.cookie))) {
      return refuse(
        res,
        401,
        'forbidden',
        'Missing token: open the URL kolo-explorer serve printed',
      )
    }
    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') return refuse(res, 405, 'bad-request', 'events: use GET')
      return handleEvents(req, res, api, keepAliveMs)
    }
    if (url.pathname.startsWith('/api/')) {
      const method = url.pathname.slice('/api/'.length)
      if (!methods.has(method)) return refuse(res, 404, 'not-found', `No API method "${method}"`)
      return handleApiCall(req, res, api, method as ApiMethod, maxBodyBytes)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return refuse(res, 405, 'bad-request', 'Static files: use GET')
    }
    const file = await resolveBundleFile(staticDir, url.pathname)
    if (!file && url.pathname === '/favicon.ico') return void res.writeHead(204).end()
    if (!file) return refuse(res, 404, 'not-found', 'No such file in the app bundle')
    res.writeHead(200, {'content-type': contentTypeOf(file), 'cache-control': 'no-cache'})
    if (req.method === 'HEAD') return void res.end()
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const guard = createGuard(port, options.token)
  state.guard = guard
  const origin = `http://127.0.0.1:${port}`
  return {
    url: `${origin}/?token=${guard.token}`,
    origin,
    port,
    token: guard.token,
    close: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve())
        // Event streams never end on their own.
        server.closeAllConnections()
      }),
  }
}
