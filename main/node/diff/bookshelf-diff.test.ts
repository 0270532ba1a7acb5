import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import type {TraceDiff} from '../../../shared/diff/trace-diff'
import {TraceEngine} from '../trace-host/trace-engine'
import {builtSource} from './built-source'
import {diffTraces} from './diff-traces'
import {formatDiffLines} from './format-diff'

const storePath = path.resolve(import.meta.dirname, '../../../../shared/fixtures/bookshelf/app')
const engine = new TraceEngine({maxBuilt: 8})
afterAll(() => engine.close())

/** The bookshelf traces compared here (kolo-format.md §10), oldest of each pair first. */
export const bookshelfPairs = {
  listThreeBooks: 'trc_01M8AECR889F4M33DWTT69S3XG',
  listFourBooks: 'trc_01M8AECVF4M8Y4PM90ERCBAXPM',
  detailBeforeReview: 'trc_01M8AECRJF3KNZR6RYHFDDYP3Z',
  detailAfterReview: 'trc_01M8AECRWHAMYV0EMY8TCT439H',
  stats200: 'trc_01M8AECTGEBBQF7G1H98B96VD2',
  stats500: 'trc_01M8AECTT3KXFQWS21XJSMJSZF',
}

function diff(a: string, b: string): Promise<TraceDiff> {
  return diffTraces(
    builtSource(engine.build({storePath, traceId: a})),
    builtSource(engine.build({storePath, traceId: b})),
  )
}

const structural = (d: TraceDiff) =>
  d.edits.edits
    .filter(e => e.kind !== 'changed')
    .map(e => `${e.kind} ${e.nodeKind} ${e.name.slice(0, 60)}`)

describe('diffs of the bookshelf fixture', () => {
  it('GET / with three books and with four: the extra loop iteration and its N+1 queries', async () => {
    const d = await diff(bookshelfPairs.listThreeBooks, bookshelfPairs.listFourBooks)
    // The new book (Hyperion, author 3) is listed first: its iteration is the inserted one.
    expect(structural(d)).toEqual([
      'inserted sql SELECT "shelf_author"."id", "shelf_author"."name", "shelf_au',
      'inserted frame shelf.models.Book.average_rating',
    ])
    expect(d.edits.edits.find(e => e.kind === 'inserted')?.name).toMatch(
      /"shelf_author"."id" = 3 LIMIT 21$/,
    )
    expect(d.edits.edits.find(e => e.kind === 'inserted')?.path.at(-1)).toBe(
      'shelf.views.book_list.<locals>.<listcomp>',
    )
    expect(d.sql.nPlusOne.changed.map(n => [n.b.site, n.a.count, n.b.count])).toEqual([
      ['shelf/views.py:14', 3, 4],
      ['shelf/models.py:20', 3, 4],
    ])
    expect(d.sql.count).toEqual({a: 7, b: 9})
    expect(d.summary.line).toMatch(
      /^GET \/: 9 queries \(was 7, \+2\), (?:[+−][\d.]+ ms, )?N\+1 at shelf\/views.py:14: 4 queries \(was 3\), N\+1 at shelf\/models.py:20: 4 queries \(was 3\), 2 queries return other rows, \+2 calls, /,
    )
    expect(d.identical).toBe(false)
  })

  it('GET /books/1/ before and after a review was posted: the added review row', async () => {
    const d = await diff(bookshelfPairs.detailBeforeReview, bookshelfPairs.detailAfterReview)
    expect(structural(d)).toEqual([])
    const reviews = d.calls.find(c => c.kind === 'sql')!
    const rows = reviews.sections.find(s => s.label === 'rows')!
    expect(rows.gist).toBe('2 rows → 3 rows')
    expect(rows.diff.changes).toEqual([
      {
        path: '[0][0]',
        kind: 'added',
        after: "(4, 1, 4, 'Read it twice', datetime(2026-11-25T22:49:32.812423))",
      },
    ])
    expect(d.sql.changedQueries.map(q => q.rows)).toEqual([{a: 2, b: 3}])
    expect(d.summary.line).toMatch(/^GET \/books\/1\/: 1 query returns other rows, /)
  })

  it('200 GET /stats/ against 500 GET /stats/: the exception and the changed return', async () => {
    const d = await diff(bookshelfPairs.stats200, bookshelfPairs.stats500)
    expect(d.summary.line).toMatch(
      /^GET \/stats\/: [+]\d+(\.\d)? ms, returns 500 \(was 200\), raises ValueError: no books to summarise, /,
    )
    expect(d.events.exceptions.added.map(e => e.text)).toEqual([
      'ValueError: no books to summarise',
    ])
    // The query moved from price_stats into the view itself.
    const moved = d.edits.edits.filter(e => e.kind === 'moved')
    expect(moved.map(e => [e.nodeKind, e.path.at(-1), e.pathBefore?.at(-1)])).toEqual([
      ['sql', 'shelf.views.stats', 'shelf.services.price_stats'],
    ])
    const view = d.calls.find(c => c.name === 'shelf.views.stats')!
    const returned = view.sections.find(s => s.label === 'return value')!
    expect(returned.diff.changes).toEqual([
      {
        path: '',
        kind: 'type',
        before: '<JsonResponse status_code=200, "application/json">',
        after: 'None',
      },
    ])
    expect(view.sections.find(s => s.label === 'exception')?.gist).toBe(
      '— → ValueError: no books to summarise',
    )
    const request = d.http[0]!
    expect(request.sections.find(s => s.label === 'status')?.gist).toBe('200 → 500')
    expect(formatDiffLines(d)).toContain('  + ValueError: no books to summarise')
  })

  it('a trace against itself: no changes', async () => {
    const d = await diff(bookshelfPairs.stats500, bookshelfPairs.stats500)
    expect(d.identical).toBe(true)
    expect(d.summary.line).toBe('GET /stats/: no changes')
  })
})
