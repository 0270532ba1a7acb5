import {formatFloat, formatPy} from '../values/py-format'
import {dictGet} from '../values/py-value'
import type {PyValue} from '../values/py-value'

/** Python's `str()` of a recorded value, as close as the recording allows. */
export function pyStr(value: PyValue): string {
  switch (value.t) {
    case 'str':
    case 'repr':
    case 'decimal':
    case 'int':
      return value.v
    case 'datetime':
      return value.v.replace('T', ' ')
    case 'date':
    case 'time':
      return value.v
    case 'float':
      return formatFloat(value.v)
    default:
      return formatPy(value)
  }
}

// %[(key)][flags][width][.precision]type, as Python's printf-style formatting reads it.
const spec = /%(?:\(([^)]*)\))?([-#0 +]*)(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/g

/**
 * `msg % args` as Python's logging does it: a 1-tuple holding a dict formats by key.
 *
 * When the message cannot be formatted (too few arguments, a type Python would refuse), the
 * message and its arguments are shown side by side rather than guessed.
 */
export function formatLogMessage(msg: PyValue, args: PyValue | undefined): string {
  const text = pyStr(msg)
  if (!args || args.t === 'none') return text
  let items: PyValue[]
  let mapping: PyValue | undefined
  if (args.t === 'dict') {
    if (args.entries.length === 0) return text
    items = []
    mapping = args
  } else if (args.t === 'tuple' || args.t === 'list') {
    if (args.items.length === 0) return text
    items = args.items
    if (items.length === 1 && items[0]!.t === 'dict') mapping = items[0]
  } else items = [args]
  try {
    return percentFormat(text, items, mapping)
  } catch {
    return `${text} ${formatPy(args)}`
  }
}

/** Python's `text % values` (printf-style), throwing where Python would raise. */
export function percentFormat(text: string, values: PyValue[], mapping?: PyValue): string {
  let next = 0
  const take = (): PyValue => {
    const v = values[next++]
    if (v === undefined) throw new Error('not enough arguments for format string')
    return v
  }
  const out = text.replace(
    spec,
    (
      _all: string,
      key: string | undefined,
      flags: string,
      width: string | undefined,
      precision: string | undefined,
      type: string,
    ) => {
      if (type === '%') return '%'
      const w = width === '*' ? Number(pyStr(take())) : width ? Number(width) : 0
      const p =
        precision === '*' ? Number(pyStr(take())) : precision ? Number(precision) : undefined
      let value: PyValue | undefined
      if (key !== undefined) {
        value = dictGet(mapping, key)
        if (value === undefined) throw new Error(`KeyError: '${key}'`)
      } else value = take()
      return pad(convert(value, type, flags, p), w, flags)
    },
  )
  if (mapping === undefined && next < values.length) {
    throw new Error('not all arguments converted during string formatting')
  }
  return out
}

function convert(value: PyValue, type: string, flags: string, precision?: number): string {
  switch (type) {
    case 's':
    case 'a': {
      const s = pyStr(value)
      return precision === undefined ? s : s.slice(0, precision)
    }
    case 'r': {
      const s = formatPy(value)
      return precision === undefined ? s : s.slice(0, precision)
    }
    case 'c':
      return value.t === 'int' ? String.fromCodePoint(Number(value.v)) : pyStr(value)
    default:
      return numeric(value, type, flags, precision)
  }
}

function numeric(value: PyValue, type: string, flags: string, precision?: number): string {
  const n = numberOf(value)
  const sign = n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : ''
  const abs = Math.abs(n)
  let body: string
  switch (type) {
    case 'd':
    case 'i':
    case 'u':
      body = value.t === 'int' ? value.v.replace(/^-/, '') : String(Math.trunc(abs))
      break
    case 'x':
    case 'X':
      body = Math.trunc(abs).toString(16)
      if (type === 'X') body = body.toUpperCase()
      if (flags.includes('#')) body = (type === 'X' ? '0X' : '0x') + body
      break
    case 'o':
      body = (flags.includes('#') ? '0o' : '') + Math.trunc(abs).toString(8)
      break
    case 'e':
    case 'E':
      body = abs.toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2')
      if (type === 'E') body = body.toUpperCase()
      break
    case 'g':
    case 'G':
      body = String(Number(abs.toPrecision(precision || 6)))
      break
    default:
      body = abs.toFixed(precision ?? 6)
  }
  return sign + body
}

function numberOf(value: PyValue): number {
  if (value.t === 'int' || value.t === 'decimal') return Number(value.v)
  if (value.t === 'float') return typeof value.v === 'number' ? value.v : NaN
  if (value.t === 'bool') return value.v ? 1 : 0
  throw new Error(`a number is required, not ${value.t}`)
}

function pad(s: string, width: number, flags: string): string {
  if (s.length >= width) return s
  if (flags.includes('-')) return s.padEnd(width)
  if (flags.includes('0') && /^[-+ ]?[\d.]/.test(s)) {
    const sign = /^[-+ ]/.test(s) ? s[0]! : ''
    return sign + s.slice(sign.length).padStart(width - sign.length, '0')
  }
  return s.padStart(width)
}
