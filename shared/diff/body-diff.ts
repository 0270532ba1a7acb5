import {dictGet, py, textOf} from '../values/py-value'
import type {PyValue} from '../values/py-value'
import {SequenceAligner} from './sequence-align'
import {diffValues} from './value-diff'
import type {ValueDiff, ValueDiffOptions} from './value-diff'

/** Response headers that differ on every run: left out of header diffs by default. */
export const volatileHeaders: readonly string[] = [
  'date',
  'server-timing',
  'x-request-id',
  'x-runtime',
  'x-response-time',
  'age',
  'expires',
]

/** Options of the header and body diffs. */
export interface BodyDiffOptions extends ValueDiffOptions {
  /** Header names (any case) left out; default `volatileHeaders`. */
  ignoreHeaders?: readonly string[]
  /** Most lines of a text body compared (default 20,000). */
  maxLines?: number
}

/** The diff of two header dicts, without the volatile ones. */
export function diffHeaders(
  a: PyValue | undefined,
  b: PyValue | undefined,
  options: BodyDiffOptions = {},
): ValueDiff {
  const ignore = new Set((options.ignoreHeaders ?? volatileHeaders).map(h => h.toLowerCase()))
  const keep = (headers: PyValue | undefined): PyValue | undefined =>
    headers?.t === 'dict'
      ? {
          ...headers,
          entries: headers.entries.filter(([k]) => !ignore.has((textOf(k) ?? '').toLowerCase())),
        }
      : headers
  return diffValues(keep(a), keep(b), options)
}

/**
 * The diff of two bodies: as values when both are JSON, else line by line (added and removed
 * lines, `line N` being the line in B, or in A for a removed one).
 */
export function diffBodies(
  a: PyValue | undefined,
  b: PyValue | undefined,
  options: BodyDiffOptions = {},
): ValueDiff {
  const ta = bodyText(a)
  const tb = bodyText(b)
  if (ta === undefined || tb === undefined) return diffValues(a, b, options)
  if (ta === tb) return {changes: [], truncated: false}
  const ja = parseJson(ta)
  const jb = parseJson(tb)
  if (ja !== undefined && jb !== undefined) return diffValues(ja, jb, options)
  return diffLines(ta, tb, options)
}

/** A body's text: str as is, bytes as UTF-8 when they decode; undefined for anything else. */
function bodyText(value: PyValue | undefined): string | undefined {
  if (value?.t === 'str') return value.v
  if (value?.t === 'bytes') {
    const bytes = new Uint8Array(value.hex.length / 2)
    for (let i = 0; i < bytes.length; i++) {
      bytes[i] = parseInt(value.hex.slice(2 * i, 2 * i + 2), 16)
    }
    try {
      return new TextDecoder('utf-8', {fatal: true}).decode(bytes)
    } catch {
      return undefined
    }
  }
  return undefined
}

function diffLines(a: string, b: string, options: BodyDiffOptions): ValueDiff {
  const maxLines = options.maxLines ?? 20_000
  const la = a.split('\n').slice(0, maxLines)
  const lb = b.split('\n').slice(0, maxLines)
  const ids = new Map<string, number>()
  const idOf = (line: string): number => {
    const key = line.trim()
    let id = ids.get(key)
    if (id === undefined) ids.set(key, (id = ids.size))
    return id
  }
  const ka = Int32Array.from(la, idOf)
  const kb = Int32Array.from(lb, idOf)
  const match = new Int32Array(la.length)
  new SequenceAligner().align(ka, ka, la.length, kb, kb, lb.length, match)
  const matchedB = new Uint8Array(lb.length)
  for (const j of match) if (j >= 0) matchedB[j] = 1
  // Removed lines sit before the B line that follows them: merge by position.
  const changes: {at: number; order: number; line: string; added: boolean; no: number}[] = []
  let nextB = 0
  for (let i = 0; i < la.length; i++) {
    if (match[i]! >= 0) nextB = match[i]! + 1
    else changes.push({at: nextB, order: 0, line: la[i]!, added: false, no: i + 1})
  }
  for (let j = 0; j < lb.length; j++) {
    if (!matchedB[j]) changes.push({at: j, order: 1, line: lb[j]!, added: true, no: j + 1})
  }
  changes.sort((x, y) => x.at - y.at || x.order - y.order)
  const max = options.maxChanges ?? 50
  const chars = options.maxChars ?? 120
  const cut = (s: string) => (s.length > chars ? `${s.slice(0, chars - 1)}…` : s)
  return {
    changes: changes
      .slice(0, max)
      .map(c =>
        c.added
          ? {path: `line ${c.no}`, kind: 'added', after: cut(c.line)}
          : {path: `line ${c.no}`, kind: 'removed', before: cut(c.line)},
      ),
    truncated: changes.length > max || la.length >= maxLines || lb.length >= maxLines,
  }
}

/** A JSON text as a PyValue (objects as dicts with str keys), or undefined if it is not JSON. */
export function parseJson(text: string): PyValue | undefined {
  const trimmed = text.trimStart()
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined
  try {
    return fromJson(JSON.parse(text) as unknown)
  } catch {
    return undefined
  }
}

function fromJson(value: unknown): PyValue {
  if (value === null) return py.none
  if (typeof value === 'boolean') return py.bool(value)
  if (typeof value === 'number') return Number.isInteger(value) ? py.int(value) : py.float(value)
  if (typeof value === 'string') return py.str(value)
  if (Array.isArray(value)) return py.list(value.map(fromJson))
  return py.dict(Object.entries(value as object).map(([k, v]) => [py.str(k), fromJson(v)]))
}

/** The number of rows an SQL query returned, from Kolo's query_data; undefined if unknown. */
export function sqlRowCount(data: PyValue | undefined): number | undefined {
  if (!data) return undefined
  // SELECT: chunks (lists) of row tuples. `.count()` and the like: one tuple.
  if (data.t === 'list') {
    let rows = 0
    for (const chunk of data.items) {
      if (chunk.t === 'list') rows += chunk.cut ?? chunk.items.length
      else rows++
    }
    return rows
  }
  if (data.t === 'tuple') return 1
  // A generator or cursor repr: the rows are not in the trace.
  return undefined
}

/** The value of a header, whatever the case of its name. */
export function headerValue(headers: PyValue | undefined, name: string): string | undefined {
  if (headers?.t !== 'dict') return undefined
  const exact = textOf(dictGet(headers, name))
  if (exact !== undefined) return exact
  const lower = name.toLowerCase()
  for (const [k, v] of headers.entries) if (textOf(k)?.toLowerCase() === lower) return textOf(v)
  return undefined
}
