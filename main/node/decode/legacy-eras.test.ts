import {describe, expect, it} from 'vitest'
import {encodeKolo} from '../kolo-writer/msgpack-writer'
import {decodeTraceBody} from './decode-trace-body'
import type {DecodedTrace} from './decoded-trace'
import {jsonToKolo} from './legacy-eras'
import {PyRepr} from './py-objects'
import {parseTimestamp} from './timestamps'

const T0 = 1622548800 // 2021-06-01 12:00:00 UTC

/** An era A invocation in the documented shape (kolo-format.md §4.1), Kolo ~1.4. */
const eraA = {
  request_id: 'inv_6f1c2e9a-4b7d-4e1f-9a2b-3c4d5e6f7081',
  invocation_id: 'inv_6f1c2e9a-4b7d-4e1f-9a2b-3c4d5e6f7081',
  current_commit_sha: 'abc123',
  request: {scheme: 'http', method: 'GET', path_info: '/books/', body: '', headers: {Host: 'x'}},
  response: {ms_duration: 90, status_code: 500, content: '<html>', headers: {}},
  timestamp: '2021-06-01 12:00:00.100000+00:00',
  sql_queries_made: [{sql: 'SELECT 1', time: '0.001'}],
  jobs_enqueued: [{name: 'send_mail', args: [1], kwargs: {}}],
  api_requests_made: [
    {
      request: {
        method: 'GET',
        url: 'https://api.example.com/',
        method_and_full_url: 'GET https://api.example.com/',
        body: null,
        headers: {},
        timestamp: '2021-06-01T12:00:00.150000+00:00',
      },
      response: {
        timestamp: '2021-06-01T12:00:00.160000+00:00',
        body: '{}',
        status_code: 200,
        headers: {},
      },
    },
  ],
  queries_with_call_site: [
    {
      user_code_callsite: {call_frame_id: 'frm_a', line_number: 14},
      call_timestamp: T0 + 0.13,
      return_timestamp: T0 + 0.131,
      query: 'SELECT * FROM book',
      query_template: 'SELECT * FROM book',
    },
  ],
  exception: {
    exception_summary: ['ValueError: bad'],
    exception_with_traceback: ['Traceback…'],
    exception_frames: [
      {path: 'books/views.py:12', co_name: 'book_list', locals: '{}', expanded_locals: {}},
    ],
    bottom_exception_frame: {path: 'books/views.py:12', co_name: 'book_list'},
  },
  frames_of_interest: [
    {
      id: 'frm_a',
      path: 'books/views.py:10',
      co_name: 'book_list',
      qualname: 'books.views.book_list',
      event: 'call',
      arg: 'null',
      locals: '{\n  "request": "<WSGIRequest: GET \'/books/\'>",\n  "n": 3\n}',
      timestamp: T0 + 0.125,
      user_code_callsite: null,
    },
    {
      id: 'frm_a',
      path: 'books/views.py:12',
      co_name: 'book_list',
      qualname: 'books.views.book_list',
      event: 'return',
      arg: 'None',
      locals: '{}',
      timestamp: T0 + 0.17,
      user_code_callsite: {call_frame_id: 'frm_outer', line_number: 3},
    },
  ],
  meta: {version: '1.4.0'},
}

/** An era B trace (kolo-format.md §4.2), Kolo ~2.5: typed records, raw arg/locals. */
const eraB = {
  command_line_args: ['manage.py', 'runserver'],
  current_commit_sha: null,
  meta: {version: '2.5.0', use_frame_boundaries: true},
  timestamp: T0,
  trace_id: 'trc_01F72M5Q8Z0000000000000000',
  frames_of_interest: [
    {
      type: 'django_request',
      frame_id: 'frm_r',
      timestamp: T0 + 0.01,
      user_code_call_site: null,
      method: 'GET',
      path_info: '/',
      thread: 'MainThread',
    },
    {
      type: 'frame',
      frame_id: 'frm_f',
      timestamp: T0 + 0.02,
      user_code_call_site: null,
      path: 'app.py:1',
      co_name: 'f',
      qualname: 'app.f',
      event: 'call',
      arg: null,
      locals: {x: '5'},
      thread: 'MainThread',
    },
    {
      type: 'frame',
      frame_id: 'frm_f',
      timestamp: T0 + 0.03,
      user_code_call_site: null,
      path: 'app.py:2',
      co_name: 'f',
      qualname: 'app.f',
      event: 'return',
      arg: '5',
      locals: {x: '5'},
    },
    {
      type: 'django_response',
      frame_id: 'frm_r',
      timestamp: T0 + 0.04,
      user_code_call_site: null,
      status_code: 200,
      ms_duration: 30,
    },
  ],
}

const json = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value))
const types = (t: DecodedTrace): unknown[] => {
  const r = t.threads[0]!.records
  return Array.from({length: r.length}, (_, i) => r.get(i, 'type'))
}

