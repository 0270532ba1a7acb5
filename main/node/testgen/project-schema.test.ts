import {copyFileSync, mkdirSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import {afterAll, describe, expect, it} from 'vitest'
import {SchemaIndex} from '../../../shared/testgen/schema'
import {loadProjectSchema, savedSchema} from './project-schema'

const fixtures = path.resolve(import.meta.dirname, '../../../../shared/fixtures')
const app = path.join(fixtures, 'bookshelf', 'app')
const tmp = mkdtempSync(path.join(tmpdir(), 'kx-saved-schema-'))
afterAll(() => rmSync(tmp, {recursive: true, force: true}))

/** Kolo 2.40's `store-django-model-schema` JSON for one model (kolo/django_schema.py). */
function koloSchema(module: string, bookClass: string): unknown {
  const field = (name: string, djangoField: string, extra: object = {}) => ({
    field_attname: name,
    field_name: name,
    null: false,
    primary_key: false,
    auto_created: false,
    is_relation: false,
    django_field: `django.db.models.fields.${djangoField}`,
    has_unique: false,
    gfk_content_type_field: null,
    gfk_object_id_field: null,
    ...extra,
  })
  return {
    shelf_book: {
      model_module: module,
      model_name: bookClass,
      verbose_name: 'book',
      fields: {
        id: field('id', 'AutoField', {primary_key: true, auto_created: true, has_unique: true}),
        title: field('title', 'CharField'),
        author_id: field('author', 'ForeignKey', {
          field_attname: 'author_id',
          is_relation: true,
          django_field: 'django.db.models.fields.related.ForeignKey',
          related_model: 'shelf_author',
          related_pk: 'id',
        }),
        price: field('price', 'DecimalField', {default: {value: '1.00', type: 'Decimal'}}),
        tags: field('tags', 'JSONField', {default: {value: []}}),
        when: field('when', 'DateTimeField', {
          auto_now: false,
          auto_now_add: true,
          default: {value: {__type: 'datetime', value: '2020-01-01T00:00:00'}},
        }),
      },
    },
  }
}

/** A private copy of a Kolo store with a `schemas` table as Kolo 2.40 creates it. */
function storeWithSchemas(rows: [string | null, unknown][]): string {
  const dir = path.join(tmp, `store-${rows.length}`)
  mkdirSync(dir, {recursive: true})
  const db = path.join(dir, 'db.sqlite3')
  copyFileSync(path.join(app, '.kolo', 'db.sqlite3'), db)
  const conn = new Database(db)
  conn.exec(`CREATE TABLE IF NOT EXISTS schemas (
        id integer PRIMARY KEY,
        created_at TEXT DEFAULT (STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW')) NOT NULL,
        git_commit TEXT NULL,
        data text NOT NULL
    )`)
  const insert = conn.prepare('INSERT INTO schemas(data, git_commit, created_at) VALUES (?, ?, ?)')
  rows.forEach(([commit, data], i) =>
    insert.run(JSON.stringify(data), commit, `2026-01-0${i + 1} 00:00:00.000`),
  )
  conn.close()
  return db
}

describe("Kolo's saved schema", () => {
  const db = storeWithSchemas([
    ['aaa111', koloSchema('library.models', 'Livre')],
    ['bbb222', koloSchema('catalog.models', 'Volume')],
  ])

  it('prefers the schema saved at the trace commit, else the latest with a note', () => {
    expect(new SchemaIndex(savedSchema(db, 'aaa111')!).model('shelf_book')).toMatchObject({
      module: 'library.models',
      className: 'Livre',
    })
    const latest = savedSchema(db, 'ccc333')!
    expect(new SchemaIndex(latest).model('shelf_book')).toMatchObject({
      module: 'catalog.models',
      className: 'Volume',
      appLabel: 'catalog',
    })
    expect(latest.notes[0]).toMatch(
      /no schema saved at the trace's commit ccc333: used the latest \(bbb222\)/,
    )
  })

  it('reads field kinds, relations, defaults and auto_now flags from Kolo JSON', () => {
    const index = new SchemaIndex(savedSchema(db, 'aaa111')!)
    expect(index.field('shelf_book', 'author_id')).toMatchObject({
      name: 'author',
      kind: 'fk',
      relatedTable: 'shelf_author',
    })
    expect(index.field('shelf_book', 'price')).toMatchObject({
      kind: 'decimal',
      default: {kind: 'decimal', value: '1.00'},
    })
    expect(index.field('shelf_book', 'tags')).toMatchObject({
      default: {kind: 'empty', container: 'list'},
    })
    expect(index.field('shelf_book', 'when')).toMatchObject({
      autoNowAdd: true,
      default: {kind: 'callable'},
    })
    expect(index.pk('shelf_book')).toMatchObject({column: 'id', kind: 'auto'})
  })

  it('wins over the source, which still adds what only the source knows', () => {
    const schema = loadProjectSchema({sourceRoot: app, dbFile: db, commitSha: 'aaa111'})
    expect(schema.origin).toBe('kolo-schema')
    const index = new SchemaIndex(schema)
    expect(index.model('shelf_book')?.className).toBe('Livre')
    expect(index.field('shelf_book', 'price')?.decimalPlaces).toBe(2)
    // Tables only the source knows are not mixed in: the saved schema is the project at that commit.
    expect(index.model('shelf_author')).toBeUndefined()
  })

  it('falls back to the source when the store has no schemas table', () => {
    const schema = loadProjectSchema({sourceRoot: app})
    expect(schema.origin).toBe('source')
    expect(new SchemaIndex(schema).model('shelf_book')?.className).toBe('Book')
  })
})
