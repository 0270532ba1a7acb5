import {MAX_DECODE_DEPTH} from './msgpack-reader'
import {PyRepr, PyTooDeep, type KoloMap} from './py-objects'
import {parseTimestamp} from './timestamps'

/**
 * A parsed JSON value as the msgpack decoder would give it: objects become Maps.
 *
 * Depth-limited like the msgpack decoder (deeper values become PyTooDeep).
 */
export function jsonToKolo(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (depth >= MAX_DECODE_DEPTH) return new PyTooDeep(0)
  if (Array.isArray(value)) return value.map(item => jsonToKolo(item, depth + 1))
  const out = new Map<unknown, unknown>()
  for (const [k, v] of Object.entries(value)) out.set(k, jsonToKolo(v, depth + 1))
  return out
}

/** A JSON-encoded string of era A/B (`arg`, `locals`) decoded, or its text as a repr. */
export function parseEmbedded(text: string): unknown {
  try {
    return jsonToKolo(JSON.parse(text))
  } catch {
    return new PyRepr(text)
  }
}

/** True when the trace is era A or early era B: frames carry `locals` as JSON strings. */
export function isStringEncoded(records: readonly KoloMap[]): boolean {
  for (const r of records) {
    const locals = r.get('locals')
    if (locals !== undefined && locals !== null) return typeof locals === 'string'
  }
  return false
}

/**
 * One era A/B record with the field names and types of C2 (kolo-format.md §11.7).
 *
 * `id` → `frame_id`, `user_code_callsite` → `user_code_call_site`, untyped frames get
 * `type: "frame"`, string timestamps become epoch seconds, string `arg`/`locals` are parsed.
 */
export function normaliseRecord(record: KoloMap, stringEncoded: boolean): KoloMap {
  const out = new Map(record)
  if (!out.has('frame_id') && out.has('id')) {
    out.set('frame_id', out.get('id'))
    out.delete('id')
  }
  if (!out.has('user_code_call_site') && out.has('user_code_callsite')) {
    out.set('user_code_call_site', out.get('user_code_callsite'))
    out.delete('user_code_callsite')
  }
  if (!out.has('type') && typeof out.get('event') === 'string') out.set('type', 'frame')
  const timestamp = out.get('timestamp')
  if (typeof timestamp === 'string') {
    const seconds = parseTimestamp(timestamp)
    if (seconds !== undefined) out.set('timestamp', seconds)
  }
  if (stringEncoded && out.get('type') === 'frame') {
    for (const key of ['arg', 'locals']) {
      const value = out.get(key)
      if (typeof value === 'string') out.set(key, parseEmbedded(value))
    }
  }
  return out
}

/** Records from a top-level list: the Maps in it, anything else dropped. */
export function mapsIn(value: unknown): KoloMap[] {
  return Array.isArray(value) ? value.filter((v): v is KoloMap => v instanceof Map) : []
}

/** True when a decoded top-level trace map is era A (or 1.6–1.8 without frame boundaries). */
export function isEraA(top: KoloMap): boolean {
  const meta = top.get('meta')
  const boundaries: unknown = meta instanceof Map ? meta.get('use_frame_boundaries') : undefined
  return top.has('invocation_id') || top.has('request_id') || boundaries !== true
}
