// Django models resolved from parsed classes: inheritance, fields, relations, M2M tables.
import type {FieldDefault, FieldSchema, ModelSchema} from '../../../shared/testgen/schema'
import {fieldKindOf, looksLikeUser} from '../../../shared/testgen/schema'
import {contribModels} from './contrib-models'
import type {ParsedClass, ParsedField} from './python-models'
import {pyLiteralValue} from './python-models'

/** A class found in the project, with where it lives. */
export interface FoundClass {
  parsed: ParsedClass
  module: string
  appLabel: string
}

const modelBases = new Set([
  'Model',
  'models.Model',
  'AbstractUser',
  'AbstractBaseUser',
  'PermissionsMixin',
])

/** The concrete models among the project's classes, with inherited fields and M2M tables. */
export function resolveModels(classes: Map<string, FoundClass>, userModel: string): ModelSchema[] {
  const isModel = (name: string, seen = new Set<string>()): boolean => {
    const short = name.slice(name.lastIndexOf('.') + 1)
    if (modelBases.has(name) || modelBases.has(short)) return true
    const c = classes.get(short)
    if (!c || seen.has(short)) return false
    seen.add(short)
    return c.parsed.bases.some(b => isModel(b, seen))
  }
  const fieldKind = (
    callee: string,
    seen = new Set<string>(),
  ): FieldSchema['kind'] | 'm2m' | undefined => {
    const short = callee.slice(callee.lastIndexOf('.') + 1)
    if (short === 'ManyToManyField') return 'm2m'
    const kind = fieldKindOf(short)
    if (kind !== 'unknown') return kind
    const c = classes.get(short)
    if (!c || seen.has(short)) return short.endsWith('Field') ? 'unknown' : undefined
    seen.add(short)
    for (const b of c.parsed.bases) {
      const k = fieldKind(b, seen)
      if (k !== undefined) return k
    }
    return undefined
  }
  const models: ModelSchema[] = []
  const tableOf = (name: string): string | undefined => {
    const c = classes.get(name)
    if (!c) return undefined
    const explicit = pyLiteralValue(c.parsed.meta.get('db_table'))
    const label = pyLiteralValue(c.parsed.meta.get('app_label'))
    return typeof explicit === 'string'
      ? explicit
      : `${typeof label === 'string' ? label : c.appLabel}_${name.toLowerCase()}`
  }
  for (const [name, c] of classes) {
    if (
      !isModel(name) ||
      c.parsed.meta.get('abstract') === 'True' ||
      c.parsed.meta.get('proxy') === 'True'
    ) {
      continue
    }
    const table = tableOf(name)!
    const fields: FieldSchema[] = []
    const m2m: ParsedField[] = []
    const addFields = (cls: ParsedClass, seen: Set<string>): void => {
      for (const base of cls.bases) {
        const parent = classes.get(base.slice(base.lastIndexOf('.') + 1))
        if (!parent || seen.has(parent.parsed.name) || !isModel(parent.parsed.name)) continue
        seen.add(parent.parsed.name)
        if (parent.parsed.meta.get('abstract') === 'True') addFields(parent.parsed, seen)
        else fields.push(parentLink(parent.parsed.name, tableOf(parent.parsed.name)!))
      }
      if (cls.bases.some(b => /(^|\.)AbstractUser$/.test(b))) fields.push(...abstractUserFields())
      else if (cls.bases.some(b => /(^|\.)AbstractBaseUser$/.test(b))) {
        fields.push(...baseUserFields())
      }
      for (const f of cls.fields) {
        const kind = fieldKind(f.callee)
        if (kind === undefined) continue
        if (kind === 'm2m') {
          m2m.push(f)
          continue
        }
        const existing = fields.findIndex(x => x.name === f.name)
        const field = fieldFrom(f, kind, tableOf, table, userModel)
        if (existing >= 0) fields[existing] = field
        else fields.push(field)
      }
    }
    addFields(c.parsed, new Set([name]))
    if (!fields.some(f => f.primaryKey)) {
      fields.unshift({
        name: 'id',
        attname: 'id',
        column: 'id',
        kind: 'auto',
        fieldClass: 'AutoField',
        null: false,
        primaryKey: true,
        unique: true,
      })
    }
    const model: ModelSchema = {
      table,
      module: c.module,
      className: name,
      appLabel: c.appLabel,
      fields,
      strField: c.parsed.strField,
      defaultStr: !c.parsed.hasStr || undefined,
      isUser: looksLikeUser(fields) || undefined,
    }
    models.push(model)
    for (const f of m2m) models.push(throughModel(model, f, tableOf))
  }
  return models
}

