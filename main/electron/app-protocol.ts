import {readFile} from 'node:fs/promises'
import {protocol} from 'electron'
import {contentTypeOf, resolveBundleFile, securityHeaders} from '../server/bundle-files'

/** The privileged scheme the UI loads from (not file://, so it gets an origin and a CSP). */
export const appScheme = 'app'
/** The one host of the scheme; requests to any other are refused. */
export const appHost = 'kolo'
/** The page the window loads. */
export const appEntryUrl = `${appScheme}://${appHost}/index.html`

/** True for a URL of our app page (app://kolo/…): the only sender IPC accepts. */
export function isAppUrl(url: string | undefined): boolean {
  if (url === undefined) return false
  try {
    const parsed = new URL(url)
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost
  } catch {
    return false
  }
}

/**
 * Register app:// as a standard, secure scheme; must run before the app is ready.
 *
 * standard: relative URLs and 'self' work; secure: a secure context; supportFetchAPI and
 * corsEnabled: module scripts (Vite emits `crossorigin`) and fetch of bundle files load.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: appScheme,
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        corsEnabled: true,
        codeCache: true,
      },
    },
  ])
}

/** Serve app://kolo/… from the renderer bundle; call once the app is ready. */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(appScheme, request => appProtocolResponse(rendererDir, request))
}

/**
 * The response to one app:// request: a bundle file with the app's CSP, or a 404.
 *
 * The same path rules as `serve` (no `..`, no escape through symlinks), and only GET.
 */
export async function appProtocolResponse(
  rendererDir: string,
  request: Request,
): Promise<Response> {
  const url = new URL(request.url)
  const notFound = () => new Response('Not found', {status: 404, headers: {...securityHeaders}})
  if (url.protocol !== `${appScheme}:` || url.host !== appHost) return notFound()
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('Method not allowed', {status: 405, headers: {...securityHeaders}})
  }
  // new URL() already collapsed dot segments; resolveBundleFile still refuses encoded ones.
  const rawPath = request.url.slice(`${appScheme}://${appHost}`.length).split(/[?#]/)[0] || '/'
  const file = await resolveBundleFile(rendererDir, rawPath)
  if (!file) return notFound()
  const body = request.method === 'HEAD' ? null : await readFile(file)
  return new Response(body, {
    status: 200,
    headers: {...securityHeaders, 'content-type': contentTypeOf(file), 'cache-control': 'no-cache'},
  })
}
