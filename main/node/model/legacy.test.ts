import {describe, expect, it} from 'vitest'
import {nameOf} from '../../../shared/model/trace-model'
import {decodeTraceBody} from '../decode/decode-trace-body'
import {buildTraceModel} from './build-trace'
import {nodeDetails} from './node-details'
import {formatTreeLines} from './tree-text'

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value))

describe('legacy JSON eras build like the others', () => {
  it('era B (1.6+ frame boundaries, string-encoded arg/locals)', () => {
    const t = 1_600_000_000
    const frame = (event: string, line: number, ts: number, extra: object = {}) => ({
      type: 'frame',
      frame_id: 'frm_01F0000000000000000000000A',
      path: `app/views.py:${line}`,
      co_name: 'index',
      qualname: 'app.views.index',
      event,
      arg: 'None',
      locals: '{\n  "request": "<WSGIRequest>"\n}',
      timestamp: ts,
      user_code_call_site: null,
      ...extra,
    })
    const body = json({
      command_line_args: ['manage.py', 'runserver'],
      current_commit_sha: null,
      frames_of_interest: [
        {
          type: 'django_request',
          frame_id: 'frm_R',
          timestamp: t,
          method: 'GET',
          path_info: '/',
          headers: {},
          body: '',
        },
        frame('call', 3, t + 0.001),
        frame('return', 5, t + 0.002, {arg: '"ok"'}),
        {
          type: 'django_response',
          frame_id: 'frm_R',
          timestamp: t + 0.003,
          status_code: 200,
          ms_duration: 3,
          headers: {},
        },
      ],
      meta: {version: '2.5.0', use_frame_boundaries: true},
      timestamp: t,
      trace_id: 'trc_01F00000000000000000000000',
    })
    const built = buildTraceModel(decodeTraceBody(body, {source: 'era-b.json'}))
    expect(formatTreeLines(built.model).map(l => l.replace(/ {2}[\d.]+ [µnm]?s$/, ''))).toEqual([
      'request  GET /',
      '  frame  app.views.index',
    ])
    expect(built.model.meta.name).toBe('200 GET /')
    const d = nodeDetails(built, 1)
    expect(d.kind === 'frame' && d.returnValue).toEqual({t: 'str', v: 'ok'})
  })

  it('era A (invocation with top-level SQL)', () => {
    const body = json({
      request_id: 'inv_1',
      invocation_id: 'inv_1',
      current_commit_sha: 'abc',
      request: {method: 'GET', path_info: '/old/', body: '', headers: {}},
      response: {ms_duration: 5, status_code: 200, content: '', headers: {}},
      timestamp: '2021-06-01 12:00:00.123456+00:00',
      sql_queries_made: [{sql: 'SELECT 1', time: '0.001'}],
      frames_of_interest: [
        {
          id: 'frm_1',
          path: 'app/v.py:1',
          co_name: 'v',
          event: 'call',
          arg: 'None',
          locals: '{}',
          timestamp: 1622548800.2,
        },
        {
          id: 'frm_1',
          path: 'app/v.py:4',
          co_name: 'v',
          event: 'return',
          arg: 'None',
          locals: '{}',
          timestamp: 1622548800.3,
        },
      ],
      meta: {version: '1.1.0'},
    })
    const built = buildTraceModel(decodeTraceBody(body, {source: 'era-a.json'}))
    const names = Array.from({length: built.model.nodeCount}, (_, i) => nameOf(built.model, i))
    expect(names).toEqual(['GET /old/', 'app/v.py:1 v', 'SELECT 1'])
    expect(built.model.meta.warnings).toEqual([])
  })
})
