/**
 * What the generator knows about the project's Django models: table → model class, fields.
 *
 * Filled from Kolo's saved schema (`schemas` table, `kolo store-django-model-schema`) or from a
 * scan of the project's `models.py` files; the generator never imports the user's Django.
 */

/** How a field's values are rebuilt from what the database driver returned. */
export type FieldKind =
  | 'auto'
  | 'int'
  | 'float'
  | 'decimal'
  | 'bool'
  | 'str'
  | 'date'
  | 'datetime'
  | 'time'
  | 'duration'
  | 'uuid'
  | 'json'
  | 'binary'
  | 'fk'
  | 'unknown'

/** A static default, as a JSON-safe value ('list'/'dict' name the callables `list`/`dict`). */
export type FieldDefault =
  | {kind: 'value'; value: string | number | boolean | null}
  | {kind: 'decimal'; value: string}
  | {kind: 'empty'; container: 'list' | 'dict' | 'set' | 'tuple' | 'str'}
  | {kind: 'callable'}

/** One model field that has a column. */
export interface FieldSchema {
  /** The field's name (`author`). */
  name: string
  /** Its attribute name (`author_id` for a foreign key). */
  attname: string
  /** Its column (`author_id`, or `db_column`). */
  column: string
  kind: FieldKind
  /** The Django class name (`DecimalField`), or the project's own subclass name. */
  fieldClass: string
  null: boolean
  primaryKey: boolean
  unique: boolean
  default?: FieldDefault
  autoNow?: boolean
  autoNowAdd?: boolean
  /** Foreign keys: the table of the related model. */
  relatedTable?: string
  /** For placeholders and literals: `max_length`, `decimal_places`. */
  maxLength?: number
  decimalPlaces?: number
  /** The first declared choice value, a valid placeholder. */
  firstChoice?: string | number
}

/** One concrete model. */
export interface ModelSchema {
  table: string
  /** Python module that defines the class (`shelf.models`). */
  module: string
  className: string
  appLabel?: string
  fields: FieldSchema[]
  /** The field `__str__` returns (`return self.name`), when known. */
  strField?: string
  /** Django's default `__str__` ("Book object (1)") when the class defines none. */
  defaultStr?: boolean
  /** A user model (has `password` and `last_login`): log it in instead of arranging a session. */
  isUser?: boolean
  /** An auto-created many-to-many table: reached as `Owner.field.through`. */
  through?: {ownerTable: string; field: string}
}

/** The schema of a project, with where it came from. */
export interface ProjectSchema {
  models: ModelSchema[]
  origin: 'kolo-schema' | 'source' | 'none'
  /** settings.USE_TZ as found in the source; datetimes from SQLite are UTC when true. */
  useTz?: boolean
  /** What the resolver could not do, for the report. */
  notes: string[]
}

/** An empty schema: every table unresolved. */
export const emptySchema: ProjectSchema = {models: [], origin: 'none', notes: []}

/** Tables that belong to the database itself, never arranged or reported. */
export function isSystemTable(table: string): boolean {
  return /^(sqlite_|pg_|information_schema|django_migrations$)/.test(table)
}

/** Table lookups over a schema, built once per generation. */
export class SchemaIndex {
  private readonly byTable = new Map<string, ModelSchema>()

  constructor(readonly schema: ProjectSchema) {
    for (const m of schema.models) this.byTable.set(m.table, m)
  }

  model(table: string): ModelSchema | undefined {
    return this.byTable.get(table)
  }

  field(table: string, column: string): FieldSchema | undefined {
    return this.byTable.get(table)?.fields.find(f => f.column === column)
  }

  pk(table: string): FieldSchema | undefined {
    return this.byTable.get(table)?.fields.find(f => f.primaryKey)
  }

  /** The pk column of a table: the schema's, else `id`. */
  pkColumn(table: string): string {
    return this.pk(table)?.column ?? 'id'
  }

  /** Models with a foreign key named `name` (field or attname) to `table`. */
  fkNamed(name: string, table: string): FieldSchema | undefined {
    for (const m of this.schema.models) {
      for (const f of m.fields) {
        if (
          f.kind === 'fk' &&
          f.relatedTable === table &&
          (f.name === name || f.attname === name)
        ) {
          return f
        }
      }
    }
    return undefined
  }

  /** The model named `className` (as reprs name it), if exactly one has that name. */
  byClassName(className: string): ModelSchema | undefined {
    const found = this.schema.models.filter(m => m.className === className)
    return found.length === 1 ? found[0] : undefined
  }

  /** The model whose module and class match a dotted path (`shelf.models.Book`). */
  byDottedPath(dotted: string): ModelSchema | undefined {
    return this.schema.models.find(m => `${m.module}.${m.className}` === dotted)
  }
}

/** A Django field class name (short or dotted) to the kind of value it holds. */
export function fieldKindOf(fieldClass: string): FieldKind {
  const name = fieldClass.slice(fieldClass.lastIndexOf('.') + 1)
  if (/AutoField$/.test(name)) return 'auto'
  if (name === 'ForeignKey' || name === 'OneToOneField' || name === 'ParentalKey') return 'fk'
  if (name === 'DecimalField') return 'decimal'
  if (name === 'FloatField') return 'float'
  if (/^(Positive)?(Big|Small)?IntegerField$/.test(name)) return 'int'
  if (name === 'BooleanField' || name === 'NullBooleanField') return 'bool'
  if (name === 'DateTimeField') return 'datetime'
  if (name === 'DateField') return 'date'
  if (name === 'TimeField') return 'time'
  if (name === 'DurationField') return 'duration'
  if (name === 'UUIDField') return 'uuid'
  if (name === 'JSONField') return 'json'
  if (name === 'BinaryField') return 'binary'
  const text = [
    'CharField',
    'TextField',
    'SlugField',
    'EmailField',
    'URLField',
    'FilePathField',
    'FileField',
    'ImageField',
    'GenericIPAddressField',
    'IPAddressField',
    'CICharField',
    'CITextField',
    'CIEmailField',
  ]
  if (text.includes(name)) return 'str'
  return 'unknown'
}

/** Whether a model looks like a user model (AbstractBaseUser's columns). */
export function looksLikeUser(fields: readonly FieldSchema[]): boolean {
  const columns = new Set(fields.map(f => f.column))
  return columns.has('password') && columns.has('last_login')
}
