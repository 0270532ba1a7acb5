import type {PyValue} from '../values/py-value'
import {parseJsonValue} from './json-value'
import type {PyLit} from './py-literal'
import {parseIsoDateTime} from './py-literal'
import type {FieldSchema} from './schema'

/** How driver values are read: SQLite's UTC text needs a zone when USE_TZ is on. */
export interface CellContext {
  useTz: boolean
}

/**
 * The Python value a field holds, rebuilt from what the database driver returned for its column.
 *
 * Drivers return values before Django's converters: SQLite gives a Decimal as int or float, JSON
 * as text, a bool as 0/1, a UUID as 32 hex digits, a duration as microseconds, and datetimes as
 * naive UTC; PostgreSQL gives native types. Where the field (or its kind) is unknown the raw value
 * is kept: written back through the same driver it round-trips.
 */
export function rebuildCell(raw: PyValue, field: FieldSchema | undefined, ctx: CellContext): PyLit {
  if (!field || raw.t === 'none') return raw
  switch (field.kind) {
    case 'auto':
    case 'int':
    case 'fk':
      if (raw.t === 'str' && /^-?\d+$/.test(raw.v)) return {t: 'int', v: raw.v}
      if (raw.t === 'float' && typeof raw.v === 'number' && Number.isInteger(raw.v)) {
        return {t: 'int', v: String(raw.v)}
      }
      return raw
    case 'float':
      if (raw.t === 'int') return {t: 'float', v: Number(raw.v)}
      return raw
    case 'decimal':
      return decimalOf(raw, field.decimalPlaces) ?? raw
    case 'bool':
      if (raw.t === 'int') return {t: 'bool', v: raw.v !== '0'}
      return raw
    case 'datetime':
      return datetimeOf(raw, ctx) ?? raw
    case 'date':
      if (raw.t === 'str' && /^\d{4}-\d{2}-\d{2}$/.test(raw.v)) return {t: 'date', v: raw.v}
      if (raw.t === 'datetime') return {t: 'date', v: raw.v.slice(0, 10)}
      return raw
    case 'time':
      if (raw.t === 'str' && /^\d{2}:\d{2}/.test(raw.v)) return {t: 'time', v: raw.v}
      return raw
    case 'duration':
      return durationOf(raw) ?? raw
    case 'uuid':
      return uuidOf(raw) ?? raw
    case 'json':
      if (raw.t === 'str' && raw.cut === undefined) return parseJsonValue(raw.v) ?? raw
      return raw
    default:
      return raw
  }
}

function decimalOf(raw: PyValue, places: number | undefined): PyLit | undefined {
  let text: string | undefined
  if (raw.t === 'decimal') text = raw.v
  else if (raw.t === 'int') text = raw.v
  else if (raw.t === 'float' && typeof raw.v === 'number') text = String(raw.v)
  else if (raw.t === 'str' && /^-?\d+(\.\d+)?$/.test(raw.v)) text = raw.v
  if (text === undefined || /e/i.test(text)) {
    return text === undefined ? undefined : {t: 'decimal', v: text}
  }
  if (places !== undefined) text = withPlaces(text, places)
  return {t: 'decimal', v: text}
}

/** A decimal string with exactly `places` digits after the point (exact on the string). */
function withPlaces(text: string, places: number): string {
  const negative = text.startsWith('-')
  const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.') as [string, string?]
  if (fraction.length > places) return text // more precision than the field keeps: leave it
  const padded = places === 0 ? whole : `${whole}.${fraction.padEnd(places, '0')}`
  return negative ? `-${padded}` : padded
}

function datetimeOf(raw: PyValue, ctx: CellContext): PyLit | undefined {
  const iso = raw.t === 'datetime' || raw.t === 'str' ? raw.v : undefined
  if (iso === undefined) return undefined
  const parsed = parseIsoDateTime(iso)
  if (!parsed) return undefined
  const normal = iso.trim().replace(' ', 'T')
  if (parsed.offsetMinutes !== undefined || !ctx.useTz) return {t: 'datetime', v: normal}
  return {t: 'datetime', v: `${normal}+00:00`}
}

function durationOf(raw: PyValue): PyLit | undefined {
  if (raw.t === 'int') return {t: 'timedelta', micros: raw.v}
  if (raw.t !== 'repr') return undefined
  const m = /^datetime\.timedelta\((.*)\)$/.exec(raw.v)
  if (!m) return undefined
  let micros = 0n
  for (const part of m[1]!.split(',')) {
    const kv = /^\s*(days|seconds|microseconds)=(-?\d+)\s*$/.exec(part)
    if (!kv) continue
    const unit = kv[1] === 'days' ? 86_400_000_000n : kv[1] === 'seconds' ? 1_000_000n : 1n
    micros += BigInt(kv[2]!) * unit
  }
  return {t: 'timedelta', micros: micros.toString()}
}

function uuidOf(raw: PyValue): PyLit | undefined {
  let hex: string | undefined
  if (raw.t === 'str') hex = raw.v.replace(/-/g, '')
  if (raw.t === 'repr') {
    hex = /^UUID\('([0-9a-fA-F-]{32,36})'\)$/.exec(raw.v)?.[1]?.replace(/-/g, '')
  }
  if (hex === undefined || !/^[0-9a-fA-F]{32}$/.test(hex)) return undefined
  const h = hex.toLowerCase()
  return {
    t: 'uuid',
    v: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`,
  }
}
