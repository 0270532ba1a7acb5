import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {FIXTURES} from '../testing/fixtures'
import {ensureDemoStore} from '../demo/demo-store'
import {nodeDetails} from '../model/node-details'
import {TraceEngine} from '../trace-host/trace-engine'
import {snapshotTree} from '../testing/store-helpers'
import {ProjectIndex} from './project-index'

const STORE = `${FIXTURES}/bookshelf/app`
const GET_LIST = ['trc_01M8AECR889F4M33DWTT69S3XG', 'trc_01M8AECVF4M8Y4PM90ERCBAXPM']
const BOOK_DETAIL = [
  'trc_01M8AECRJF3KNZR6RYHFDDYP3Z', // 200 GET /books/1/
  'trc_01M8AECRWHAMYV0EMY8TCT439H', // 200 GET /books/1/
  'trc_01M8AECV592REF128X6M654XA5', // 404 GET /books/99/
]
const REVIEWS = ['trc_01M8AECRW7FNRFWMAMFCYF8SQD', 'trc_01M8AECS69RS1M5K1NQBMZB98T']
const temps: string[] = []
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kolo-project-index-'))
  temps.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, {recursive: true, force: true})
})

describe('the bookshelf project index', () => {
  let index: ProjectIndex
  let cacheDir: string
  const before = snapshotTree(path.join(STORE, '.kolo'))
  beforeAll(async () => {
    cacheDir = tempDir()
    index = ProjectIndex.open({storePath: STORE, cacheDir})
    const result = await index.build()
    expect(result).toMatchObject({phase: 'done', indexed: 15, failed: 0})
  })
  afterAll(() => index.close())

  it('keeps the index in the cache folder and never touches the store', () => {
    expect(path.dirname(index.file)).toBe(path.join(cacheDir, 'project-index'))
    expect(fs.existsSync(index.file)).toBe(true)
    expect(snapshotTree(path.join(STORE, '.kolo'))).toEqual(before)
  })

  it('puts every trace on the timeline, the test with its request nested', () => {
    const {items, status} = index.overview()
    expect(status).toMatchObject({indexed: 15, failed: 0, progress: {phase: 'done'}})
    expect(new Set(items.map(i => i.traceId)).size).toBe(15)
    const test = items.filter(i => i.traceId === 'trc_01M8AECWD7FXEP7N91TPXMEQMB')
    expect(test.map(i => [i.kind, i.label, i.nested])).toEqual([
      ['test', 'test_lists_books', false],
      ['request', 'GET /', true],
    ])
    const starts = items.map(i => i.startMs)
    expect(starts).toEqual([...starts].sort((a, b) => a - b))
    const stats500 = items.find(i => i.traceId === 'trc_01M8AECTT3KXFQWS21XJSMJSZF')!
    expect(stats500).toMatchObject({status: 500, error: true, endpoint: 'GET /stats/'})
    expect(stats500.endMs - stats500.startMs).toBeCloseTo(50.06, 1)
  })

  it('groups requests by route pattern, not by path', () => {
    const {items, endpoints} = index.overview()
    const tracesOf = (endpoint: string) =>
      items
        .filter(i => i.endpoint === endpoint)
        .map(i => i.traceId)
        .sort()
    expect(tracesOf('GET /books/<int:book_id>/')).toEqual([...BOOK_DETAIL].sort())
    expect(tracesOf('POST /books/<int:book_id>/reviews/')).toEqual([...REVIEWS].sort())
    const detail = endpoints.find(e => e.endpoint === 'GET /books/<int:book_id>/')!
    expect(detail).toMatchObject({
      method: 'GET',
      route: '/books/<int:book_id>/',
      routeSource: 'pattern',
      count: 3,
      maxMs: 8.56,
      p50Ms: 6.62,
      errors: 0,
    })
    expect(detail.queriesPerRequest).toBeCloseTo(5 / 3)
    expect(detail.series.map(p => p.durationMs)).toEqual([6.62, 5.9, 8.56])
    // Two browser requests and the test client's: the N+1 of book_list, twice each.
    const list = endpoints.find(e => e.endpoint === 'GET /')!
    expect(list).toMatchObject({count: 3, nPlusOne: 4})
    expect(endpoints.find(e => e.endpoint === 'POST /import/')).toMatchObject({count: 2, errors: 1})
  })

  it("shows book_list's queries shared by both GET / traces", () => {
    const overlap = index.overlap({traceIds: GET_LIST})
    expect(overlap.traceCount).toBe(2)
    const shared = overlap.sql.shared.filter(e => e.traces === 2)
    expect(shared.map(e => e.label)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^SELECT .* FROM "shelf_book" ORDER BY "shelf_book"\."title" ASC$/),
        expect.stringMatching(/FROM "shelf_author" WHERE "shelf_author"\."id" = %s LIMIT \?$/),
        expect.stringMatching(/FROM "shelf_review" WHERE "shelf_review"\."book_id" = %s$/),
      ]),
    )
    expect(overlap.sql.unique).toEqual([])
    const authors = shared.find(e => e.label.includes('"shelf_author"."id" = %s'))!
    expect(authors.calls).toBe(7) // three books, then four
    expect(authors.rows).toBe(7) // one author each
    expect(overlap.functions.shared.map(f => f.label)).toContain('shelf.views.book_list')
    expect(overlap.templates.shared.map(t => t.label)).toEqual([
      'shelf/book_list.html',
      'shelf/base.html',
    ])
    // Against the whole project, the import's outbound host is one trace's only.
    const all = index.overlap({})
    expect(all.traceCount).toBe(15)
    expect(all.hosts.shared.map(h => h.label)).toEqual(['127.0.0.1:18767'])
    const once = all.functions.unique.find(f => f.label.endsWith('test_lists_books'))
    expect(once).toMatchObject({traces: 1, traceId: 'trc_01M8AECWD7FXEP7N91TPXMEQMB'})
    expect(all.functions.shared.map(f => f.label)).not.toContain(once!.label)
  })

  it('marks the lines that ran, in how many traces', () => {
    const marks = index.lineMarks({file: 'shelf/views.py'})
    expect(marks.traceCount).toBe(15)
    const at = (line: number) => marks.lines.find(l => l.line === line)?.traces
    expect(at(12)).toBe(3) // def book_list: both GET / and the test's request
    expect(at(18)).toBe(3) // def book_detail
    expect(at(1)).toBeUndefined()
    expect(index.lineMarks({file: 'shelf/views.py', traceIds: GET_LIST}).traceCount).toBe(2)
    expect(index.lineMarks({file: 'no/such.py'}).lines).toEqual([])
  })

  it('gives the history of Book.average_rating with every return value, newest first', () => {
    const history = index.history({qualname: 'shelf.models.Book.average_rating'})
    expect(history).toMatchObject({file: 'shelf/models.py', line: 19, endLine: 21, totalCalls: 8})
    expect(history.calls).toHaveLength(8)
    const starts = history.calls.map(c => c.startMs)
    expect(starts).toEqual([...starts].sort((a, b) => b - a))
    expect(history.calls.map(c => c.returnValue)).toEqual([
      'None', // the test's book 1 has no reviews
      '5.0',
      'None',
      '4.33',
      'None',
      '5.0',
      'None',
      '4.5',
    ])
    expect(history.calls[0]!.args).toBe('self=<Book: Book object (1)>')
    // Each row opens its execution: the node is that frame, with that frame id.
    const engine = new TraceEngine({cacheDir})
    for (const call of history.calls) {
      const built = engine.build({storePath: STORE, traceId: call.traceId})
      const details = nodeDetails(built, call.nodeId)
      expect(details).toMatchObject({kind: 'frame', frameId: call.frameId})
      expect(details.kind === 'frame' && details.qualname).toBe('shelf.models.Book.average_rating')
    }
    engine.close()
    expect(index.history({qualname: 'shelf.models.Book.average_rating', limit: 3}).calls).toEqual(
      history.calls.slice(0, 3),
    )
    const older = index.history({
      qualname: 'shelf.models.Book.average_rating',
      beforeMs: history.calls[3]!.startMs,
    })
    expect(older.calls.map(c => c.nodeId)).toEqual(history.calls.slice(4).map(c => c.nodeId))
    expect(index.history({qualname: 'no.such.function'})).toEqual({
      qualname: 'no.such.function',
      totalCalls: 0,
      calls: [],
    })
  })

  it('marks the call that raised in a history', () => {
    const history = index.history({qualname: 'shelf.services.price_stats'})
    expect(history.calls.map(c => [c.exception, c.outliers])).toEqual([
      ['ValueError: no books to summarise', ['exception']],
      [undefined, []],
    ])
    expect(history.calls[1]!.returnValue).toMatch(/^\{'min': Decimal\('10\.50'\)/)
  })

  it('finds a trace, a function, an SQL text and an exception message', () => {
    const first = (query: string, kind: string) =>
      index.search({query}).groups.find(g => g.kind === kind)?.items[0]
    expect(first('404', 'trace')).toMatchObject({
      label: '404 GET /books/99/',
      traceId: 'trc_01M8AECV592REF128X6M654XA5',
    })
    expect(first('average rating', 'function')).toMatchObject({
      qualname: 'shelf.models.Book.average_rating',
      file: 'shelf/models.py',
      line: 19,
    })
    expect(first('bkavg', 'function')?.qualname).toBe('shelf.models.Book.average_rating')
    const sql = first('INSERT INTO "shelf_review"', 'sql')!
    expect(sql.label).toMatch(/^INSERT INTO "shelf_review"/)
    expect(sql.traceId).toBe('trc_01M8AECRW7FNRFWMAMFCYF8SQD')
    expect(first('no books to summarise', 'exception')).toMatchObject({
      label: 'ValueError: no books to summarise',
      traceId: 'trc_01M8AECTT3KXFQWS21XJSMJSZF',
      file: 'shelf/services.py',
      line: 34,
    })
    expect(first('views.py', 'file')?.file).toBe('shelf/views.py')
    expect(index.search({query: 'zzzzqqq'}).groups).toEqual([])
    const newest = index.search({query: '', limit: 3}).groups
    expect(newest.map(g => [g.kind, g.items.length, g.more])).toEqual([['trace', 3, true]])
  })

  it('finds nothing new when reopened: every trace is current, the overview stored', async () => {
    const {items, endpoints} = index.overview()
    await index.close()
    const meta = new Database(index.file, {readonly: true})
    const value = (key: string) =>
      meta.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key)
    expect(value('overview_generation')).toBe(value('generation'))
    meta.close()
    index = ProjectIndex.open({storePath: STORE, cacheDir})
    expect(index.status().notices).toEqual([])
    // Served from the copy stored with the index: the same as computed from the rows.
    expect(index.overview()).toMatchObject({items, endpoints})
    const result = await index.build()
    expect(result).toMatchObject({phase: 'done', indexed: 0, current: 15, removed: 0})
    expect(index.overview()).toMatchObject({items, endpoints})
  })
})

