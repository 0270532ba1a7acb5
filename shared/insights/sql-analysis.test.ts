import {describe, expect, it} from 'vitest'
import {NodeFlag, NodeKind} from '../model/node-kind'
import type {TraceModel} from '../model/trace-model'
import {analyseSql, firstTable, suggestFix} from './sql-analysis'
import type {SqlQueryFacts} from './sql-analysis'

type Row = [
  kind: number,
  depth: number,
  name: string,
  file: string,
  line: number,
  callLine: number,
  flags?: number,
]

/** A model from rows in DFS pre-order; each row lasts 10 ns after the previous one starts. */
function modelOf(rows: Row[]): TraceModel {
  const n = rows.length
  const strings: string[] = []
  const intern = (s: string) => (strings.includes(s) ? strings.indexOf(s) : strings.push(s) - 1)
  const m = {
    traceId: 't',
    nodeCount: n,
    kind: new Uint8Array(n),
    flags: new Uint8Array(n),
    depth: new Uint16Array(n),
    parent: new Int32Array(n),
    size: new Uint32Array(n),
    startNs: new Float64Array(n),
    endNs: new Float64Array(n),
    nameId: new Uint32Array(n),
    fileId: new Int32Array(n),
    line: new Uint32Array(n),
    callLine: new Uint32Array(n),
    strings,
    meta: {} as TraceModel['meta'],
  }
  const stack: number[] = []
  rows.forEach(([kind, depth, name, file, line, callLine, flags], i) => {
    while (stack.length > depth) stack.pop()
    m.kind[i] = kind
    m.depth[i] = depth
    m.parent[i] = stack.at(-1) ?? -1
    m.nameId[i] = intern(name)
    m.fileId[i] = file ? intern(file) : -1
    m.line[i] = line
    m.callLine[i] = callLine
    m.flags[i] = flags ?? 0
    m.startNs[i] = i * 10
    stack.push(i)
  })
  for (let i = n - 1; i >= 0; i--) {
    let end = i + 1
    while (end < n && m.depth[end]! > m.depth[i]!) end++
    m.size[i] = end - i
    m.endNs[i] = m.startNs[i]! + 5 + (end - i - 1) * 10
  }
  return m
}

const {frame, sql, request} = NodeKind
const author =
  'SELECT "shelf_author"."id" FROM "shelf_author" WHERE "shelf_author"."id" = %s LIMIT 21'
const review =
  'SELECT "shelf_review"."rating" FROM "shelf_review" WHERE "shelf_review"."book_id" = %s'

// GET / of the bookshelf app: book_list -> <listcomp> (views.py:14) -> per book an author query
// and average_rating (models.py:20) -> its review query.
const bookList = modelOf([
  [request, 0, 'GET /', '', 0, 0],
  [frame, 1, 'shelf.views.book_list', 'shelf/views.py', 12, 0],
  [sql, 2, 'SELECT books', '', 0, 0],
  [frame, 2, '<listcomp>', 'shelf/views.py', 14, 14],
  ...[0, 1, 2].flatMap((): Row[] => [
    [sql, 3, author, '', 0, 0],
    [frame, 3, 'shelf.models.Book.average_rating', 'shelf/models.py', 19, 14],
    [sql, 4, review, '', 0, 0],
    [frame, 4, '<listcomp>', 'shelf/models.py', 20, 20],
  ]),
  [frame, 2, 'django.shortcuts.render', '/usr/lib/django/shortcuts.py', 1, 15, NodeFlag.library],
])

function factsOf(model: TraceModel): SqlQueryFacts[] {
  const facts: SqlQueryFacts[] = []
  for (let i = 0; i < model.nodeCount; i++) {
    if (model.kind[i] !== sql) continue
    const query = model.strings[model.nameId[i]!]!
    const parent = model.parent[i]!
    const line = model.strings[model.fileId[parent]!] === 'shelf/models.py' ? 20 : 14
    facts.push({
      nodeId: i,
      query,
      template: query,
      paramsKey: query === author ? '(1,)' : `(${i},)`,
      callSiteNodeId: parent,
      callSiteLine: query === 'SELECT books' ? 13 : line,
    })
  }
  return facts
}

describe('analyseSql', () => {
  const analysis = analyseSql(bookList, factsOf(bookList))

  it('counts, groups and duplicates', () => {
    expect(analysis.queryCount).toBe(7)
    expect(analysis.groups.map(g => [g.template, g.nodeIds.length])).toEqual([
      [author, 3],
      [review, 3],
      ['SELECT books', 1],
    ])
    expect(analysis.duplicates).toHaveLength(1)
    expect(analysis.duplicateCount).toBe(2)
  })

  it('finds the two N+1 patterns of GET / with their call sites and loops', () => {
    const found = analysis.nPlusOne.map(f => ({
      table: f.table,
      count: f.count,
      site: `${f.callSite.file}:${f.callSite.line}`,
      loop: `${f.loop?.file}:${f.loop?.line}`,
    }))
    expect(found).toEqual([
      {table: 'shelf_author', count: 3, site: 'shelf/views.py:14', loop: 'shelf/views.py:14'},
      {table: 'shelf_review', count: 3, site: 'shelf/models.py:20', loop: 'shelf/views.py:14'},
    ])
    expect(analysis.nPlusOne[0]!.fix).toContain('select_related("author")')
    expect(analysis.nPlusOne[1]!.fix).toContain('prefetch_related')
  })

  it('reports nothing below the threshold', () => {
    const facts = factsOf(bookList).slice(0, 3)
    expect(analyseSql(bookList, facts).nPlusOne).toEqual([])
  })
})

describe('firstTable and suggestFix', () => {
  it.each([
    ['SELECT 1 FROM "shelf_book" WHERE x', 'shelf_book'],
    ['select * from auth_user', 'auth_user'],
    ['UPDATE x SET y = 1', undefined],
  ])('%s -> %s', (sqlText, table) => expect(firstTable(sqlText)).toBe(table))

  it('falls back to fetching once for other shapes', () => {
    expect(suggestFix('SELECT COUNT(*) FROM "t"', 't')).toContain('once before the loop')
  })
})
