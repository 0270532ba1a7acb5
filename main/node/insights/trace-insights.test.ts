import {describe, expect, it} from 'vitest'
import {decodeTraceBody} from '../decode/decode-trace-body'
import {bookshelf, bookshelfDeep} from '../testing/fixtures'
import {demoTraces} from '../demo/demo-traces'
import {encodeKolo} from '../kolo-writer/msgpack-writer'
import {buildTraceModel} from '../model/build-trace'
import type {BuiltTrace} from '../model/build-trace'
import {summarizeTrace} from '../summary/summarize'
import {traceInsights} from './trace-insights'

// The bookshelf store (kolo-format.md §10): two GET / traces (4 and 3 books), two GET /books/1/.
const LIST_4 = 'trc_01M8AECVF4M8Y4PM90ERCBAXPM'
const LIST_3 = 'trc_01M8AECR889F4M33DWTT69S3XG'
const DETAILS = ['trc_01M8AECRWHAMYV0EMY8TCT439H', 'trc_01M8AECRJF3KNZR6RYHFDDYP3Z']
const IMPORT_500 = 'trc_01M8AECT3RY7QP78H3Z53GFN0Y'
const REVIEW_400 = 'trc_01M8AECS69RS1M5K1NQBMZB98T'
const TEST_LISTS = 'trc_01M8AECWD7FXEP7N91TPXMEQMB'
const TEST_API = 'trc_01M8AECWCN4F3RJS5DYPA6WFSZ'

const bodies = bookshelf()
const decoded = (id: string) => decodeTraceBody(bodies.get(id)!, {source: id})
const builds = new Map<string, BuiltTrace>()
const built = (id: string): BuiltTrace => {
  let b = builds.get(id)
  if (!b) builds.set(id, (b = buildTraceModel(decoded(id))))
  return b
}

function findings(id: string) {
  return traceInsights(built(id)).sql.analysis.nPlusOne.map(f => ({
    table: f.table,
    count: f.count,
    site: `${f.callSite.file}:${f.callSite.line}`,
    in: f.callSite.name,
    loop: `${f.loop?.file}:${f.loop?.line}`,
  }))
}

describe('SQL insights on the bookshelf GET / traces', () => {
  it.each([
    [LIST_3, 3],
    [LIST_4, 4],
  ])('%s: two N+1 findings, %i queries each, with call site and loop', (id, n) => {
    expect(findings(id)).toEqual([
      {
        table: 'shelf_author',
        count: n,
        site: 'shelf/views.py:14',
        in: 'shelf.views.book_list.<locals>.<listcomp>',
        loop: 'shelf/views.py:14',
      },
      {
        table: 'shelf_review',
        count: n,
        site: 'shelf/models.py:20',
        in: 'shelf.models.Book.average_rating',
        loop: 'shelf/views.py:14',
      },
    ])
    const [author, review] = traceInsights(built(id)).sql.analysis.nPlusOne
    expect(author!.fix).toBe(
      'Fetch author with the rows it belongs to: select_related("author") on the shelf_book queryset run at shelf/views.py:14.',
    )
    expect(review!.fix).toContain('prefetch_related')
    expect(review!.fix).toContain('on the shelf_book queryset run at shelf/views.py:14')
    expect(author!.iterated?.table).toBe('shelf_book')
  })

  it('counts queries, groups and exact duplicates (author 1 twice)', () => {
    const sql = traceInsights(built(LIST_3)).sql
    expect(sql.queries).toHaveLength(7)
    expect(sql.analysis.groups.map(g => g.nodeIds.length)).toEqual([3, 3, 1])
    expect(sql.analysis.duplicateCount).toBe(1)
    expect(sql.analysis.duplicates[0]!.query).toMatch(/"shelf_author"\."id" = 1 LIMIT 21$/)
    expect(sql.analysis.totalNs).toBeGreaterThan(0)
    const first = sql.queries[0]!
    expect(first.database).toBe('sqlite')
    expect(first.callSite).toMatchObject({file: 'shelf/views.py', line: 14})
    expect(sql.templates[first.templateId]).toMatch(/^SELECT .* FROM "shelf_book" ORDER BY/)
  })

  it.each(DETAILS)('%s (GET /books/1/): no N+1', id => {
    const sql = traceInsights(built(id)).sql
    expect(sql.queries).toHaveLength(2)
    expect(sql.analysis.nPlusOne).toEqual([])
    expect(sql.analysis.duplicateCount).toBe(0)
  })

  it('agrees with the trace-list summary on queries and duplicates', () => {
    for (const id of [LIST_3, LIST_4, ...DETAILS]) {
      const summary = summarizeTrace(decoded(id))
      const sql = traceInsights(built(id)).sql.analysis
      expect(summary.queryCount).toBe(sql.queryCount)
      expect(summary.duplicateQueryCount).toBe(sql.duplicateCount)
      expect(summary.sqlTimeMs).toBeGreaterThan(0)
      expect(Math.abs(summary.sqlTimeMs! - sql.totalNs / 1e6)).toBeLessThan(0.5)
    }
  })
})

