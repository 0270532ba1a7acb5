import {describe, expect, it} from 'vitest'
import {ApiError} from '../../../shared/api/errors'
import {NodeFlag} from '../../../shared/model/node-kind'
import {fileOf, nameOf} from '../../../shared/model/trace-model'
import type {TraceModel} from '../../../shared/model/trace-model'
import {encodeModel} from '../../../shared/api/model-codec'
import {decodeTraceBody} from '../decode/decode-trace-body'
import {syntheticC2Trace} from '../kolo-writer/synthetic-c2'
import {buildTraceModel} from './build-trace'
import {fakeTrace, RecordMaker} from '../testing/fake-trace'
import {flagList} from './tree-text'
import {nodeKindNames} from '../../../shared/model/node-kind'

// The tree as "  kind name [flags]" lines, without times.
function shape(model: TraceModel): string[] {
  const lines: string[] = []
  for (let i = 0; i < model.nodeCount; i++) {
    const flags = flagList(model.flags[i]!)
    const tail = flags.length > 0 ? ` [${flags.join(',')}]` : ''
    lines.push(
      `${'  '.repeat(model.depth[i]!)}${nodeKindNames[model.kind[i]!]} ${nameOf(model, i)}${tail}`,
    )
  }
  return lines
}

const build = (records: object[], thread?: string) =>
  buildTraceModel(fakeTrace({main: records}), {thread})

describe('buildTraceModel: walk', () => {
  it('nests requests, frames, SQL, templates and logs, with Kolo names', () => {
    const m = new RecordMaker()
    const site = (frame: string, line: number) => ({
      user_code_call_site: {call_frame_id: frame, line_number: line},
    })
    const {model, openRecord, closeRecord} = build([
      m.rec('django_request', 'r', {method: 'GET', path_info: '/books/'}),
      m.call('f1', 'shelf.views.book_list', 'shelf/views.py:12'),
      m.rec('start_sql_query', 'q1', site('f1', 13)),
      m.rec('end_sql_query', 'q1', {query: 'SELECT 1', ...site('f1', 13)}),
      m.rec('log_message', 'l1', {msg: 'x'.repeat(80), level: 'INFO', ...site('f1', 14)}),
      m.rec('django_template_start', 't1', {template: 'list.html', ...site('f1', 15)}),
      m.rec('django_template_end', 't1', {template: 'list.html'}),
      m.ret('f1', 'shelf.views.book_list', 'shelf/views.py:15'),
      m.rec('django_response', 'r', {status_code: 200}),
    ])
    expect(shape(model)).toEqual([
      'request GET /books/',
      '  frame shelf.views.book_list',
      '    sql SELECT 1',
      `    log ${'x'.repeat(50)}`,
      '    template list.html',
    ])
    expect(Array.from(model.size)).toEqual([5, 4, 1, 1, 1])
    expect(Array.from(model.parent)).toEqual([-1, 0, 1, 1, 1])
    expect(Array.from(openRecord)).toEqual([0, 1, 2, 4, 5])
    expect(Array.from(closeRecord)).toEqual([8, 7, 3, 4, 6])
    // Frames: def file and line; SQL/log/template: the call site frame's file and line.
    expect([fileOf(model, 1), model.line[1]]).toEqual(['shelf/views.py', 12])
    expect([fileOf(model, 2), model.line[2], model.callLine[2]]).toEqual(['shelf/views.py', 13, 13])
    expect([fileOf(model, 3), model.line[3]]).toEqual(['shelf/views.py', 14])
    expect(fileOf(model, 0)).toBeUndefined()
    // Times in ns from the first record, 1 ms apart.
    expect(model.startNs[0]).toBe(0)
    expect(model.endNs[0]).toBeCloseTo(8e6, -2)
    expect(model.startNs[1]).toBeCloseTo(1e6, -2)
    expect(model.meta.durationNs).toBeCloseTo(8e6, -2)
    expect(model.meta.recordCount).toBe(9)
  })

  it('names frames without qualname "path co_name", outbound by URL, flushed with a count', () => {
    const m = new RecordMaker()
    const {model} = build([
      m.call('f', '', 'app.py:3', {qualname: null, co_name: 'main'}),
      m.rec('outbound_http_request', 'o', {
        method_and_full_url: 'GET http://x/',
        subtype: 'urllib',
      }),
      m.rec('outbound_http_response', 'o', {status_code: 404}),
      m.rec('subtree_flushed', 's', {co_name: 'work', flushed_segment_count: 3}),
      m.rec('subtree_flushed', 's2', {co_name: 'one', flushed_segment_count: 1}),
      m.ret('f', '', 'app.py:9', {qualname: null, co_name: 'main'}),
    ])
    expect(shape(model)).toEqual([
      'frame app.py:3 main',
      '  outbound GET http://x/ [warning]',
      '  flushed [flushed segment] work +2 more',
      '  flushed [flushed segment] one',
    ])
  })

  it('flags library frames, 5xx errors, 4xx and WARNING logs, ERROR logs', () => {
    const m = new RecordMaker()
    const {model} = build([
      m.rec('django_request', 'r', {method: 'GET', path_info: '/'}),
      m.call('a', 'django.x', '../../usr/lib/python3/dist-packages/django/x.py:1'),
      m.ret('a', 'django.x', '../../usr/lib/python3/dist-packages/django/x.py:2'),
      m.call('b', 'lib.y', '/abs/y.py:1'),
      m.ret('b', 'lib.y', '/abs/y.py:2'),
      m.rec('log_message', 'w', {msg: 'careful', level: 'WARNING'}),
      m.rec('log_message', 'e', {msg: 'broken', level: 'ERROR'}),
      m.rec('django_response', 'r', {status_code: 503}),
    ])
    expect(shape(model)).toEqual([
      'request GET / [error]',
      '  frame django.x [library]',
      '  frame lib.y [library]',
      '  log careful [warning]',
      '  log broken [error]',
    ])
  })
})

