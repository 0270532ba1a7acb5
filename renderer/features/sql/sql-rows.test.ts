import {describe, expect, it} from 'vitest'
import {py} from '../../../shared/values/py-value'
import {selectColumns, sqlRows} from './sql-rows'

describe('sqlRows', () => {
  it('flattens chunks of row tuples', () => {
    const data = py.list([
      py.list([py.tuple([py.int(1), py.str('a')]), py.tuple([py.int(2), py.str('b')])]),
    ])
    expect(sqlRows(data)).toEqual([
      [py.int(1), py.str('a')],
      [py.int(2), py.str('b')],
    ])
  })
  it('reads a flat list of rows', () => {
    expect(sqlRows(py.list([py.tuple([py.int(1)]), py.tuple([py.int(2)])]))).toHaveLength(2)
  })
  it('has no rows for a count or None', () => {
    expect(sqlRows(py.int(3))).toBeUndefined()
    expect(sqlRows(py.none)).toBeUndefined()
  })
})

describe('selectColumns', () => {
  it('reads Django column lists', () => {
    expect(
      selectColumns('SELECT "books_book"."id", "books_book"."title" FROM "books_book" WHERE x = 1'),
    ).toEqual(['id', 'title'])
    expect(selectColumns('SELECT COUNT(*) AS "__count" FROM "books_book"')).toEqual(['__count'])
    expect(selectColumns('SELECT (1) AS "a" FROM t LIMIT 1')).toEqual(['a'])
    expect(selectColumns('UPDATE t SET a = 1')).toBeUndefined()
  })
})
