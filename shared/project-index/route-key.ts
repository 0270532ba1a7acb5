/**
 * Endpoint keys: what groups requests in the overview. A Django route pattern when Kolo recorded
 * one (`url_pattern.route`), else the request path with its ids replaced by placeholders.
 */

/** A Django route (`books/<int:book_id>/`, or a re_path regex) as a path: `/books/<int:book_id>/`. */
export function routeFromPattern(route: string): string {
  const bare = route.replace(/^\^/, '').replace(/\$$/, '').replace(/\\Z$/, '')
  return bare.startsWith('/') ? bare : `/${bare}`
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const longHex = /^(?=.*\d)[0-9a-f]{16,}$/i
const ulid = /^(?:[a-z]{2,4}_)?[0-9A-HJKMNP-TV-Z]{26}$/

/**
 * A path with what varies per object replaced: `/books/99/` → `/books/<int>/`.
 *
 * Integer segments become `<int>`, UUIDs `<uuid>`, ULIDs (with or without a prefix) `<ulid>`, long
 * hex strings `<hex>`. The query string and fragment are dropped; other segments (slugs) stay.
 */
export function normalisePath(path: string): string {
  const bare = path.replace(/[?#].*$/, '')
  return bare
    .split('/')
    .map(segment => {
      if (/^\d+$/.test(segment)) return '<int>'
      if (uuid.test(segment)) return '<uuid>'
      if (ulid.test(segment)) return '<ulid>'
      if (longHex.test(segment)) return '<hex>'
      return segment
    })
    .join('/')
}

/** The endpoint key of a request: `METHOD route`. */
export function endpointKey(method: string | undefined, route: string): string {
  return method ? `${method} ${route}` : route
}

/** The host (and port, when given) of a URL, lower-cased; undefined when it has none. */
export function hostOf(url: string): string | undefined {
  const m = /^[a-z][\w+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^/?#:]+)(?::(\d+))?/i.exec(url)
  if (!m) return undefined
  const host = m[1]!.toLowerCase()
  return m[2] ? `${host}:${m[2]}` : host
}
