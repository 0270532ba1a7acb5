import {describe, expect, it} from 'vitest'
import {sqlFingerprint} from './sql-fingerprint'

describe('sqlFingerprint', () => {
  it.each([
    [
      'SELECT "a"."id" FROM "a" WHERE "a"."id" = 1 LIMIT 21',
      'SELECT "a"."id" FROM "a" WHERE "a"."id" = ? LIMIT ?',
    ],
    // Kolo's template and the executed query agree.
    [
      'SELECT "a"."id" FROM "a" WHERE "a"."id" = %s LIMIT 21',
      'SELECT "a"."id" FROM "a" WHERE "a"."id" = ? LIMIT ?',
    ],
    [
      "SELECT * FROM t WHERE name = 'O''Brien' AND x > -2.5",
      'SELECT * FROM t WHERE name = ? AND x > ?',
    ],
    ['SELECT * FROM t WHERE id IN (1, 2, 3)', 'SELECT * FROM t WHERE id IN (…)'],
    ['SELECT * FROM t WHERE id IN (%s, %s)', 'SELECT * FROM t WHERE id IN (…)'],
    ['INSERT INTO t (a, b) VALUES (1, NULL), (2, 3)', 'INSERT INTO t (a, b) VALUES (…)'],
    [
      'UPDATE "t1" SET "v2" = $1\n   WHERE  "id" = %(id)s',
      'UPDATE "t1" SET "v2" = ? WHERE "id" = ?',
    ],
    ['SELECT "weird 1" FROM `t 2` JOIN [t 3]', 'SELECT "weird 1" FROM `t 2` JOIN [t 3]'],
  ])('%s', (sql, fingerprint) => {
    expect(sqlFingerprint(sql)).toBe(fingerprint)
  })
})
