import type {CellContext} from './cell-values'
import type {PyLit} from './py-literal'
import type {FieldSchema} from './schema'

/**
 * Whether a value adds nothing to a create: None in a nullable field, the field's default,
 * or an auto_now/auto_now_add time the database sets itself.
 */
export function isNoise(field: FieldSchema, value: PyLit): boolean {
  if (field.autoNow || field.autoNowAdd) return true
  if (value.t === 'none' && field.null && !field.default) return true
  // Django gives text fields without a default the empty string.
  if (
    value.t === 'str' &&
    value.v === '' &&
    field.kind === 'str' &&
    !field.default &&
    !field.null
  ) {
    return true
  }
  return field.default !== undefined && equalsDefault(field, value)
}

function equalsDefault(field: FieldSchema, value: PyLit): boolean {
  const d = field.default!
  switch (d.kind) {
    case 'value':
      if (d.value === null) return value.t === 'none'
      if (typeof d.value === 'boolean') return value.t === 'bool' && value.v === d.value
      if (typeof d.value === 'number') {
        if (value.t === 'int' || value.t === 'decimal') return Number(value.v) === d.value
        return value.t === 'float' && value.v === d.value
      }
      return value.t === 'str' && value.v === d.value
    case 'decimal':
      return (value.t === 'decimal' || value.t === 'int') && Number(value.v) === Number(d.value)
    case 'empty':
      if (d.container === 'str') return value.t === 'str' && value.v === ''
      if (d.container === 'dict') return value.t === 'dict' && value.entries.length === 0
      return (
        (value.t === 'list' || value.t === 'tuple' || value.t === 'set') && value.items.length === 0
      )
    default:
      return false
  }
}

/**
 * A valid stand-in for a required column the trace does not hold (said in the report).
 *
 * Text holds the field name and the row's key, so unique columns stay unique; the row's
 * `__str__` label is used for the field `__str__` returns.
 */
export function placeholderFor(
  field: FieldSchema,
  row: {pk: PyLit; label?: string},
  timeIso: string,
  cell: CellContext,
): PyLit | undefined {
  const pkText = row.pk.t === 'int' || row.pk.t === 'str' ? row.pk.v : '1'
  const number = /^\d+$/.test(pkText) ? pkText : '1'
  if (field.firstChoice !== undefined) {
    return typeof field.firstChoice === 'number'
      ? {t: 'int', v: String(field.firstChoice)}
      : {t: 'str', v: field.firstChoice}
  }
  switch (field.kind) {
    case 'str': {
      // Without a default Django stores '' (text fields allow empty strings): only unique ones
      // and the field `__str__` shows need a value of their own.
      if (!field.unique && !field.primaryKey) return undefined
      let text = /email/i.test(field.name)
        ? `${field.name}${pkText}@example.com`
        : `${field.name} ${pkText}`
      if (/url/i.test(field.fieldClass) || /url/i.test(field.name)) {
        text = `https://example.com/${pkText}`
      }
      if (field.maxLength !== undefined) text = text.slice(0, field.maxLength)
      return {t: 'str', v: text}
    }
    case 'int':
      return {t: 'int', v: field.unique ? number : '0'}
    case 'float':
      return {t: 'float', v: field.unique ? Number(number) : 0}
    case 'decimal':
      return {t: 'decimal', v: field.unique ? number : '0'}
    case 'bool':
      return {t: 'bool', v: false}
    case 'date':
      return {t: 'date', v: timeIso.slice(0, 10)}
    case 'datetime':
      return {t: 'datetime', v: cell.useTz ? `${timeIso.slice(0, 19)}+00:00` : timeIso.slice(0, 19)}
    case 'time':
      return {t: 'time', v: '00:00'}
    case 'duration':
      return {t: 'timedelta', micros: '0'}
    case 'uuid':
      return {t: 'uuid', v: `00000000-0000-0000-0000-${number.padStart(12, '0').slice(-12)}`}
    case 'json':
      return {t: 'dict', entries: []}
    case 'binary':
      return {t: 'bytes', hex: '', length: 0}
    default:
      return undefined
  }
}
