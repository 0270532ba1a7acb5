import fs from 'node:fs'
import path from 'node:path'
import type {
  FieldDefault,
  FieldSchema,
  ModelSchema,
  ProjectSchema,
} from '../../../shared/testgen/schema'
import {fieldKindOf, looksLikeUser} from '../../../shared/testgen/schema'
import {contribModels} from './contrib-models'
import type {ParsedClass, ParsedField} from './python-models'
import {parseModelClasses, pyLiteralValue} from './python-models'

const skipDirs = new Set([
  'node_modules',
  '__pycache__',
  'site-packages',
  'dist-packages',
  'migrations',
  'static',
  'media',
  'templates',
  'venv',
  'env',
  'build',
  'dist',
])
const maxFiles = 2000
const maxDepth = 7

/** A class found in the project, with where it lives. */
interface FoundClass {
  parsed: ParsedClass
  module: string
  appLabel: string
}

/**
 * The project's Django models read from its source: `models.py` files and `models/` packages
 * (plus `fields.py` for custom fields), app labels from `apps.py` or the folder, `db_table` and
 * other Meta options, fields with their types, nullability, defaults and relations, `__str__`.
 * Common contrib models (auth, contenttypes, sessions) are known without their source.
 */
export function schemaFromSource(root: string): ProjectSchema {
  const notes: string[] = []
  const pythonRoot = findPythonRoot(root)
  const files = modelFiles(pythonRoot)
  if (files.length >= maxFiles) notes.push(`only the first ${maxFiles} model files were read`)
  const classes = new Map<string, FoundClass>()
  for (const file of files) {
    let text: string
    try {
      text = fs.readFileSync(file, 'utf8')
    } catch {
      continue
    }
    const rel = path.relative(pythonRoot, file).replace(/\\/g, '/').replace(/\.py$/, '')
    const module = rel
      .replace(/\/__init__$/, '')
      .split('/')
      .join('.')
    const appLabel = appLabelFor(path.dirname(file), pythonRoot)
    for (const parsed of parseModelClasses(text)) {
      // The first definition wins: models.py before a same-named class in fields.py or tests.
      if (!classes.has(parsed.name)) classes.set(parsed.name, {parsed, module, appLabel})
    }
  }
  const settings = settingsTexts(pythonRoot)
  const userModel = pyLiteralValue(setting(settings, 'AUTH_USER_MODEL'))
  const models = resolveModels(
    classes,
    typeof userModel === 'string' ? userModel.split('.').pop()! : 'User',
  )
  for (const c of contribModels()) if (!models.some(m => m.table === c.table)) models.push(c)
  // USE_TZ defaults to True as startproject writes it (and as Django 5 does).
  return {models, origin: 'source', useTz: setting(settings, 'USE_TZ') !== 'False', notes}
}

/** The folder Python imports the project from: where manage.py is (one level down at most). */
export function findPythonRoot(root: string): string {
  if (fs.existsSync(path.join(root, 'manage.py'))) return root
  for (const sub of ['src', 'app', 'backend', ...safeList(root)]) {
    if (fs.existsSync(path.join(root, sub, 'manage.py'))) return path.join(root, sub)
  }
  return root
}

function safeList(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, {withFileTypes: true})
      .filter(d => d.isDirectory() && !d.name.startsWith('.'))
      .map(d => d.name)
  } catch {
    return []
  }
}

/** models.py, models/*.py and fields.py below the root, bounded. */
function modelFiles(root: string): string[] {
  const out: string[] = []
  const walk = (dir: string, depth: number, inModels: boolean): void => {
    if (depth > maxDepth || out.length >= maxFiles) return
    let entries: fs.Dirent[]
    try {
      entries = fs.readdirSync(dir, {withFileTypes: true})
    } catch {
      return
    }
    entries.sort((a, b) => a.name.localeCompare(b.name))
    for (const e of entries) {
      if (e.name.startsWith('.')) continue
      const full = path.join(dir, e.name)
      if (e.isDirectory()) {
        if (skipDirs.has(e.name)) continue
        walk(full, depth + 1, e.name === 'models')
      } else if (e.isFile() && e.name.endsWith('.py')) {
        if (inModels || e.name === 'models.py' || e.name === 'fields.py') out.push(full)
      }
    }
  }
  walk(root, 0, false)
  // models.py first, then packages, then fields.py: model definitions take precedence.
  return out.sort((a, b) => rank(a) - rank(b))
}

function rank(file: string): number {
  const base = path.basename(file)
  if (base === 'models.py') return 0
  if (base === 'fields.py') return 2
  return 1
}

/** An app's label: `label` or the last part of `name` in its apps.py, else its folder's name. */
function appLabelFor(dir: string, root: string): string {
  let appDir = dir
  if (path.basename(appDir) === 'models') appDir = path.dirname(appDir)
  try {
    const apps = fs.readFileSync(path.join(appDir, 'apps.py'), 'utf8')
    const label = /^\s+label\s*=\s*["']([\w]+)["']/m.exec(apps)?.[1]
    if (label) return label
    const name = /^\s+name\s*=\s*["']([\w.]+)["']/m.exec(apps)?.[1]
    if (name) return name.slice(name.lastIndexOf('.') + 1)
  } catch {
    // no apps.py: the folder names the app
  }
  return path.relative(root, appDir) === '' ? path.basename(root) : path.basename(appDir)
}

const modelBases = new Set([
  'Model',
  'models.Model',
  'AbstractUser',
  'AbstractBaseUser',
  'PermissionsMixin',
])

function resolveModels(classes: Map<string, FoundClass>, userModel: string): ModelSchema[] {
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

/** The project's settings files (settings.py, settings/*.py, settings_*.py), bounded. */
function settingsTexts(root: string): string[] {
  const candidates: string[] = []
  const walk = (dir: string, depth: number): void => {
    if (depth > 3) return
    for (const name of safeEntries(dir)) {
      const full = path.join(dir, name)
      if (name.startsWith('.') || skipDirs.has(name)) continue
      if (/^settings.*\.py$/.test(name)) candidates.push(full)
      else if (name === 'settings' || !name.includes('.')) walk(full, depth + 1)
    }
  }
  walk(root, 0)
  const texts: string[] = []
  for (const file of candidates) {
    try {
      texts.push(fs.readFileSync(file, 'utf8'))
    } catch {
      // unreadable: skip it
    }
  }
  return texts
}

/** A top-level `NAME = literal` of the settings, as source text. */
function setting(texts: string[], name: string): string | undefined {
  for (const text of texts) {
    const m = new RegExp(`^${name}\\s*=\\s*(.+?)\\s*(?:#.*)?$`, 'm').exec(text)
    if (m) return m[1]
  }
  return undefined
}

function safeEntries(dir: string): string[] {
  try {
    return fs.readdirSync(dir)
  } catch {
    return []
  }
}
