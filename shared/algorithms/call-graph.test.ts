import {describe, expect, it} from 'vitest'
import {NodeFlag} from '../model/node-kind'
import {buildCallGraph} from './call-graph'
import type {CallGraph} from './call-graph'
import {buildFunctionTable} from './function-table'
import {fixtureColumns, n} from './tree-fixture'
import type {FixtureNode} from './tree-fixture'

const lib = NodeFlag.library
const exc = NodeFlag.exceptionPath
const djangoFile = '../../usr/lib/python3/dist-packages/django/db/models/query.py'

// POST /import/ -> view -> service -> 2 SQL (same template) + a library call chain -> exception.
const cols = fixtureColumns([
  n(
    'POST /import/',
    0,
    100,
    [
      n(
        'books.views.import_view',
        1,
        99,
        [
          n(
            'books.services.import_books',
            2,
            90,
            [
              n('INSERT INTO book VALUES (1)', 3, 10, [], {kind: 'sql'}),
              n('INSERT INTO book VALUES (2)', 11, 20, [], {kind: 'sql'}),
              n(
                'django.db.models.query.QuerySet.get',
                21,
                60,
                [
                  n('django.db.models.sql.compiler.execute_sql', 22, 50, [], {
                    file: djangoFile,
                    flags: lib | exc,
                  }),
                ],
                {file: djangoFile, flags: lib | exc},
              ),
              n('GET http://isbn.example/9780?x', 61, 80, [], {kind: 'outbound'}),
            ],
            {flags: exc},
          ),
        ],
        {flags: exc},
      ),
    ],
    {kind: 'request'},
  ),
])
const fns = buildFunctionTable(cols)

const edges = (g: CallGraph) =>
  g.edges.map(e => [g.nodes[e.source]!.label, g.nodes[e.target]!.label, e.calls, e.exceptionPath])

describe('buildCallGraph', () => {
  it('makes one node per function with call counts and outermost total times', () => {
    const g = buildCallGraph(cols, fns, {foldLibraries: false, maxNodes: 100})
    expect(
      g.nodes.map(x => [x.label, x.kind, x.calls, x.totalNs, x.exceptionPath, x.isRoot]),
    ).toEqual([
      ['POST /import/', 'request', 1, 100, false, true],
      ['books.views.import_view', 'frame', 1, 98, true, false],
      ['books.services.import_books', 'frame', 1, 88, true, false],
      ['INSERT INTO book VALUES (…)', 'sql', 2, 16, false, false],
      ['django.db.models.query.QuerySet.get', 'frame', 1, 39, true, false],
      ['django.db.models.sql.compiler.execute_sql', 'frame', 1, 28, true, false],
      ['GET http://isbn.example/{n}', 'outbound', 1, 19, false, false],
    ])
    expect(edges(g)).toEqual([
      ['POST /import/', 'books.views.import_view', 1, true],
      ['books.views.import_view', 'books.services.import_books', 1, true],
      ['books.services.import_books', 'INSERT INTO book VALUES (…)', 2, false],
      ['books.services.import_books', 'django.db.models.query.QuerySet.get', 1, true],
      ['django.db.models.query.QuerySet.get', 'django.db.models.sql.compiler.execute_sql', 1, true],
      ['books.services.import_books', 'GET http://isbn.example/{n}', 1, false],
    ])
    expect(g.prunedCount).toBe(0)
  })

  it('folds library frames into one node per package, without self-loops', () => {
    const g = buildCallGraph(cols, fns, {foldLibraries: true, maxNodes: 100})
    const django = g.nodes.find(x => x.label === 'django')!
    expect([django.kind, django.calls, django.totalNs, django.fns.length]).toEqual([
      'package',
      2,
      39,
      2,
    ])
    expect(edges(g)).toContainEqual(['books.services.import_books', 'django', 1, true])
    expect(g.edges.some(e => e.source === e.target)).toBe(false)
    expect(g.nodeOfFn[fns.fnOf[5]!]).toBe(django.id)
  })

  it('prunes the lightest nodes but keeps the root and the exception path', () => {
    const g = buildCallGraph(cols, fns, {foldLibraries: false, maxNodes: 5})
    expect(g.nodes.map(x => x.label)).toEqual([
      'POST /import/',
      'books.views.import_view',
      'books.services.import_books',
      'django.db.models.query.QuerySet.get',
      'django.db.models.sql.compiler.execute_sql',
    ])
    expect(g.prunedCount).toBe(2)
    expect(g.nodeOfFn[fns.fnOf[3]!]).toBe(-1)
    expect(g.edges).toHaveLength(4)
  })

  it('keeps recursion as a self-loop with its call count (fib → fib)', () => {
    // main → fib(3) → [fib(2) → [fib(1), fib(0)], fib(1)]: 4 recursive calls, 1 from main.
    const fib = (k: number, at: number): FixtureNode => {
      if (k < 2) return n('app.fib', at, at + 1)
      const left = fib(k - 1, at + 1)
      const right = fib(k - 2, left.endNs)
      return n('app.fib', at, right.endNs + 1, [left, right])
    }
    const tree = fixtureColumns([n('app.main', 0, 100, [fib(3, 1)])])
    const g = buildCallGraph(tree, buildFunctionTable(tree), {foldLibraries: true, maxNodes: 100})
    expect(g.nodes.map(x => [x.label, x.calls])).toEqual([
      ['app.main', 1],
      ['app.fib', 5],
    ])
    expect(edges(g)).toEqual([
      ['app.main', 'app.fib', 1, false],
      ['app.fib', 'app.fib', 4, false],
    ])
    // The outermost fib call only: recursion does not count time twice.
    expect(g.nodes[1]!.totalNs).toBe(tree.endNs[1]! - tree.startNs[1]!)
  })

  it('keeps mutual recursion as a cycle', () => {
    const tree = fixtureColumns([
      n('app.main', 0, 50, [
        n('app.is_even', 1, 40, [
          n('app.is_odd', 2, 30, [n('app.is_even', 3, 20, [n('app.is_odd', 4, 10)])]),
        ]),
      ]),
    ])
    const g = buildCallGraph(tree, buildFunctionTable(tree), {foldLibraries: false, maxNodes: 9})
    expect(edges(g)).toEqual([
      ['app.main', 'app.is_even', 1, false],
      ['app.is_even', 'app.is_odd', 2, false],
      ['app.is_odd', 'app.is_even', 1, false],
    ])
    expect(g.edges.some(e => e.source === e.target)).toBe(false)
  })
})
