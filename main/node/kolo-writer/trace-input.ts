/**
 * What the store writers accept: a C2 trace map (kolo-format.md §4.3), or a body already encoded.
 *
 * Trace maps may be `Map`s or plain objects (key order is kept either way).
 */

/** A Kolo trace as a map: `command_line_args`, …, `threads` (kolo-format.md §4.3). */
export type TraceMap = Map<string, unknown> | Record<string, unknown>

/** A trace body already encoded as msgpack (the benchmark's big traces). */
export interface EncodedTrace {
  traceId: string
  msgpack: Uint8Array
  /** `created_at` as Kolo writes it (`YYYY-MM-DD HH:MM:SS.fff`, UTC); default: now. */
  createdAt?: string
}

/** One trace to write into a store. */
export type TraceInput = TraceMap | EncodedTrace

/** A field of a map or plain object, or undefined. */
export function fieldOf(map: unknown, key: string): unknown {
  if (map instanceof Map) return (map as Map<unknown, unknown>).get(key)
  if (map !== null && typeof map === 'object' && !Array.isArray(map)) {
    return (map as Record<string, unknown>)[key]
  }
  return undefined
}

/** The entries of a map or plain object. */
export function entriesOf(map: unknown): [unknown, unknown][] {
  if (map instanceof Map) return [...(map as Map<unknown, unknown>).entries()]
  if (map !== null && typeof map === 'object' && !Array.isArray(map)) return Object.entries(map)
  return []
}

/** Whether the input is a pre-encoded body. */
export function isEncoded(trace: TraceInput): trace is EncodedTrace {
  return !(trace instanceof Map) && trace.msgpack instanceof Uint8Array
}

/** A trace map's `trace_id`. */
export function traceIdOf(trace: TraceInput): string {
  const id = isEncoded(trace) ? trace.traceId : fieldOf(trace, 'trace_id')
  if (typeof id !== 'string' || !id) throw new Error('trace has no trace_id')
  return id
}

/** Epoch seconds as Kolo's `created_at`: `YYYY-MM-DD HH:MM:SS.fff` UTC. */
export function koloCreatedAt(epochSeconds: number): string {
  return new Date(Math.round(epochSeconds * 1000)).toISOString().replace('T', ' ').slice(0, 23)
}

/**
 * When Kolo would have inserted the trace: after its last record (the row is written at the end).
 */
export function createdAtOf(trace: TraceInput): string {
  if (isEncoded(trace)) return trace.createdAt ?? koloCreatedAt(Date.now() / 1000)
  let last = Number(fieldOf(trace, 'timestamp') ?? Date.now() / 1000)
  for (const [, thread] of entriesOf(fieldOf(trace, 'threads'))) {
    const frames = fieldOf(thread, 'frames')
    const tail = Array.isArray(frames) ? (frames[frames.length - 1] as unknown) : undefined
    const ts = fieldOf(tail, 'timestamp')
    if (typeof ts === 'number' && ts > last) last = ts
  }
  return koloCreatedAt(last + 0.002)
}
