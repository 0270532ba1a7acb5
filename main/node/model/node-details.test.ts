import {describe, expect, it} from 'vitest'
import {ApiError} from '../../../shared/api/errors'
import {PyCollection, PyRepr} from '../decode/py-objects'
import {decodeTraceBody} from '../decode/decode-trace-body'
import {syntheticC2Trace} from '../kolo-writer/synthetic-c2'
import {buildTraceModel} from './build-trace'
import {fakeTrace, RecordMaker} from '../testing/fake-trace'
import {nodeDetails} from './node-details'
import {formatTreeLines, treeJson} from './tree-text'

const m = new RecordMaker()
const site = (frame: string, line: number) => ({
  user_code_call_site: {call_frame_id: frame, line_number: line},
})
const trace = fakeTrace(
  {
    main: [
      m.call('f', 'app.tasks.run', 'app/tasks.py:10', {locals: {n: 1}}),
      m.rec('background_job', 'j', {
        subtype: 'celery',
        name: 'app.tasks.mail',
        args: new PyCollection('tuple', [1]),
        kwargs: {to: 'a@b'},
        ...site('f', 11),
      }),
      m.rec('background_job_end', 'j'),
      m.rec('django_template_start', 't', {template: 'a.html', context: {x: 1}, ...site('f', 12)}),
      m.rec('django_template_end', 't', {template: 'a.html', context: {x: 2}}),
      m.rec('subtree_flushed', 's', {
        co_name: 'big',
        flushed_trace_id: 'trc_X',
        flushed_segment_count: 1,
      }),
      m.call('g', 'app.gen', 'app/gen.py:3', {locals: {}}),
      m.ret('g', 'app.gen', 'app/gen.py:5', {
        event: 'unwind',
        exception: new PyRepr('ValueError()'),
      }),
      m.rec('log_message', 'l', {
        name: 'app',
        level: 'ERROR',
        msg: new PyRepr('<Err>'),
        ...site('f', 13),
      }),
      m.rec('start_sql_query', 'q', {database: 'postgresql', ...site('f', 14)}),
      m.rec('end_sql_query', 'q', {
        database: 'postgresql',
        query: 'SELECT  1\n  FROM t',
        query_template: 'SELECT %s',
        query_params: new PyCollection('tuple', [1]),
        query_data: [[new PyCollection('tuple', [1])]],
        ...site('f', 14),
      }),
      m.ret('f', 'app.tasks.run', 'app/tasks.py:15', {arg: 7, locals: {n: 1, m: 2}}),
    ],
    other: [m.call('z', 'app.z', 'app/z.py:1'), m.ret('z', 'app.z', 'app/z.py:2')],
  },
  {traceName: 'kolo run'},
)
const built = buildTraceModel(trace)