describe('buildTraceModel: pre-processing (§7.1)', () => {
  it('drops urllib3 urlopen frames, null-query SQL pairs and lone null ends', () => {
    const m = new RecordMaker()
    const urlopen = 'urllib3.connectionpool.HTTPConnectionPool.urlopen'
    const {model} = build([
      m.call('f', 'app.f', 'app.py:1'),
      m.call('u', urlopen, 'u.py:1'),
      m.call('g', 'app.g', 'app.py:5'),
      m.ret('g', 'app.g', 'app.py:6'),
      m.ret('u', urlopen, 'u.py:2'),
      m.rec('start_sql_query', 'q1'),
      m.rec('end_sql_query', 'q1', {query: null}),
      m.rec('start_sql_query', 'q2'),
      m.rec('log_message', 'l', {msg: 'between'}),
      m.rec('end_sql_query', 'q2', {query: null}),
      m.rec('end_sql_query', 'q3', {query: null}),
      m.rec('start_sql_query', 'q4'),
      m.rec('end_sql_query', 'q4', {query: 'SELECT 4'}),
      m.ret('f', 'app.f', 'app.py:9'),
    ])
    expect(shape(model)).toEqual([
      'frame app.f',
      '  frame app.g',
      '  log between',
      '  sql SELECT 4',
    ])
    expect(model.meta.warnings).toEqual([])
  })

  it('drops background_job without any _end; else drops celery apply_async frames', () => {
    const m = new RecordMaker()
    const apply = 'celery.app.task.Task.apply_async'
    const old = build([
      m.rec('background_job', 'j', {name: 'send'}),
      m.call('a', apply, 'c.py:1'),
      m.ret('a', apply, 'c.py:2'),
    ])
    expect(shape(old.model)).toEqual(['frame celery.app.task.Task.apply_async'])
    const m2 = new RecordMaker()
    const recent = build([
      m2.rec('background_job', 'j', {name: 'send', subtype: 'celery'}),
      m2.call('a', apply, 'c.py:1'),
      m2.ret('a', apply, 'c.py:2'),
      m2.rec('background_job_end', 'j'),
    ])
    expect(shape(recent.model)).toEqual(['job send'])
  })
})

describe('buildTraceModel: tolerance (§7.6)', () => {
  it('skips closes of nothing open, closes inner spans as unfinished, keeps open spans', () => {
    const m = new RecordMaker()
    const {model} = build([
      m.ret('x', 'app.x', 'app.py:1'),
      m.call('a', 'app.a', 'app.py:1'),
      m.call('b', 'app.b', 'app.py:5'),
      m.ret('a', 'app.a', 'app.py:3'),
      m.rec('martian_event', 'm'),
      m.rec('martian_event', 'm2'),
      m.call('c', 'app.c', 'app.py:7'),
      m.rec('start_sql_query', 'q'),
    ])
    expect(shape(model)).toEqual([
      'frame app.a',
      '  frame app.b [unfinished]',
      'frame app.c [unfinished]',
      '  sql sql_query [unfinished]',
    ])
    // Open spans end at the last record.
    expect(model.endNs[2]).toBeCloseTo(model.meta.durationNs, 0)
    expect(model.meta.warnings).toEqual([
      'record 0 (frame) closes nothing open: skipped',
      'record 3 closes an outer span while record 2 is open',
      '2 spans were still open when the records ended',
      'skipped 2 records of unknown type "martian_event"',
    ])
  })

  it('skips line events and records without a type, never throws', () => {
    const m = new RecordMaker()
    const {model} = build([
      m.call('a', 'app.a', 'app.py:1'),
      {...m.call('a', 'app.a', 'app.py:2'), event: 'line'},
      {timestamp: 5},
      {},
      m.ret('a', 'app.a', 'app.py:3'),
    ])
    expect(shape(model)).toEqual(['frame app.a'])
  })
})

