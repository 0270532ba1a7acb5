import type {FieldDefault, FieldSchema, ModelSchema, ProjectSchema} from './schema'
import {fieldKindOf, looksLikeUser} from './schema'

/**
 * Kolo's saved Django schema (the JSON in the store's `schemas.data`) as a ProjectSchema.
 *
 * Kolo 2.x writes `{db_table: {model_module, model_name, verbose_name, fields: {column: {
 * field_attname, field_name, null, primary_key, auto_created, is_relation, django_field,
 * has_unique, default?, auto_now?, auto_now_add?, related_model?, related_pk?}}}}`; defaults are
 * `{value}`, `{value, type: 'Decimal'|'timedelta'}`, choices `{value, name, label, …}`, and
 * temporal ones `{__type: 'datetime'|'date'|'time', value}`. Unknown shapes are skipped, not fatal.
 */
export function schemaFromKolo(data: unknown, notes: string[] = []): ProjectSchema {
  const models: ModelSchema[] = []
  if (!isObject(data)) {
    return {models, origin: 'kolo-schema', notes: [...notes, 'the saved schema is not an object']}
  }
  for (const [table, raw] of Object.entries(data)) {
    if (!isObject(raw) || !isObject(raw.fields)) continue
    const fields: FieldSchema[] = []
    for (const [column, f] of Object.entries(raw.fields)) {
      if (!isObject(f) || typeof f.field_name !== 'string') continue
      // Generic foreign keys have no column of their own.
      if (f.field_attname === null || f.field_attname === undefined) continue
      fields.push(fieldFromKolo(column, f))
    }
    const module = typeof raw.model_module === 'string' ? raw.model_module : ''
    const className = typeof raw.model_name === 'string' ? raw.model_name : table
    models.push({
      table,
      module,
      className,
      appLabel: appLabelOf(module),
      fields,
      isUser: looksLikeUser(fields) || undefined,
    })
  }
  return {models, origin: 'kolo-schema', notes}
}

function fieldFromKolo(column: string, f: Record<string, unknown>): FieldSchema {
  const fieldClass = typeof f.django_field === 'string' ? f.django_field : 'unknown'
  const kind = f.is_relation === true ? 'fk' : fieldKindOf(fieldClass)
  const field: FieldSchema = {
    name: String(f.field_name),
    attname: typeof f.field_attname === 'string' ? f.field_attname : String(f.field_name),
    column,
    kind,
    fieldClass: fieldClass.slice(fieldClass.lastIndexOf('.') + 1),
    null: f.null === true,
    primaryKey: f.primary_key === true,
    unique: f.has_unique === true || f.primary_key === true,
  }
  const def = defaultFromKolo(f.default)
  if (def) field.default = def
  if (f.auto_now === true) field.autoNow = true
  if (f.auto_now_add === true) field.autoNowAdd = true
  if (typeof f.related_model === 'string') field.relatedTable = f.related_model
  return field
}

function defaultFromKolo(raw: unknown): FieldDefault | undefined {
  if (!isObject(raw)) return undefined
  const value = raw.value
  if (raw.type === 'Decimal' && typeof value === 'string') return {kind: 'decimal', value}
  if (raw.type !== undefined || raw.__type !== undefined) return {kind: 'callable'}
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  ) {
    return {kind: 'value', value}
  }
  if (Array.isArray(value) && value.length === 0) return {kind: 'empty', container: 'list'}
  if (isObject(value) && Object.keys(value).length === 0) return {kind: 'empty', container: 'dict'}
  return {kind: 'callable'}
}

/** The app label Django would give a models module (`shelf.models` → `shelf`). */
export function appLabelOf(module: string): string | undefined {
  const parts = module.split('.')
  const at = parts.lastIndexOf('models')
  const app = at > 0 ? parts[at - 1] : parts.length > 1 ? parts[parts.length - 2] : undefined
  return app === '' ? undefined : app
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