describe('era A (JSON invocation)', () => {
  const trace = decodeTraceBody(json(eraA), {source: 'inv.json'})

  it('keeps the invocation identity and time', () => {
    expect(trace).toMatchObject({
      format: 'json-a',
      traceId: eraA.request_id,
      commitSha: 'abc123',
      koloVersion: '1.4.0',
      mainThreadKey: 'main',
    })
    expect(trace.timestamp).toBeCloseTo(T0 + 0.1, 6)
  })

  it('folds request, SQL, HTTP, jobs and the exception into the records in time order', () => {
    expect(types(trace)).toEqual([
      'django_request',
      'frame',
      'start_sql_query',
      'end_sql_query',
      'outbound_http_request',
      'outbound_http_response',
      'frame',
      'background_job',
      'exception',
      'django_response',
    ])
    const r = trace.threads[0]!.records
    expect(r.get(0, 'path_info')).toBe('/books/')
    expect(r.get(9, 'status_code')).toBe(500)
    expect(r.get(0, 'frame_id')).toBe(r.get(9, 'frame_id'))
    expect(r.get(2, 'frame_id')).toBe(r.get(3, 'frame_id'))
    expect(r.get(3, 'query')).toBe('SELECT * FROM book')
    expect(r.callSite(2)).toEqual({frameId: 'frm_a', line: 14})
    expect(r.get(5, 'status_code')).toBe(200)
    expect(r.get(4, 'method_and_full_url')).toBe('GET https://api.example.com/')
    expect(r.get(8, 'timestamp')).toBeCloseTo(T0 + 0.19, 6) // request start + 90 ms
    expect(r.full(8).get('exception_summary')).toEqual(['ValueError: bad'])
  })

  it('normalises frames: id → frame_id, user_code_callsite, string arg/locals parsed', () => {
    const r = trace.threads[0]!.records
    expect(r.get(1, 'frame_id')).toBe('frm_a')
    expect(r.get(1, 'id')).toBeUndefined()
    expect(r.get(1, 'type')).toBe('frame')
    expect(r.full(1).get('locals')).toEqual(
      new Map<string, unknown>([
        ['request', "<WSGIRequest: GET '/books/'>"],
        ['n', 3],
      ]),
    )
    expect(r.full(1).get('arg')).toBeNull()
    expect(r.full(6).get('arg')).toEqual(new PyRepr('None'))
    expect(r.callSite(6)).toEqual({frameId: 'frm_outer', line: 3})
    expect(r.full(6).has('user_code_callsite')).toBe(false)
  })

  it('reads the same from a migrated msgpack body (Kolo 3.x re-encodes legacy rows)', () => {
    const migrated = decodeTraceBody(encodeKolo(jsonToKolo(eraA)), {source: 'raw/inv.msgpack'})
    expect(migrated.format).toBe('json-a')
    expect(types(migrated)).toEqual(types(trace))
    for (let i = 0; i < trace.threads[0]!.records.length; i++) {
      expect(migrated.threads[0]!.records.full(i)).toEqual(trace.threads[0]!.records.full(i))
    }
  })

  it('falls back to untimed SQL from sql_queries_made, placed before the response', () => {
    const older: Partial<typeof eraA> = {...eraA}
    delete older.queries_with_call_site
    const t = decodeTraceBody(json(older), {source: 'old.json'})
    const r = t.threads[0]!.records
    const sql = types(t).indexOf('end_sql_query')
    expect(r.get(sql, 'query')).toBe('SELECT 1')
    expect(types(t).slice(-2)).toEqual(['exception', 'django_response'])
  })
})

describe('era B (JSON frame boundaries)', () => {
  it('reads typed records as they are, thread name from the records', () => {
    const trace = decodeTraceBody(json(eraB), {source: 'b.json'})
    expect(trace).toMatchObject({
      format: 'json-b',
      traceId: eraB.trace_id,
      timestamp: T0,
      commandLine: ['manage.py', 'runserver'],
    })
    expect(trace.threads).toHaveLength(1)
    expect(trace.threads[0]!.name).toBe('MainThread')
    expect(types(trace)).toEqual(['django_request', 'frame', 'frame', 'django_response'])
    const r = trace.threads[0]!.records
    expect(r.full(2).get('arg')).toBe('5') // raw values: a str stays a str
    expect(r.full(1).get('locals')).toEqual(new Map([['x', '5']]))
  })

  it('parses early-2.x string-encoded arg/locals', () => {
    const early = structuredClone(eraB)
    const frames = early.frames_of_interest as Record<string, unknown>[]
    frames[1]!.locals = '{"x": "5"}'
    frames[2]!.locals = '{"x": "5"}'
    frames[2]!.arg = '"5"'
    const r = decodeTraceBody(json(early), {source: 'b.json'}).threads[0]!.records
    expect(r.full(2).get('arg')).toBe('5')
    expect(r.full(1).get('locals')).toEqual(new Map([['x', '5']]))
  })
})

describe('JSON 2.x with other threads (C1-like `frames`)', () => {
  it('offers them after the main thread', () => {
    const other = {type: 'frame', frame_id: 'frm_o', timestamp: T0, event: 'call', thread: 'Worker'}
    const body = {...eraB, main_thread_id: 7, frames: {'12': [other]}}
    const trace = decodeTraceBody(json(body), {source: 'c1.json'})
    expect(trace.threads.map(t => [t.key, t.name, t.records.length])).toEqual([
      ['7', 'MainThread', 4],
      ['12', 'Worker', 1],
    ])
  })
})

describe('parseTimestamp', () => {
  it.each([
    [1.5, 1.5],
    ['1622548800.25', T0 + 0.25],
    ['2021-06-01 12:00:00.123456+00:00', T0 + 0.123456],
    ['2021-06-01T14:00:00+02:00', T0],
    ['2021-06-01T12:00:00Z', T0],
    ['2021-06-01 12:00:00', T0],
    ['nonsense', undefined],
    [null, undefined],
  ])('%s', (input, expected) => {
    if (expected === undefined) expect(parseTimestamp(input)).toBeUndefined()
    else expect(parseTimestamp(input)).toBeCloseTo(expected, 6)
  })
})
