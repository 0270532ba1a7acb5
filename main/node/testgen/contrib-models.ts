import type {FieldSchema, ModelSchema} from '../../../shared/testgen/schema'

type FieldSpec = [name: string, fieldClass: string, extra?: Partial<FieldSchema>]

function model(
  table: string,
  module: string,
  className: string,
  specs: FieldSpec[],
  extra: Partial<ModelSchema> = {},
): ModelSchema {
  const fields: FieldSchema[] = specs.map(([name, fieldClass, more]) => {
    const fk = fieldClass === 'ForeignKey'
    return {
      name,
      attname: fk ? `${name}_id` : name,
      column: fk ? `${name}_id` : name,
      kind: fieldClass === 'AutoField' ? 'auto' : fk ? 'fk' : kindOf(fieldClass),
      fieldClass,
      null: false,
      primaryKey: fieldClass === 'AutoField',
      unique: fieldClass === 'AutoField',
      ...more,
    }
  })
  return {table, module, className, appLabel: table.split('_')[0], fields, ...extra}
}

function kindOf(fieldClass: string): FieldSchema['kind'] {
  if (fieldClass === 'BooleanField') return 'bool'
  if (fieldClass === 'DateTimeField') return 'datetime'
  if (fieldClass === 'IntegerField') return 'int'
  return 'str'
}

let cached: ModelSchema[] | undefined

/**
 * Django's own models that traces often touch (auth users and groups, content types, sessions),
 * known without reading Django's source. A project's models of the same table take precedence.
 */
export function contribModels(): ModelSchema[] {
  cached ??= [
    model(
      'auth_user',
      'django.contrib.auth.models',
      'User',
      [
        ['id', 'AutoField'],
        ['password', 'CharField', {maxLength: 128}],
        ['last_login', 'DateTimeField', {null: true}],
        ['is_superuser', 'BooleanField', {default: {kind: 'value', value: false}}],
        ['username', 'CharField', {maxLength: 150, unique: true}],
        ['first_name', 'CharField', {maxLength: 150}],
        ['last_name', 'CharField', {maxLength: 150}],
        ['email', 'EmailField', {maxLength: 254}],
        ['is_staff', 'BooleanField', {default: {kind: 'value', value: false}}],
        ['is_active', 'BooleanField', {default: {kind: 'value', value: true}}],
        ['date_joined', 'DateTimeField', {default: {kind: 'callable'}}],
      ],
      {isUser: true, strField: 'username', appLabel: 'auth'},
    ),
    model(
      'auth_group',
      'django.contrib.auth.models',
      'Group',
      [
        ['id', 'AutoField'],
        ['name', 'CharField', {maxLength: 150, unique: true}],
      ],
      {strField: 'name', appLabel: 'auth'},
    ),
    model(
      'django_content_type',
      'django.contrib.contenttypes.models',
      'ContentType',
      [
        ['id', 'AutoField'],
        ['app_label', 'CharField', {maxLength: 100}],
        ['model', 'CharField', {maxLength: 100}],
      ],
      {appLabel: 'contenttypes'},
    ),
    model(
      'django_session',
      'django.contrib.sessions.models',
      'Session',
      [
        ['session_key', 'CharField', {maxLength: 40, primaryKey: true, unique: true}],
        ['session_data', 'TextField'],
        ['expire_date', 'DateTimeField'],
      ],
      {appLabel: 'sessions'},
    ),
  ]
  return cached.map(m => ({...m, fields: m.fields.map(f => ({...f}))}))
}