describe('buildTraceModel: exceptions (§7.3)', () => {
  it('marks the exception path and origin and emits the exception as a leaf', () => {
    const m = new RecordMaker()
    const ef = (path: string, co: string) => ({path, co_name: co, locals: {}, expanded_locals: {}})
    const built = build([
      m.rec('django_request', 'r', {method: 'POST', path_info: '/import/'}),
      m.call('v', 'shelf.views.import_isbn', 'shelf/views.py:43'),
      m.call('s', 'shelf.services.import_book', 'shelf/services.py:19'),
      m.call('f', 'shelf.services.fetch_isbn', 'shelf/services.py:13'),
      m.ret('f', 'shelf.services.fetch_isbn', 'shelf/services.py:15'),
      m.ret('s', 'shelf.services.import_book', 'shelf/services.py:20'),
      m.call('o', 'shelf.views.other', 'shelf/views.py:60'),
      m.ret('o', 'shelf.views.other', 'shelf/views.py:61'),
      m.ret('v', 'shelf.views.import_isbn', 'shelf/views.py:44'),
      m.rec('exception', 'e', {
        exception_summary: ['HTTPError: 404\n'],
        exception_frames: [
          ef('django/core/handlers/base.py:181', '_get_response'),
          ef('shelf/views.py:44', 'import_isbn'),
          ef('shelf/services.py:20', 'import_book'),
          ef('shelf/services.py:15', 'fetch_isbn'),
        ],
      }),
      m.rec('django_response', 'r', {status_code: 500}),
    ])
    expect(shape(built.model)).toEqual([
      'request POST /import/ [error]',
      '  frame shelf.views.import_isbn [exception-path]',
      '    frame shelf.services.import_book [exception-path]',
      '      frame shelf.services.fetch_isbn [exception-path,exception-origin]',
      '    frame shelf.views.other',
      '  exception HTTPError: 404 [error]',
    ])
    expect(built.exceptions).toHaveLength(1)
    const e = built.exceptions[0]!
    expect([e.node, e.request, e.origin, Array.from(e.frames)]).toEqual([5, 0, 3, [-1, 1, 2, 3]])
    expect(e.message).toBe('HTTPError: 404')
  })
})

describe('buildTraceModel: post-processing (§7.4)', () => {
  it('merges consecutive roots with one frame_id (a generator resumed at the root)', () => {
    const m2 = new RecordMaker()
    const split = build([
      m2.call('a', 'app.a', 'app.py:1'),
      m2.call('b', 'app.b', 'app.py:5'),
      m2.ret('b', 'app.b', 'app.py:6'),
      m2.ret('a', 'app.a', 'app.py:2'),
      m2.call('a', 'app.a', 'app.py:1', {event: 'resume'}),
      m2.call('c', 'app.c', 'app.py:8'),
      m2.ret('c', 'app.c', 'app.py:9'),
      m2.ret('a', 'app.a', 'app.py:3'),
      m2.call('d', 'app.d', 'app.py:20'),
      m2.ret('d', 'app.d', 'app.py:21'),
    ])
    expect(shape(split.model)).toEqual([
      'frame app.a',
      '  frame app.b',
      '  frame app.c',
      'frame app.d',
    ])
    expect(split.closeRecord[0]).toBe(3)
  })

  it('removes setup subtrees and nested <module> frames, keeps root <module> frames', () => {
    const m = new RecordMaker()
    const {model} = build([
      m.call('m', 'manage', 'manage.py:0', {co_name: '<module>', qualname: null}),
      m.rec('django_setup_start', 's'),
      m.call('x', 'django.setup', 'x.py:1'),
      m.ret('x', 'django.setup', 'x.py:2'),
      m.rec('django_setup_end', 's'),
      m.call('n', 'shelf.models', 'shelf/models.py:0', {co_name: '<module>', qualname: null}),
      m.call('k', 'shelf.models.Book', 'shelf/models.py:5'),
      m.ret('k', 'shelf.models.Book', 'shelf/models.py:6'),
      m.ret('n', 'shelf.models', 'shelf/models.py:40', {co_name: '<module>', qualname: null}),
      m.call('t', 'shelf.tests.run', 'shelf/tests.py:1'),
      m.ret('t', 'shelf.tests.run', 'shelf/tests.py:2'),
      m.ret('m', 'manage', 'manage.py:20', {co_name: '<module>', qualname: null}),
    ])
    expect(shape(model)).toEqual(['frame manage.py:0 <module>', '  frame shelf.tests.run'])
  })

  it('splices urllib3 outbound nodes under a requests node', () => {
    const m = new RecordMaker()
    const {model} = build([
      m.rec('outbound_http_request', 'o', {
        subtype: 'requests',
        method_and_full_url: 'GET http://a/',
      }),
      m.rec('outbound_http_request', 'p', {
        subtype: 'urllib3',
        method_and_full_url: 'GET http://a/',
      }),
      m.call('h', 'http.client.send', '/usr/lib/http.py:1'),
      m.ret('h', 'http.client.send', '/usr/lib/http.py:2'),
      m.rec('outbound_http_response', 'p', {subtype: 'urllib3', status_code: 200}),
      m.rec('outbound_http_response', 'o', {subtype: 'requests', status_code: 200}),
      m.rec('outbound_http_request', 'q', {
        subtype: 'urllib3',
        method_and_full_url: 'GET http://b/',
      }),
      m.rec('outbound_http_response', 'q', {subtype: 'urllib3', status_code: 200}),
    ])
    expect(shape(model)).toEqual([
      'outbound GET http://a/',
      '  frame http.client.send [library]',
      'outbound GET http://b/',
    ])
    expect(Array.from(model.size)).toEqual([2, 1, 1])
  })
})