describe('nodeDetails', () => {
  it('frames: args, locals minus unchanged args, return value, lines', () => {
    expect(nodeDetails(built, 0)).toMatchObject({
      kind: 'frame',
      name: 'app.tasks.run',
      qualname: 'app.tasks.run',
      coName: 'run',
      frameId: 'f',
      file: 'app/tasks.py',
      line: 10,
      returnLine: 15,
      args: {
        t: 'dict',
        entries: [
          [
            {t: 'str', v: 'n'},
            {t: 'int', v: '1'},
          ],
        ],
      },
      locals: {
        t: 'dict',
        entries: [
          [
            {t: 'str', v: 'm'},
            {t: 'int', v: '2'},
          ],
        ],
      },
      returnValue: {t: 'int', v: '7'},
      startNs: 0,
    })
  })

  it('unwound frames carry what they raised instead of a return value', () => {
    const d = nodeDetails(built, 4)
    expect(d.kind === 'frame' && [d.returnValue, d.raised]).toEqual([
      undefined,
      {t: 'repr', v: 'ValueError()'},
    ])
  })

  it('jobs, templates, flushed subtrees, logs, SQL', () => {
    expect(nodeDetails(built, 1)).toMatchObject({
      kind: 'job',
      library: 'celery',
      jobName: 'app.tasks.mail',
      args: {t: 'tuple', items: [{t: 'int', v: '1'}]},
      file: 'app/tasks.py',
      line: 11,
      callSite: {frameId: 'f', line: 11, nodeId: 0, file: 'app/tasks.py'},
    })
    expect(nodeDetails(built, 2)).toMatchObject({
      kind: 'template',
      template: 'a.html',
      context: {t: 'dict'},
      returnContext: {
        t: 'dict',
        entries: [
          [
            {t: 'str', v: 'x'},
            {t: 'int', v: '2'},
          ],
        ],
      },
    })
    const flushed = nodeDetails(built, 3)
    expect(flushed.kind === 'flushed' && flushed.fields.map(([k]) => k)).toEqual([
      'co_name',
      'flushed_trace_id',
      'flushed_segment_count',
    ])
    expect(nodeDetails(built, 5)).toMatchObject({
      kind: 'log',
      name: '<Err>',
      level: 'ERROR',
      logger: 'app',
    })
    expect(nodeDetails(built, 6)).toMatchObject({
      kind: 'sql',
      query: 'SELECT  1\n  FROM t',
      template: 'SELECT %s',
      database: 'postgresql',
      params: {t: 'tuple'},
      data: {t: 'list'},
    })
  })

  it('thread roots describe their thread', () => {
    const all = buildTraceModel(trace, {thread: '*'})
    const second = all.model.parent.indexOf(-1, 1)
    const d = nodeDetails(all, second)
    expect(d.kind === 'thread' && d.fields).toEqual([
      ['key', {t: 'str', v: 'other'}],
      ['name', {t: 'str', v: 'other'}],
      ['records', {t: 'int', v: '2'}],
    ])
  })

  it('rejects rows that do not exist', () => {
    expect(() => nodeDetails(built, 99)).toThrow(ApiError)
    expect(() => nodeDetails(built, -1)).toThrow(ApiError)
    expect(() => nodeDetails(built, 1.5)).toThrow(ApiError)
  })
})

describe('tree text', () => {
  it('formats one line per node with kind, name, duration and flags', () => {
    expect(formatTreeLines(built.model)).toEqual([
      'frame  app.tasks.run  11.0 ms',
      '  job  app.tasks.mail  1.00 ms',
      '  template  a.html  1.00 ms',
      '  flushed  [flushed segment] big',
      '  frame  app.gen  1.00 ms',
      '  log  <Err>  [error]',
      '  sql  SELECT 1 FROM t  1.00 ms',
    ])
  })

  it('gives JSON nodes, with the full query from details', () => {
    const nodes = treeJson(built.model, id => nodeDetails(built, id))
    expect(nodes[0]).toEqual({
      id: 0,
      kind: 'frame',
      name: 'app.tasks.run',
      depth: 0,
      file: 'app/tasks.py',
      line: 10,
      startNs: 0,
      durationNs: built.model.endNs[0],
    })
    expect(nodes[6]).toMatchObject({kind: 'sql', parent: 0, depth: 1, query: 'SELECT  1\n  FROM t'})
    expect(treeJson(built.model)[6]?.query).toBe('SELECT  1\n  FROM t')
    expect(JSON.parse(JSON.stringify(nodes))).toEqual(nodes)
  })
})

describe('nodeDetails of a msgpack body', () => {
  it('keeps a float with an integral value a float (2.0, not 2), and ints ints', () => {
    const body = syntheticC2Trace({records: 20})
    const built = buildTraceModel(decodeTraceBody(body, {source: 'synthetic'}))
    const details = nodeDetails(built, 1)
    if (details.kind !== 'frame') throw new Error(`node 1 is a ${details.kind}`)
    const locals = details.locals?.t === 'dict' ? details.locals.entries : []
    const value = (name: string) => locals.find(([k]) => k.t === 'str' && k.v === name)?.[1]
    expect(value('n')?.t).toBe('int')
    expect(value('result')).toMatchObject({t: 'float'})
    expect(details.returnValue?.t).toBe('int')
  })
})
