import {describe, expect, it} from 'vitest'
import {nextMatch, searchRows} from './flame-search'
import {fixtureColumns, n} from './tree-fixture'

const cols = fixtureColumns([
  n(
    'GET /books/',
    0,
    100,
    [
      n('books.views.list', 1, 50, [], {file: 'books/views.py'}),
      n('SELECT * FROM books_book', 51, 60, [], {kind: 'sql'}),
      n('render', 61, 90, [], {file: 'django/shortcuts.py'}),
    ],
    {kind: 'request'},
  ),
])

describe('searchRows', () => {
  it.each([
    ['books', [0, 1, 2]],
    ['BOOK', [0, 1, 2]],
    ['views.py', [1]],
    ['django', [3]],
    ['  render ', [3]],
    ['nothing', []],
    ['', []],
    ['   ', []],
  ])('%j -> %j', (query, rows) => {
    expect([...searchRows(cols, query)]).toEqual(rows)
  })
})

describe('nextMatch', () => {
  const matches = Uint32Array.from([3, 7, 12])
  it.each([
    [0, 1, 0],
    [3, 1, 1],
    [5, 1, 1],
    [12, 1, 0],
    [20, 1, 0],
    [0, -1, 2],
    [3, -1, 2],
    [7, -1, 0],
    [8, -1, 1],
  ] as const)('after row %i step %i -> index %i', (row, step, expected) => {
    expect(nextMatch(matches, row, step)).toBe(expected)
  })

  it('is -1 without matches', () => {
    expect(nextMatch(new Uint32Array(0), 0, 1)).toBe(-1)
  })
})
