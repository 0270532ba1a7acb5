import type {PyValue} from '../values/py-value'

/** A model instance as its repr names it: `<Book: Book object (1)>` or `<Author: Ada>`. */
export interface ModelRepr {
  className: string
  /** The `__str__` text. */
  label: string
  /** The primary key, when the repr is Django's default `Book object (1)`. */
  pk?: string
}

const modelRepr = /^<([A-Za-z_]\w*): ([\s\S]*)>$/
const notModels = new Set(['WSGIRequest', 'ASGIRequest', 'QuerySet', 'SimpleLazyObject', 'Page'])

/** A model-instance repr, or undefined (requests, responses, querysets, forms are not models). */
export function parseModelRepr(text: string): ModelRepr | undefined {
  const m = modelRepr.exec(text)
  if (!m || notModels.has(m[1]!) || m[1]!.startsWith('Http') || m[1]!.endsWith('Response')) {
    return undefined
  }
  const className = m[1]!
  const label = m[2]!
  const pk = new RegExp(`^${className} object \\((.+)\\)$`).exec(label)?.[1]
  return pk === undefined || pk === 'None' ? {className, label} : {className, label, pk}
}

/** The instances of a `<QuerySet [...]>` repr; undefined if it is not one or Django cut it short. */
export function parseQuerySetRepr(text: string): ModelRepr[] | undefined {
  const m = /^<QuerySet \[([\s\S]*)\]>$/.exec(text)
  if (!m || m[1]!.includes('...(remaining elements truncated)...')) return undefined
  if (m[1]!.trim() === '') return []
  const out: ModelRepr[] = []
  // Items are `<Class: label>` separated by ", "; labels may hold commas, so split on ">, <".
  for (const part of m[1]!.split(/>, (?=<)/)) {
    const item = parseModelRepr(part.endsWith('>') ? part : `${part}>`)
    if (!item) return undefined
    out.push(item)
  }
  return out
}

/** The model of Kolo's `Unevaluated queryset for: <class 'app.models.Book'>`. */
export function parseUnevaluatedQuerySet(text: string): string | undefined {
  return /^Unevaluated queryset for: <class '([\w.]+)'>$/.exec(text)?.[1]
}

/** `<WSGIRequest: GET '/path/?q=1'>` → method and full path. */
export function parseRequestRepr(text: string): {method: string; path: string} | undefined {
  const m = /^<(?:WSGI|ASGI)Request: ([A-Z]+) '([\s\S]*)'>$/.exec(text)
  return m ? {method: m[1]!, path: m[2]!} : undefined
}

/** `<HttpResponse status_code=200, "text/html">` → its status code. */
export function parseResponseRepr(text: string): {className: string; status: number} | undefined {
  const m = /^<(\w+) status_code=(\d{3})\b/.exec(text)
  return m ? {className: m[1]!, status: Number(m[2])} : undefined
}

/** Calls `visit` on every repr string inside a value (dict keys and values, items). */
export function eachRepr(
  value: PyValue | undefined,
  visit: (text: string) => void,
  depth = 0,
): void {
  if (!value || depth > 12) return
  switch (value.t) {
    case 'repr':
      visit(value.v)
      return
    case 'list':
    case 'tuple':
    case 'set':
    case 'frozenset':
      for (const item of value.items) eachRepr(item, visit, depth + 1)
      return
    case 'dict':
      for (const [k, v] of value.entries) {
        eachRepr(k, visit, depth + 1)
        eachRepr(v, visit, depth + 1)
      }
      return
    default:
      return
  }
}

/** Whether a repr names a memory address (`at 0x7f…`): it differs from run to run. */
export function hasAddress(text: string): boolean {
  return /\bat 0x[0-9a-f]+/i.test(text)
}
