import {describe, expect, it} from 'vitest'
import {shortSql} from './sql-rows-model'

describe('shortSql', () => {
  it('elides a long SELECT list and folds whitespace', () => {
    expect(
      shortSql(
        'SELECT "shelf_author"."id", "shelf_author"."name", "shelf_author"."born"\n FROM "shelf_author" WHERE "shelf_author"."id" = 1 LIMIT 21',
      ),
    ).toBe('SELECT … FROM "shelf_author" WHERE "shelf_author"."id" = 1 LIMIT 21')
  })
  it('keeps short ones', () => {
    expect(shortSql('SELECT COUNT(*) FROM t')).toBe('SELECT COUNT(*) FROM t')
    expect(shortSql('INSERT INTO t VALUES (1)')).toBe('INSERT INTO t VALUES (1)')
  })
  it('cuts long text', () => {
    expect(shortSql('UPDATE t SET x = ' + 'a'.repeat(300), 20)).toHaveLength(20)
  })
})