describe('buildTraceModel: threads and names', () => {
  const m = new RecordMaker()
  const trace = fakeTrace(
    {
      main: [m.call('a', 'app.a', 'app.py:1'), m.ret('a', 'app.a', 'app.py:2')],
      worker: [m.call('b', 'app.b', 'app.py:5'), m.ret('b', 'app.b', 'app.py:6')],
    },
    {traceName: 'my trace'},
  )

  it('shows the main thread by default, another on request, all under thread roots with "*"', () => {
    expect(shape(buildTraceModel(trace).model)).toEqual(['frame app.a'])
    expect(shape(buildTraceModel(trace, {thread: 'worker'}).model)).toEqual(['frame app.b'])
    const all = buildTraceModel(trace, {thread: '*'}).model
    expect(shape(all)).toEqual(['thread main', '  frame app.a', 'thread worker', '  frame app.b'])
    expect(all.meta.threadKey).toBe('*')
    expect(all.meta.threads.map(t => [t.key, t.recordCount, t.isMain])).toEqual([
      ['main', 2, true],
      ['worker', 2, false],
    ])
    expect(all.meta.name).toBe('my trace')
  })

  it('rejects an unknown thread with not-found', () => {
    expect(() => buildTraceModel(trace, {thread: 'nope'})).toThrow(ApiError)
  })

  it('shows every thread when the main one is missing (a recovered container)', () => {
    const recovered = {...trace, mainThreadKey: 'no_thread_id', recovered: true}
    const model = buildTraceModel(recovered).model
    expect(model.meta.threadKey).toBe('*')
    expect(model.meta.recovered).toBe(true)
  })

  it('names test traces by start_test, else trace_name, else STATUS METHOD path', () => {
    const t = new RecordMaker()
    const test = fakeTrace(
      {
        main: [
          t.rec('start_test', 's', {test_name: 'test_b', test_class: 'K'}),
          t.rec('end_test', 's'),
        ],
      },
      {traceName: 'K.test_a'},
    )
    expect(buildTraceModel(test).model.meta.name).toBe('K.test_b')
    const req = fakeTrace({
      main: [
        t.rec('django_request', 'r', {method: 'GET', path_info: '/x/'}),
        t.rec('django_response', 'r', {status_code: 404}),
      ],
    })
    expect(buildTraceModel(req).model.meta.name).toBe('404 GET /x/')
  })

  it('flags nothing unexpected on an empty trace', () => {
    const empty = buildTraceModel(fakeTrace({main: []}))
    expect(empty.model.nodeCount).toBe(0)
    expect(empty.model.meta.durationNs).toBe(0)
    expect(NodeFlag.unfinished).toBe(1)
  })
})

describe('buildTraceModel: pause', () => {
  it('pauses every 50,000 records and between its phases, and builds the same tree', () => {
    const decoded = decodeTraceBody(syntheticC2Trace({records: 120_000}), {source: 'synthetic'})
    let pauses = 0
    const paused = buildTraceModel(decoded, {pause: () => void pauses++})
    // Two pauses walking 120,000 records; one before the walk, two around emitting the tree,
    // one before the frame keys.
    expect(pauses).toBe(2 + 4)
    expect(new Uint8Array(encodeModel(paused.model))).toEqual(
      new Uint8Array(encodeModel(buildTraceModel(decoded).model)),
    )
  })
})