function fieldFrom(
  f: ParsedField,
  kind: FieldSchema['kind'],
  tableOf: (name: string) => string | undefined,
  ownTable: string,
  userModel: string,
): FieldSchema {
  const kw = f.args.keywords
  const flag = (name: string): boolean => kw.get(name) === 'True'
  const column = pyLiteralValue(kw.get('db_column'))
  const attname = kind === 'fk' ? `${f.name}_id` : f.name
  const field: FieldSchema = {
    name: f.name,
    attname,
    column: typeof column === 'string' ? column : attname,
    kind,
    fieldClass: f.callee.slice(f.callee.lastIndexOf('.') + 1),
    null: flag('null'),
    primaryKey: flag('primary_key'),
    unique: flag('unique') || flag('primary_key') || f.callee.endsWith('OneToOneField'),
  }
  if (kind === 'fk') {
    const to = f.args.positional[0] ?? kw.get('to')
    const target = to === undefined ? undefined : relatedName(to, userModel)
    field.relatedTable =
      target === 'self'
        ? ownTable
        : target === undefined
          ? undefined
          : (tableOf(target) ?? contribTable(target))
  }
  if (kind === 'auto') field.primaryKey = true
  if (flag('auto_now')) field.autoNow = true
  if (flag('auto_now_add')) field.autoNowAdd = true
  const def = defaultOf(kw.get('default'))
  if (def) field.default = def
  const maxLength = pyLiteralValue(kw.get('max_length'))
  if (typeof maxLength === 'number') field.maxLength = maxLength
  const places = pyLiteralValue(kw.get('decimal_places'))
  if (typeof places === 'number') field.decimalPlaces = places
  const choice = /^\[\s*\(\s*([^,]+),/.exec(kw.get('choices') ?? '')?.[1]
  const first = pyLiteralValue(choice)
  if (typeof first === 'string' || typeof first === 'number') field.firstChoice = first
  return field
}

/** `"Author"`, `'app.Author'`, `Author`, `settings.AUTH_USER_MODEL` → the model's class name. */
function relatedName(text: string, userModel = 'User'): string | undefined {
  const literal = pyLiteralValue(text)
  if (typeof literal === 'string') return literal.slice(literal.lastIndexOf('.') + 1)
  if (/AUTH_USER_MODEL$/.test(text)) return userModel
  return text.slice(text.lastIndexOf('.') + 1)
}

function contribTable(name: string): string | undefined {
  return contribModels().find(m => m.className === name)?.table
}

function defaultOf(text: string | undefined): FieldDefault | undefined {
  if (text === undefined) return undefined
  const t = text.trim()
  if (['list', 'dict', 'set', 'tuple', 'str'].includes(t)) {
    return {kind: 'empty', container: t as 'list'}
  }
  if (t === '[]') return {kind: 'empty', container: 'list'}
  if (t === '{}') return {kind: 'empty', container: 'dict'}
  const decimal = /^Decimal\(\s*["']([-\d.]+)["']\s*\)$/.exec(t)
  if (decimal) return {kind: 'decimal', value: decimal[1]!}
  const v = pyLiteralValue(t)
  return v === undefined ? {kind: 'callable'} : {kind: 'value', value: v}
}

function parentLink(parent: string, parentTable: string): FieldSchema {
  const name = `${parent.toLowerCase()}_ptr`
  return {
    name,
    attname: `${name}_id`,
    column: `${name}_id`,
    kind: 'fk',
    fieldClass: 'OneToOneField',
    null: false,
    primaryKey: true,
    unique: true,
    relatedTable: parentTable,
  }
}

function throughModel(
  owner: ModelSchema,
  f: ParsedField,
  tableOf: (name: string) => string | undefined,
): ModelSchema {
  const to = relatedName(f.args.positional[0] ?? f.args.keywords.get('to') ?? '') ?? ''
  const self = to === 'self' || to === owner.className
  const from = self ? `from_${owner.className.toLowerCase()}` : owner.className.toLowerCase()
  const target = self ? `to_${owner.className.toLowerCase()}` : to.toLowerCase()
  const fk = (name: string, table: string | undefined): FieldSchema => ({
    name,
    attname: `${name}_id`,
    column: `${name}_id`,
    kind: 'fk',
    fieldClass: 'ForeignKey',
    null: false,
    primaryKey: false,
    unique: false,
    relatedTable: table,
  })
  return {
    table: `${owner.table}_${f.name}`,
    module: owner.module,
    className: `${owner.className}_${f.name}`,
    appLabel: owner.appLabel,
    through: {ownerTable: owner.table, field: f.name},
    fields: [
      {
        name: 'id',
        attname: 'id',
        column: 'id',
        kind: 'auto',
        fieldClass: 'AutoField',
        null: false,
        primaryKey: true,
        unique: true,
      },
      fk(from, owner.table),
      fk(target, self ? owner.table : (tableOf(to) ?? contribTable(to))),
    ],
  }
}

function abstractUserFields(): FieldSchema[] {
  return contribModels()
    .find(m => m.table === 'auth_user')!
    .fields.filter(f => !f.primaryKey)
}

function baseUserFields(): FieldSchema[] {
  return abstractUserFields().filter(f => f.name === 'password' || f.name === 'last_login')
}
