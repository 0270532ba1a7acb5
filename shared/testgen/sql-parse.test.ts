import {describe, expect, it} from 'vitest'
import {parseSql} from './sql-parse'

describe('parseSql', () => {
  it('maps a select_related SELECT list to the tables of its joins', () => {
    const s = parseSql(
      'SELECT "b"."id", "b"."title", T3."id", T3."name", COUNT("r"."id") AS "n" FROM "shelf_book" "b" ' +
        'INNER JOIN "shelf_author" T3 ON ("b"."author_id" = T3."id") LEFT OUTER JOIN "shelf_review" "r" ON ("r"."book_id" = "b"."id") ' +
        'WHERE ("b"."id" = %s AND "b"."price" > %s) GROUP BY 1 ORDER BY "b"."title" ASC LIMIT 21',
    )
    expect(s).toMatchObject({
      type: 'select',
      from: [
        {table: 'shelf_book', alias: 'b'},
        {table: 'shelf_author', alias: 'T3'},
        {table: 'shelf_review', alias: 'r'},
      ],
      items: [
        {ref: {alias: 'b', column: 'id'}},
        {ref: {alias: 'b', column: 'title'}},
        {ref: {alias: 'T3', column: 'id'}},
        {ref: {alias: 'T3', column: 'name'}},
        {aggregate: true},
      ],
      where: [{ref: {alias: 'b', column: 'id'}, values: [{kind: 'param', index: 0}]}],
      whereIsComplex: true,
      opaqueFrom: false,
    })
  })

  it('reads EXISTS and COUNT as aggregates, a subquery FROM as opaque, MySQL quoting', () => {
    expect(parseSql('SELECT (1) AS "a" FROM "t" WHERE "t"."id" = %s LIMIT 1')).toMatchObject({
      items: [{aggregate: false}],
      where: [{ref: {alias: 't', column: 'id'}}],
    })
    expect(parseSql('SELECT COUNT(*) AS "__count" FROM "t"')).toMatchObject({
      items: [{aggregate: true}],
      hasWhere: false,
    })
    expect(parseSql('SELECT "s"."x" FROM (SELECT 1 AS "x") "s"')).toMatchObject({
      opaqueFrom: true,
      from: [],
    })
    expect(parseSql('SELECT `t`.`id`, `t`.`name` FROM `app_t` `t`')).toMatchObject({
      from: [{table: 'app_t', alias: 't'}],
      items: [{ref: {alias: 't', column: 'id'}}, {ref: {alias: 't', column: 'name'}}],
    })
    expect(parseSql('SELECT "t"."id" FROM "public"."app_t"')).toMatchObject({
      from: [{table: 'app_t', alias: 'app_t'}],
    })
  })

  it('parses INSERT with literals, DEFAULT, several rows and RETURNING', () => {
    expect(
      parseSql(
        'INSERT INTO "t" ("a", "b", "c") VALUES (%s, NULL, DEFAULT), (%s, \'x\', -2) RETURNING "t"."id"',
      ),
    ).toEqual({
      type: 'insert',
      table: 't',
      columns: ['a', 'b', 'c'],
      rows: [
        [{kind: 'param', index: 0}, {kind: 'literal', value: null}, {kind: 'default'}],
        [
          {kind: 'param', index: 1},
          {kind: 'literal', value: 'x'},
          {kind: 'literal', value: -2},
        ],
      ],
      returning: ['id'],
    })
  })

  it('parses UPDATE by primary key with computed columns, DELETE by IN, filtered writes', () => {
    expect(parseSql('UPDATE "t" SET "a" = %s, "n" = ("t"."n" + %s) WHERE "t"."id" = %s')).toEqual({
      type: 'update',
      table: 't',
      sets: [
        {column: 'a', value: {kind: 'param', index: 0}},
        {column: 'n', value: {kind: 'expr', text: '( "t" . "n" + %s )'}},
      ],
      where: [{ref: {alias: 't', column: 'id'}, values: [{kind: 'param', index: 2}]}],
      whereIsComplex: false,
    })
    expect(parseSql('DELETE FROM "t" WHERE "t"."id" IN (%s, %s)')).toEqual({
      type: 'delete',
      table: 't',
      where: [
        {
          ref: {alias: 't', column: 'id'},
          values: [
            {kind: 'param', index: 0},
            {kind: 'param', index: 1},
          ],
        },
      ],
      whereIsComplex: false,
    })
    expect(parseSql('UPDATE "t" SET "a" = %s WHERE ("t"."b" = %s OR "t"."c" = %s)')).toMatchObject({
      whereIsComplex: true,
      where: [],
    })
    expect(parseSql('DELETE FROM "t"')).toMatchObject({whereIsComplex: true})
  })

  it('names what it does not parse', () => {
    expect(parseSql('SAVEPOINT "s1"')).toEqual({type: 'other', keyword: 'SAVEPOINT'})
    expect(parseSql('')).toEqual({type: 'other', keyword: ''})
    expect(parseSql('INSERT garbage')).toEqual({type: 'other', keyword: 'INSERT'})
  })
})
