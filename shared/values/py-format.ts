import type {PyValue} from './py-value'

/** Options for rendering a value as one line of Python-ish text. */
export interface FormatOptions {
  /** Stop after about this many characters and end with an ellipsis. */
  maxChars?: number
}

/**
 * One-line Python-ish text of a value: what `repr()` would print, as Kolo recorded it.
 *
 * Repr strings (ext 0) print bare, as Python prints them; str prints quoted; a 1-tuple keeps its comma.
 */
export function formatPy(value: PyValue, options: FormatOptions = {}): string {
  const max = options.maxChars ?? 10_000
  const out: string[] = []
  let length = 0
  const push = (s: string): boolean => {
    out.push(s)
    length += s.length
    return length < max
  }
  write(value, push)
  const text = out.join('')
  return text.length > max ? text.slice(0, Math.max(0, max - 1)) + '…' : text
}

type Push = (s: string) => boolean

function write(value: PyValue, push: Push): boolean {
  switch (value.t) {
    case 'none':
      return push('None')
    case 'bool':
      return push(value.v ? 'True' : 'False')
    case 'int':
      return push(value.v)
    case 'float':
      return push(formatFloat(value.v))
    case 'str':
      return push(quotePy(value.v) + (value.cut ? `…(${value.cut} chars)` : ''))
    case 'bytes':
      return push(formatBytes(value.hex, value.length))
    case 'list':
      return writeSeq('[', ']', value.items, push, value.cut)
    case 'tuple':
      if (value.items.length === 1 && !value.cut) {
        return push('(') && write(value.items[0]!, push) && push(',)')
      }
      return writeSeq('(', ')', value.items, push, value.cut)
    case 'set':
      if (value.items.length === 0) return push('set()')
      return writeSeq('{', '}', value.items, push, value.cut)
    case 'frozenset':
      return push('frozenset(') && writeSeq('{', '}', value.items, push, value.cut) && push(')')
    case 'dict':
      return writeDict(value.entries, push, value.cut)
    case 'repr':
      return push(value.v)
    case 'datetime':
      return push(`datetime(${value.v})`)
    case 'date':
      return push(`date(${value.v})`)
    case 'time':
      return push(`time(${value.v})`)
    case 'decimal':
      return push(`Decimal('${value.v}')`)
    case 'unserializable':
      return push(`<KoloSerializationError: ${value.v}>`)
    case 'missing-ref':
      return push(`<missing value #${value.id}>`)
    case 'ext':
      return push(`<ext ${value.code}: ${value.hex.length / 2} bytes>`)
    case 'elided':
      return push(`…${value.reason}`)
  }
}

function writeSeq(
  open: string,
  close: string,
  items: PyValue[],
  push: Push,
  cut?: number,
): boolean {
  if (!push(open)) return false
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && !push(', ')) return false
    if (!write(items[i]!, push)) return false
  }
  if (cut && !push(`, …+${cut}`)) return false
  return push(close)
}

function writeDict(entries: [PyValue, PyValue][], push: Push, cut?: number): boolean {
  if (!push('{')) return false
  for (let i = 0; i < entries.length; i++) {
    const [k, v] = entries[i]!
    if (i > 0 && !push(', ')) return false
    if (!write(k, push) || !push(': ') || !write(v, push)) return false
  }
  if (cut && !push(`, …+${cut}`)) return false
  return push('}')
}

/** Python's float repr for the common cases: integral floats keep `.0`. */
export function formatFloat(v: number | 'nan' | 'inf' | '-inf'): string {
  if (v === 'nan') return 'nan'
  if (v === 'inf') return 'inf'
  if (v === '-inf') return '-inf'
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return v.toFixed(1)
  return String(v)
}

/** A str literal as Python's repr prints it: single quotes unless the text holds one and no double. */
export function quotePy(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'"
  let out = quote
  for (const ch of s) {
    const code = ch.codePointAt(0)!
    if (ch === '\\') out += '\\\\'
    else if (ch === quote) out += '\\' + quote
    else if (ch === '\n') out += '\\n'
    else if (ch === '\r') out += '\\r'
    else if (ch === '\t') out += '\\t'
    else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).padStart(2, '0')
    else out += ch
  }
  return out + quote
}

function formatBytes(hex: string, length: number): string {
  let out = "b'"
  for (let i = 0; i < hex.length; i += 2) {
    const code = parseInt(hex.slice(i, i + 2), 16)
    if (code === 0x5c) out += '\\\\'
    else if (code === 0x27) out += "\\'"
    else if (code === 0x0a) out += '\\n'
    else if (code >= 0x20 && code < 0x7f) out += String.fromCharCode(code)
    else out += '\\x' + code.toString(16).padStart(2, '0')
  }
  return out + "'" + (length * 2 > hex.length ? `…(${length} bytes)` : '')
}

/** A short name of the value's Python type, for tree labels ("dict", "tuple", "Decimal", ...). */
export function pyTypeName(value: PyValue): string {
  switch (value.t) {
    case 'none':
      return 'NoneType'
    case 'repr':
      return 'object'
    case 'decimal':
      return 'Decimal'
    case 'unserializable':
      return 'error'
    case 'missing-ref':
    case 'ext':
    case 'elided':
      return '?'
    default:
      return value.t
  }
}

/** Whether a value has children to expand in a value tree. */
export function isContainer(value: PyValue): boolean {
  return (
    value.t === 'list' ||
    value.t === 'tuple' ||
    value.t === 'set' ||
    value.t === 'frozenset' ||
    value.t === 'dict'
  )
}
