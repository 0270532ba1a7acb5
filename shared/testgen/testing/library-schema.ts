import type {FieldSchema, ModelSchema, ProjectSchema} from '../schema'
import {fieldKindOf} from '../schema'

function field(name: string, fieldClass: string, extra: Partial<FieldSchema> = {}): FieldSchema {
  const kind = fieldClass === 'ForeignKey' ? 'fk' : fieldKindOf(fieldClass)
  const attname = kind === 'fk' ? `${name}_id` : name
  return {
    name,
    attname,
    column: attname,
    kind,
    fieldClass,
    null: false,
    primaryKey: kind === 'auto',
    unique: kind === 'auto',
    ...extra,
  }
}

function model(
  table: string,
  className: string,
  fields: FieldSchema[],
  extra: Partial<ModelSchema> = {},
): ModelSchema {
  return {table, module: 'library.models', className, appLabel: 'library', fields, ...extra}
}

/**
 * A small library app's schema for generator tests: authors, books (a Decimal, a JSON field with
 * a default), reviews (an auto_now_add time), loans by users (auth_user), members with a UUID key.
 */
export function librarySchema(): ProjectSchema {
  return {
    origin: 'source',
    useTz: true,
    notes: [],
    models: [
      model(
        'library_author',
        'Author',
        [
          field('id', 'AutoField'),
          field('name', 'CharField'),
          field('born', 'DateField', {null: true}),
        ],
        {strField: 'name'},
      ),
      model(
        'library_book',
        'Book',
        [
          field('id', 'AutoField'),
          field('title', 'CharField'),
          field('isbn', 'CharField', {unique: true}),
          field('author', 'ForeignKey', {relatedTable: 'library_author'}),
          field('price', 'DecimalField', {decimalPlaces: 2}),
          field('tags', 'JSONField', {default: {kind: 'empty', container: 'list'}}),
          field('in_stock', 'BooleanField', {default: {kind: 'value', value: true}}),
        ],
        {defaultStr: true},
      ),
      model('library_review', 'Review', [
        field('id', 'AutoField'),
        field('book', 'ForeignKey', {relatedTable: 'library_book'}),
        field('rating', 'PositiveSmallIntegerField'),
        field('text', 'TextField'),
        field('created_at', 'DateTimeField', {autoNowAdd: true}),
      ]),
      model('library_member', 'Member', [
        field('id', 'UUIDField', {primaryKey: true, unique: true}),
        field('number', 'IntegerField', {unique: true}),
        field('joined', 'DateField'),
      ]),
      {
        table: 'auth_user',
        module: 'django.contrib.auth.models',
        className: 'User',
        appLabel: 'auth',
        isUser: true,
        strField: 'username',
        fields: [
          field('id', 'AutoField'),
          field('password', 'CharField'),
          field('last_login', 'DateTimeField', {null: true}),
          field('username', 'CharField', {unique: true}),
        ],
      },
    ],
  }
}
