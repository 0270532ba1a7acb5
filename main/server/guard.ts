import {randomBytes, timingSafeEqual} from 'node:crypto'

/** The checks every request to `serve` passes before it reaches a route. */
export interface Guard {
  /** The per-run secret, printed in the URL. */
  readonly token: string
  /** The cookie that carries the token after the first page load (named per port: cookies ignore ports). */
  readonly cookieName: string
  /** True when the Host header is 127.0.0.1:PORT or localhost:PORT (DNS rebinding defence). */
  hostAllowed(host: string | undefined): boolean
  /** True when there is no Origin, or it is this server's own. */
  originAllowed(origin: string | undefined): boolean
  /** True when `candidate` is the token, compared in constant time. */
  tokenMatches(candidate: string | undefined): boolean
  /** The Set-Cookie value that hands the token to the browser. */
  sessionCookie(): string
  /** The token carried by a Cookie header, if any. */
  cookieToken(cookieHeader: string | undefined): string | undefined
}

/** A fresh random token: 32 bytes, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/** The guard of a server on 127.0.0.1:`port` with this `token`. */
export function createGuard(port: number, token: string = newToken()): Guard {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`])
  const origins = new Set([...hosts].map(host => `http://${host}`))
  const expected = Buffer.from(token)
  const cookieName = `kolo_explorer_${port}`
  return {
    token,
    cookieName,
    hostAllowed: host => host !== undefined && hosts.has(host.toLowerCase()),
    originAllowed: origin => origin === undefined || origins.has(origin.toLowerCase()),
    tokenMatches(candidate) {
      if (candidate === undefined) return false
      const given = Buffer.from(candidate)
      return given.length === expected.length && timingSafeEqual(given, expected)
    },
    sessionCookie: () => `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
    cookieToken(cookieHeader) {
      for (const part of (cookieHeader ?? '').split(';')) {
        const eq = part.indexOf('=')
        if (eq > 0 && part.slice(0, eq).trim() === cookieName) return part.slice(eq + 1).trim()
      }
      return undefined
    },
  }
}