describe('HTTP, logs, exceptions and tests', () => {
  it('500 POST /import/: the request, the outbound call and the exception', () => {
    const i = traceInsights(built(IMPORT_500))
    expect(i.requests).toMatchObject([{method: 'POST', path: '/import/', status: 500}])
    expect(i.outbound).toMatchObject([
      {
        method: 'GET',
        url: 'http://127.0.0.1:18767/isbn/0000000000000',
        status: 404,
        library: 'urllib',
        callSite: {file: 'shelf/services.py', line: 15},
      },
    ])
    expect(i.exceptions).toMatchObject([
      {message: 'urllib.error.HTTPError: HTTP Error 404: Not Found', requestNodeId: 0},
    ])
    expect(i.exceptions[0]!.originNodeId).toBeGreaterThan(0)
  })

  it('400 review: the warning log, its message formatted with its arguments', () => {
    expect(traceInsights(built(REVIEW_400)).logs).toMatchObject([
      {
        level: 'WARNING',
        logger: 'shelf.views',
        message: 'rejected review for book 2',
        callSite: {file: 'shelf/views.py', line: 29},
      },
    ])
  })

  it.each([
    [TEST_LISTS, 'test_lists_books', 'GET', '/'],
    [TEST_API, 'test_api_pages', 'GET', '/api/books/'],
  ])('%s: test %s with its nested request', (id, name, method, path) => {
    const i = traceInsights(built(id))
    expect(i.tests).toMatchObject([{testName: name, testClass: 'BookListTests'}])
    expect(i.tests[0]!.requestNodeIds).toEqual(i.requests.map(r => r.nodeId))
    expect(i.requests).toMatchObject([{method, path, status: 200, testNodeId: i.tests[0]!.nodeId}])
  })

  it('templates in render order', () => {
    expect(traceInsights(built(LIST_3)).templates.map(t => t.name)).toEqual([
      'shelf/book_list.html',
      'shelf/base.html',
    ])
  })

  it('is cached per build', () => {
    expect(traceInsights(built(LIST_3))).toBe(traceInsights(built(LIST_3)))
  })
})

describe('a deep trace', () => {
  it('finds the same N+1 with library frames in between', () => {
    const deep = bookshelfDeep()
    const id = [...deep.keys()].find(k => {
      const s = summarizeTrace(decodeTraceBody(deep.get(k)!, {source: k}))
      return s.path === '/' && s.method === 'GET'
    })!
    const b = buildTraceModel(decodeTraceBody(deep.get(id)!, {source: id}))
    const sites = traceInsights(b).sql.analysis.nPlusOne.map(
      f => `${f.callSite.file}:${f.callSite.line}`,
    )
    expect(sites).toEqual(['shelf/views.py:14', 'shelf/models.py:20'])
  })
})

describe('the embedded demo', () => {
  it('GET /orders/: customer and order-item N+1s, the orders queryset named in the fix', () => {
    const trace = demoTraces().find(t => t.get('trace_name') === '200 GET /orders/')!
    const b = buildTraceModel(decodeTraceBody(encodeKolo(trace), {source: 'demo'}))
    const found = traceInsights(b).sql.analysis.nPlusOne
    expect(found.map(f => [f.table, f.count])).toEqual([
      ['orders_customer', 4],
      ['orders_orderitem', 4],
    ])
    expect(found[0]!.fix).toContain(
      'select_related("customer") on the orders_order queryset run at',
    )
  })
})
