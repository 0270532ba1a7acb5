import {mapsIn} from './legacy-eras'
import type {KoloMap} from './py-objects'
import {parseTimestamp} from './timestamps'

type Timed = {record: KoloMap; at: number | undefined}

function rec(
  type: string,
  frameId: string,
  at: number | undefined,
  fields: [string, unknown][],
): Timed {
  const record: KoloMap = new Map<unknown, unknown>([
    ['type', type],
    ['frame_id', frameId],
    ['timestamp', at ?? null],
    ['user_code_call_site', null],
  ])
  for (const [k, v] of fields) record.set(k, v)
  return {record, at}
}

function get(map: unknown, key: string): unknown {
  return map instanceof Map ? map.get(key) : undefined
}

function callSite(site: unknown): KoloMap | null {
  if (!(site instanceof Map)) return null
  return new Map<unknown, unknown>([
    ['call_frame_id', site.get('call_frame_id')],
    ['line_number', site.get('line_number')],
  ])
}

/** SQL pairs: `queries_with_call_site` (timed, 1.2+) or else `sql_queries_made` (untimed). */
function sqlRecords(top: KoloMap): Timed[] {
  const out: Timed[] = []
  const withSite = mapsIn(top.get('queries_with_call_site'))
  if (withSite.length > 0) {
    withSite.forEach((q, i) => {
      const id = `frm_kolo_explorer_sql_${i}`
      const start = parseTimestamp(q.get('call_timestamp'))
      const end = parseTimestamp(q.get('return_timestamp')) ?? start
      const site = callSite(q.get('user_code_callsite') ?? q.get('user_code_call_site'))
      const a = rec('start_sql_query', id, start, [['call_timestamp', start ?? null]])
      const b = rec('end_sql_query', id, end, [
        ['return_timestamp', end ?? null],
        ['query', q.get('query') ?? null],
        ['query_template', q.get('query_template') ?? null],
        ['query_data', null],
        ['query_params', null],
      ])
      a.record.set('user_code_call_site', site)
      b.record.set('user_code_call_site', site)
      out.push(a, b)
    })
    return out
  }
  mapsIn(top.get('sql_queries_made')).forEach((q, i) => {
    const id = `frm_kolo_explorer_sql_${i}`
    out.push(rec('start_sql_query', id, undefined, []))
    out.push(
      rec('end_sql_query', id, undefined, [
        ['query', q.get('sql') ?? null],
        ['query_time', q.get('time') ?? null],
      ]),
    )
  })
  return out
}

/** Outbound HTTP pairs from `api_requests_made`. */
function httpRecords(top: KoloMap): Timed[] {
  const out: Timed[] = []
  mapsIn(top.get('api_requests_made')).forEach((call, i) => {
    const id = `frm_kolo_explorer_http_${i}`
    const request = call.get('request')
    const response = call.get('response')
    const start = parseTimestamp(get(request, 'timestamp'))
    const common: [string, unknown][] = ['method', 'url', 'method_and_full_url'].map(k => [
      k,
      get(request, k) ?? null,
    ])
    out.push(
      rec('outbound_http_request', id, start, [
        ...common,
        ['body', get(request, 'body') ?? null],
        ['headers', get(request, 'headers') ?? null],
      ]),
    )
    if (response instanceof Map) {
      const end = parseTimestamp(response.get('timestamp')) ?? start
      out.push(
        rec('outbound_http_response', id, end, [
          ...common,
          ['body', response.get('body') ?? null],
          ['headers', response.get('headers') ?? null],
          ['status_code', response.get('status_code') ?? null],
        ]),
      )
    }
  })
  return out
}

/**
 * Era A's top-level request, response, SQL, HTTP, job and exception data folded into the
 * record list, in time order as far as the data tells (kolo-format.md §4.1).
 *
 * The request opens before the first frame and the response closes after the last; entries
 * without timestamps (`sql_queries_made`, `jobs_enqueued`, `exception`) go just before the response.
 */
export function foldEraA(top: KoloMap, frames: KoloMap[]): KoloMap[] {
  const stamps = frames
    .map(f => f.get('timestamp'))
    .filter((t): t is number => typeof t === 'number')
  const first = stamps.length > 0 ? Math.min(...stamps.slice(0, 1000)) : undefined
  const last = stamps.length > 0 ? stamps[stamps.length - 1] : undefined
  const traceStart = parseTimestamp(top.get('timestamp'))
  const extras = [...sqlRecords(top), ...httpRecords(top)]
  const timed = extras.filter(e => e.at !== undefined).sort((a, b) => a.at! - b.at!)
  const untimed = extras.filter(e => e.at === undefined)
  mapsIn(top.get('jobs_enqueued')).forEach((job, i) => {
    const fields: [string, unknown][] = ['name', 'args', 'kwargs'].map(k => [k, job.get(k) ?? null])
    untimed.push(
      rec('background_job', `frm_kolo_explorer_job_${i}`, undefined, [
        ['subtype', 'celery'],
        ...fields,
      ]),
    )
  })
  const exception = top.get('exception')
  if (exception instanceof Map) {
    const fields = [...exception.entries()].map(([k, v]): [string, unknown] => [String(k), v])
    untimed.push(rec('exception', 'frm_kolo_explorer_exception', undefined, fields))
  }

  const merged: KoloMap[] = []
  let j = 0
  for (const frame of frames) {
    const at = frame.get('timestamp')
    while (j < timed.length && typeof at === 'number' && timed[j]!.at! < at) {
      merged.push(timed[j++]!.record)
    }
    merged.push(frame)
  }
  while (j < timed.length) merged.push(timed[j++]!.record)

  const request = top.get('request')
  const response = top.get('response')
  const opened = request instanceof Map ? (traceStart ?? first) : undefined
  const duration = get(response, 'ms_duration')
  const lastAt = Math.max(last ?? -Infinity, timed.at(-1)?.at ?? -Infinity)
  let closed = Number.isFinite(lastAt) ? lastAt : opened
  if (opened !== undefined && typeof duration === 'number') {
    closed = Math.max(closed ?? opened, opened + duration / 1000)
  }
  for (const e of untimed) e.record.set('timestamp', closed ?? null)
  const out: KoloMap[] = []
  if (request instanceof Map) {
    const keys = ['method', 'path_info', 'body', 'headers', 'scheme']
    out.push(
      rec(
        'django_request',
        'frm_kolo_explorer_request',
        opened,
        keys.map(k => [k, request.get(k) ?? null]),
      ).record,
    )
  }
  for (const r of merged) out.push(r)
  for (const e of untimed) out.push(e.record)
  if (response instanceof Map) {
    const keys = ['ms_duration', 'status_code', 'content', 'headers']
    const fields: [string, unknown][] = keys.map(k => [k, response.get(k) ?? null])
    out.push(
      rec('django_response', 'frm_kolo_explorer_request', closed, [
        ...fields,
        ['url_pattern', null],
      ]).record,
    )
  }
  return out
}
