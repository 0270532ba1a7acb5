import type {PyValue} from '../values/py-value'
import {formatFloat} from '../values/py-format'
import type {Expr} from './py-expr'
import {atom, call, dict, pyStr, seq} from './py-expr'
import type {PythonImports} from './python-imports'

/** A Python value to print: a recorded PyValue, or a value rebuilt for a field (UUID, timedelta). */
export type PyLit = PyValue | {t: 'uuid'; v: string} | {t: 'timedelta'; micros: string}

/**
 * The Python literal of a value, with the imports it needs; undefined when the value cannot be
 * written back faithfully (a repr, a cut string or container, an elided part).
 */
export function literal(v: PyLit, imports: PythonImports): Expr | undefined {
  switch (v.t) {
    case 'none':
      return atom('None')
    case 'bool':
      return atom(v.v ? 'True' : 'False')
    case 'int':
      return atom(v.v)
    case 'float':
      return typeof v.v === 'number' ? atom(formatFloat(v.v)) : call('float', [atom(pyStr(v.v))])
    case 'str':
      return v.cut === undefined ? atom(pyStr(v.v)) : undefined
    case 'bytes':
      return v.length * 2 === v.hex.length ? atom(bytesLiteral(v.hex)) : undefined
    case 'decimal':
      return /…$/.test(v.v)
        ? undefined
        : call(imports.from('decimal', 'Decimal'), [atom(pyStr(v.v))])
    case 'datetime':
      return datetimeLiteral(v.v, imports)
    case 'date':
      return dateLiteral(v.v, imports)
    case 'time':
      return timeLiteral(v.v, imports)
    case 'uuid':
      return call(imports.from('uuid', 'UUID'), [atom(pyStr(v.v))])
    case 'timedelta':
      return call(imports.from('datetime', 'timedelta'), [], [['microseconds', atom(v.micros)]])
    case 'list':
    case 'tuple':
    case 'set':
    case 'frozenset': {
      if (v.cut !== undefined) return undefined
      const items = v.items.map(i => literal(i, imports))
      if (items.some(i => i === undefined)) return undefined
      const s = seq(v.t === 'frozenset' ? 'set' : v.t, items as Expr[])
      return v.t === 'frozenset' ? call('frozenset', v.items.length ? [s] : []) : s
    }
    case 'dict': {
      if (v.cut !== undefined) return undefined
      const entries: [Expr, Expr][] = []
      for (const [k, val] of v.entries) {
        const ke = literal(k, imports)
        const ve = literal(val, imports)
        if (!ke || !ve) return undefined
        entries.push([ke, ve])
      }
      return dict(entries)
    }
    default:
      return undefined
  }
}

const isoDateTime =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}:?\d{2}(?::?\d{2})?)?$/

/** The parts of an ISO datetime, or undefined. */
export function parseIsoDateTime(
  iso: string,
): {parts: number[]; offsetMinutes?: number} | undefined {
  const m = isoDateTime.exec(iso.trim())
  if (!m) return undefined
  const micro = m[7] ? Number(m[7].padEnd(6, '0')) : 0
  const parts = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number)
  parts.push(micro)
  const zone = m[8]
  if (zone === undefined) return {parts}
  if (zone === 'Z') return {parts, offsetMinutes: 0}
  const sign = zone.startsWith('-') ? -1 : 1
  const digits = zone.slice(1).replace(/:/g, '')
  return {
    parts,
    offsetMinutes: sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))),
  }
}

function trimZeros(parts: number[], keep: number): number[] {
  const out = [...parts]
  while (out.length > keep && out[out.length - 1] === 0) out.pop()
  return out
}

function datetimeLiteral(iso: string, imports: PythonImports): Expr | undefined {
  const parsed = parseIsoDateTime(iso)
  if (!parsed) return undefined
  const args = trimZeros(parsed.parts, 5).map(n => atom(String(n)))
  const kwargs: [string, Expr][] = []
  if (parsed.offsetMinutes === 0) {
    kwargs.push(['tzinfo', atom(`${imports.from('datetime', 'timezone')}.utc`)])
  } else if (parsed.offsetMinutes !== undefined) {
    const tz = imports.from('datetime', 'timezone')
    const delta = call(
      imports.from('datetime', 'timedelta'),
      [],
      [['minutes', atom(String(parsed.offsetMinutes))]],
    )
    kwargs.push(['tzinfo', call(tz, [delta])])
  }
  return call(imports.from('datetime', 'datetime'), args, kwargs)
}

function dateLiteral(iso: string, imports: PythonImports): Expr | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim())
  if (!m) return undefined
  return call(
    imports.from('datetime', 'date'),
    [m[1]!, m[2]!, m[3]!].map(n => atom(String(Number(n)))),
  )
}

function timeLiteral(iso: string, imports: PythonImports): Expr | undefined {
  const m = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/.exec(iso.trim())
  if (!m) return undefined
  const parts = [
    Number(m[1]),
    Number(m[2]),
    Number(m[3] ?? 0),
    m[4] ? Number(m[4].padEnd(6, '0')) : 0,
  ]
  return call(
    imports.from('datetime', 'time'),
    trimZeros(parts, 2).map(n => atom(String(n))),
  )
}

function bytesLiteral(hex: string): string {
  let out = 'b"'
  for (let i = 0; i < hex.length; i += 2) {
    const code = parseInt(hex.slice(i, i + 2), 16)
    if (code === 0x5c) out += '\\\\'
    else if (code === 0x22) out += '\\"'
    else if (code === 0x0a) out += '\\n'
    else if (code >= 0x20 && code < 0x7f) out += String.fromCharCode(code)
    else out += '\\x' + code.toString(16).padStart(2, '0')
  }
  return out + '"'
}

/** A canonical key of a value, for comparing values (`1` and `1.0` differ, as in the trace). */
export function valueKey(v: PyLit): string {
  return JSON.stringify(v)
}
