import {realpath, stat} from 'node:fs/promises'
import path from 'node:path'

/**
 * The Content-Security-Policy of the app, for `serve` and for Electron's app:// scheme alike.
 *
 * 'unsafe-inline' styles: React's style attributes and the libraries' injected <style> need it;
 * scripts stay 'self' only. data: images: canvas snapshots and small icons.
 */
export const appCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** Headers every response of the app carries (both transports). */
export const securityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': appCsp,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
}

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
}

/** The Content-Type for a bundle file, by extension; unknown ones are opaque bytes. */
export function contentTypeOf(file: string): string {
  return contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * The file of the bundle a URL path names, or undefined when it names none or tries to escape.
 *
 * `urlPath` is the raw path of the request URL (percent-encoded, without the query). Refused:
 * `..` or `.` segments (encoded or not), backslashes, NUL, encoded slashes, and anything whose
 * real path (symlinks followed) is outside `root`. `/` is index.html.
 */
export async function resolveBundleFile(
  root: string,
  urlPath: string,
): Promise<string | undefined> {
  if (!urlPath.startsWith('/')) return undefined
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return undefined
  }
  if (/%2f|%5c/i.test(urlPath) || decoded.includes('\\') || decoded.includes('\0')) return undefined
  const segments = decoded.split('/').slice(1)
  if (segments.some(segment => segment === '..' || segment === '.')) return undefined
  const relative = decoded === '/' ? 'index.html' : segments.join('/')
  try {
    const realRoot = await realpath(root)
    const file = await realpath(path.join(realRoot, relative))
    if (!file.startsWith(realRoot + path.sep)) return undefined
    return (await stat(file)).isFile() ? file : undefined
  } catch {
    return undefined
  }
}
