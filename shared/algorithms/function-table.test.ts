import {describe, expect, it} from 'vitest'
import {NodeFlag} from '../model/node-kind'
import {
  buildFunctionTable,
  normalizeSql,
  normalizeUrl,
  packageOf,
  selfTimes,
} from './function-table'
import {fixtureColumns, n} from './tree-fixture'

describe('normalizeSql', () => {
  it.each([
    ['SELECT * FROM "book" WHERE "book"."id" = 12', 'SELECT * FROM "book" WHERE "book"."id" = ?'],
    ["SELECT 1 FROM a WHERE name = 'O''Hara' LIMIT 21", 'SELECT ? FROM a WHERE name = ? LIMIT ?'],
    ['SELECT x FROM t2 WHERE id IN (1, 2, 3)', 'SELECT x FROM t2 WHERE id IN (…)'],
    ['SELECT x FROM t WHERE id IN (%s, %s)', 'SELECT x FROM t WHERE id IN (…)'],
    ['SELECT  "t"."col1"\n  FROM t', 'SELECT "t"."col1" FROM t'],
    ['UPDATE t SET v = -3.5', 'UPDATE t SET v = ?'],
  ])('%j -> %j', (sql, expected) => {
    expect(normalizeSql(sql)).toBe(expected)
  })
})

describe('normalizeUrl', () => {
  it.each([
    ['GET https://api.example.com/books/12/?page=2', 'GET https://api.example.com/books/{n}/'],
    ['POST http://x/a/b#frag', 'POST http://x/a/b'],
    ['GET http://x/v2/items/5', 'GET http://x/v2/items/{n}'],
  ])('%j -> %j', (url, expected) => {
    expect(normalizeUrl(url)).toBe(expected)
  })
})

describe('packageOf', () => {
  it.each([
    [
      'django.db.models.query.QuerySet.filter',
      '../../usr/lib/python3/dist-packages/django/db/models/query.py',
      'django',
    ],
    ['x', '/venv/lib/python3.12/site-packages/requests/api.py', 'requests'],
    ['x', '/venv/lib/python3.12/site-packages/six.py', 'six'],
    ['json.decoder.JSONDecoder.decode', '/usr/lib/python3.12/json/decoder.py', 'json'],
    ['../lib/tool.py run', '../lib/tool.py', 'lib'],
    ['solo.py main', 'solo.py', 'solo'],
    ['thing', undefined, ''],
  ])('%j in %j -> %j', (name, file, expected) => {
    expect(packageOf(name, file)).toBe(expected)
  })
})

describe('buildFunctionTable', () => {
  const lib = NodeFlag.library
  const cols = fixtureColumns([
    n(
      'GET /',
      0,
      100,
      [
        n('views.index', 1, 90, [
          n('SELECT * FROM b WHERE id = 1', 2, 3, [], {kind: 'sql'}),
          n('SELECT * FROM b WHERE id = 2', 4, 5, [], {kind: 'sql'}),
          n('django.render', 6, 50, [], {file: '/site-packages/django/x.py', flags: lib}),
          n('views.index', 51, 60, [], {file: 'other.py'}),
          n('GET http://h/a?x=1', 61, 70, [], {kind: 'outbound'}),
          n('GET http://h/a?x=2', 71, 80, [], {kind: 'outbound'}),
        ]),
      ],
      {kind: 'request'},
    ),
  ])

  it('groups calls by function, queries by normalized text', () => {
    const fns = buildFunctionTable(cols)
    expect([...fns.fnOf]).toEqual([0, 1, 2, 2, 3, 4, 5, 5])
    expect(fns.name).toEqual([
      'GET /',
      'views.index',
      'SELECT * FROM b WHERE id = ?',
      'django.render',
      'views.index',
      'GET http://h/a',
    ])
    expect([...fns.library]).toEqual([0, 0, 0, 1, 0, 0])
    expect([...fns.firstRow]).toEqual([0, 1, 2, 4, 5, 6])
    expect([...fns.kind]).toEqual([1, 0, 2, 0, 0, 3])
  })

  it('computes self times', () => {
    expect([...selfTimes(cols)]).toEqual([11, 16, 1, 1, 44, 9, 9, 9])
  })
})