describe('the demo project index', () => {
  it('indexes the embedded demo: the N+1 list, the failing checkout and its gateway', async () => {
    const base = tempDir()
    const project = ensureDemoStore(base)
    const index = ProjectIndex.open({storePath: project, cacheDir: path.join(base, 'cache')})
    expect(await index.build()).toMatchObject({phase: 'done', indexed: 4, failed: 0})
    const {items, endpoints} = index.overview()
    expect(new Set(items.map(i => i.traceId)).size).toBe(4)
    expect(endpoints.find(e => e.endpoint === 'GET /orders/')).toMatchObject({count: 2})
    expect(endpoints.find(e => e.endpoint === 'GET /orders/')!.nPlusOne).toBeGreaterThan(0)
    expect(endpoints.find(e => e.endpoint === 'POST /checkout/')).toMatchObject({errors: 1})
    expect(index.overlap({}).hosts.unique.map(h => h.label)).toEqual(['api.payments.example'])
    const exception = index.search({query: 'declined'}).groups.find(g => g.kind === 'exception')
    expect(exception?.items[0]?.label).toMatch(/^orders\.payments\.PaymentDeclined: card_declined/)
    const total = index.history({qualname: 'orders.services.order_total'})
    expect(total.calls.length).toBeGreaterThan(1)
    expect(total.calls.every(c => c.returnValue?.startsWith("Decimal('"))).toBe(true)
    await index.close()
  })
})
