import {describe, expect, it} from 'vitest'
import {encodeKolo} from '../kolo-writer/msgpack-writer'
import {decodeTraceBody} from './decode-trace-body'
import type {DecodedTrace} from './decoded-trace'

const record = (type: string, thread: string, i: number): Map<string, unknown> =>
  new Map<string, unknown>([
    ['type', type],
    ['frame_id', `frm_${thread}_${i}`],
    ['timestamp', 1700000000 + i],
    ['user_code_call_site', null],
    ['thread', thread],
  ])

const decode = (trace: Map<string, unknown>): DecodedTrace =>
  decodeTraceBody(encodeKolo(trace), {source: 'built'})
const shape = (t: DecodedTrace): unknown[] =>
  t.threads.map(th => [th.key, th.name, th.records.length])

describe('thread selection (kolo-format.md §6)', () => {
  it('C1: frames_of_interest is the main thread, frames[native_id] the others', () => {
    const trace = decode(
      new Map<string, unknown>([
        ['command_line_args', ['manage.py', 'runserver']],
        ['current_commit_sha', 'abc'],
        ['frames', new Map([[4242, [record('frame', 'Worker', 0)]]])],
        [
          'frames_of_interest',
          [record('django_request', 'MainThread', 0), record('django_response', 'MainThread', 1)],
        ],
        ['main_thread_id', 999],
        [
          'meta',
          new Map<string, unknown>([
            ['version', '2.20.0'],
            ['source', 'kolo.middleware.KoloMiddleware'],
            ['use_frame_boundaries', true],
          ]),
        ],
        ['timestamp', 1700000000.5],
        ['trace_id', 'trc_c1'],
      ]),
    )
    expect(trace).toMatchObject({
      format: 'msgpack-c1',
      traceId: 'trc_c1',
      mainThreadKey: '999',
      koloVersion: '2.20.0',
      commitSha: 'abc',
    })
    expect(shape(trace)).toEqual([
      ['999', 'MainThread', 2],
      ['4242', 'Worker', 1],
    ])
  })

  const c2 = (extra: [string, unknown][]): Map<string, unknown> =>
    new Map<string, unknown>([
      [
        'meta',
        new Map<string, unknown>([
          ['version', '2.40.0'],
          ['config', new Map()],
        ]),
      ],
      ['timestamp', 1700000000],
      ['trace_id', 'trc_c2'],
      ['frames_of_interest', []],
      ['frames', new Map()],
      [
        'threads',
        new Map([
          [
            'native_1',
            new Map<string, unknown>([
              ['name', 'MainThread'],
              ['frames', [record('frame', 'MainThread', 0)]],
            ]),
          ],
          [
            'native_2',
            new Map<string, unknown>([
              ['name', 'Thread-1'],
              ['frames', [record('frame', 'Thread-1', 0), record('frame', 'Thread-1', 1)]],
            ]),
          ],
        ]),
      ],
      ...extra,
    ])

  it('C2: threads[current_thread_id] first, then every other thread', () => {
    const trace = decode(c2([['current_thread_id', 'native_2']]))
    expect(trace.format).toBe('msgpack-c2')
    expect(trace.mainThreadKey).toBe('native_2')
    expect(shape(trace)).toEqual([
      ['native_2', 'Thread-1', 2],
      ['native_1', 'MainThread', 1],
    ])
  })

  it('C2: a current_thread_id that is not in threads gives an empty main thread', () => {
    const trace = decode(c2([['current_thread_id', 'native_9']]))
    expect(shape(trace)).toEqual([
      ['native_9', 'native_9', 0],
      ['native_1', 'MainThread', 1],
      ['native_2', 'Thread-1', 2],
    ])
  })

  it('without meta.config, frames_of_interest wins (eras B, C1)', () => {
    const trace = c2([['current_thread_id', 'native_2']])
    trace.set('meta', new Map([['version', '2.30.0']]))
    trace.set('frames_of_interest', [record('frame', 'MainThread', 0)])
    expect(shape(decode(trace))).toEqual([
      ['main', 'MainThread', 1],
      ['native_1', 'MainThread', 1],
      ['native_2', 'Thread-1', 2],
    ])
  })

  it('without current_thread_id (a recovered container), all threads in order', () => {
    const trace = c2([])
    trace.delete('meta')
    expect(decode(trace).mainThreadKey).toBe('native_1')
    expect(shape(decode(trace))).toHaveLength(2)
  })
})
