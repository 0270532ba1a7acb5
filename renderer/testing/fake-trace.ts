import {NodeFlag} from '../../shared/model/node-kind'
import type {NodeDetails} from '../../shared/model/node-details'
import type {TraceModel} from '../../shared/model/trace-model'
import {nameOf, fileOf} from '../../shared/model/trace-model'
import {nodeKindNames} from '../../shared/model/node-kind'
import {py} from '../../shared/values/py-value'
import type {FakeNode} from './fake-model'
import {buildFakeModel} from './fake-model'

const lib = NodeFlag.library
const exc = NodeFlag.exceptionPath

/** A small Django-like request trace with one node of every kind the detail panel knows. */
export function djangoTraceNodes(): FakeNode[] {
  const sql = (q: string, durationNs = 400_000): FakeNode => ({name: q, kind: 'sql', durationNs})
  return [
    {
      name: 'GET /books/',
      kind: 'request',
      children: [
        {
          name: 'SessionMiddleware.__call__',
          file: '/venv/lib/python3.12/site-packages/django/contrib/sessions/middleware.py',
          line: 18,
          flags: lib,
          children: [
            {
              name: 'book_list',
              file: 'books/views.py',
              line: 12,
              flags: exc,
              children: [
                sql('SELECT "books_book"."id", "books_book"."title" FROM "books_book"', 900_000),
                {name: 'books/list.html', kind: 'template', durationNs: 2_000_000},
                {name: 'books.views', kind: 'log'},
                {
                  name: 'GET https://api.example.com/covers',
                  kind: 'outbound',
                  durationNs: 30_000_000,
                },
                {name: 'ValueError', kind: 'exception'},
              ],
            },
          ],
        },
      ],
    },
  ]
}

/** The model of djangoTraceNodes(). */
export function djangoTraceModel(traceId = 'trace-django'): TraceModel {
  return buildFakeModel(traceId, djangoTraceNodes())
}

/** Plausible details for any node of a fake model, by kind. */
export function fakeDetails(model: TraceModel, nodeId: number): NodeDetails | undefined {
  if (nodeId >= model.nodeCount) return undefined
  const kind = nodeKindNames[model.kind[nodeId]!]!
  const base = {
    nodeId,
    name: nameOf(model, nodeId),
    file: fileOf(model, nodeId),
    line: model.line[nodeId] || undefined,
    startNs: model.startNs[nodeId]!,
    endNs: model.endNs[nodeId]!,
  }
  const headers = py.dict([
    [py.str('Content-Type'), py.str('application/json')],
    [py.str('X-Request-Id'), py.str('4f1c')],
  ])
  switch (kind) {
    case 'frame':
      return {
        ...base,
        kind,
        qualname: base.name,
        coName: base.name.split('.').pop() ?? base.name,
        args: py.dict([
          [py.str('request'), py.repr("<WSGIRequest: GET '/books/'>")],
          [py.str('page'), py.int(2)],
          [py.str('filters'), py.tuple([py.str('fiction'), py.none])],
        ]),
        locals: py.dict([
          [py.str('books'), py.list([py.repr('<Book: Dune>'), py.repr('<Book: Emma>')])],
          [py.str('total'), {t: 'decimal', v: '12.50'}],
          [py.str('seen'), {t: 'set', items: [py.int(1), py.int(2)]}],
          [py.str('when'), {t: 'datetime', v: '2024-01-01T10:00:00'}],
          [py.str('ok'), py.bool(true)],
          [py.str('blob'), {t: 'bytes', hex: '6869', length: 2}],
          [py.str('long'), py.str('x'.repeat(1000))],
        ]),
        returnValue: py.repr('<HttpResponse status_code=200, "text/html">'),
      }
    case 'sql':
      return {
        ...base,
        kind,
        query: base.name + ' WHERE "books_book"."id" > %s',
        database: 'default',
        params: py.tuple([py.int(0)]),
        data: py.list([
          py.list([py.tuple([py.int(1), py.str('Dune')]), py.tuple([py.int(2), py.str('Emma')])]),
        ]),
      }
    case 'request':
      return {
        ...base,
        kind,
        method: 'GET',
        path: '/books/',
        headers,
        queryParams: py.dict([[py.str('page'), py.str('2')]]),
        response: {status: 200, headers, content: py.str('{"books": [1, 2]}'), durationMs: 42},
      }
    case 'outbound':
      return {
        ...base,
        kind,
        method: 'GET',
        url: 'https://api.example.com/covers',
        headers,
        response: {status: 503, headers, body: py.str('<html><body>down</body></html>')},
      }
    case 'template':
      return {
        ...base,
        kind,
        template: 'books/list.html',
        context: py.dict([[py.str('books'), py.list([py.int(1)])]]),
      }
    case 'log':
      return {
        ...base,
        kind,
        logger: 'books.views',
        level: 'WARNING',
        msg: py.str('Slow cover API: %s'),
        args: py.tuple([py.float(1.5)]),
      }
    case 'exception':
      return {
        ...base,
        kind,
        summary: ['ValueError: bad page\n'],
        traceback: [
          'Traceback (most recent call last):\n',
          '  File "books/views.py", line 14, in book_list\n',
          'ValueError: bad page\n',
        ],
        frames: [
          {
            path: 'books/views.py',
            line: 14,
            coName: 'book_list',
            locals: py.dict([[py.str('page'), py.int(2)]]),
            nodeId: 2,
          },
        ],
        originNodeId: 2,
      }
    case 'test':
      return {...base, kind, testName: 'test_list', testClass: 'BookTests'}
    case 'job':
      return {...base, kind, jobName: 'send_mail', args: py.tuple([]), kwargs: py.dict([])}
    default:
      return {...base, kind: kind === 'thread' ? 'thread' : 'flushed', fields: []}
  }
}
