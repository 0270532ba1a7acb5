/**
 * A Python value as Kolo recorded it, tagged so it keeps its Python meaning on the wire.
 *
 * JSON-safe (no bigint, Map or class): ints beyond 2^53 travel as decimal strings, bytes as hex.
 * A tuple is not a list, a repr string is not a str, `None` is not `undefined`.
 */
export type PyValue =
  | {t: 'none'}
  | {t: 'bool'; v: boolean}
  | {t: 'int'; v: string} // decimal digits, exact (Python ints are unbounded)
  | {t: 'float'; v: number | 'nan' | 'inf' | '-inf'}
  | {t: 'str'; v: string; cut?: number} // cut: the original length when v was shortened
  | {t: 'bytes'; hex: string; length: number}
  | {t: 'list' | 'tuple' | 'set' | 'frozenset'; items: PyValue[]; cut?: number}
  | {t: 'dict'; entries: [PyValue, PyValue][]; cut?: number}
  | {t: 'repr'; v: string} // ext 0: repr() of an object
  | {t: 'datetime' | 'date' | 'time' | 'decimal'; v: string} // ext 1/2/3/5: isoformat()/str()
  | {t: 'unserializable'; v: string} // ext 127: repr() raised; v is "module.QualName"
  | {t: 'missing-ref'; id: number} // ext 9 whose value-table entry is absent
  | {t: 'ext'; code: number; hex: string} // an ext code Kolo does not define
  | {t: 'elided'; reason: string} // deeper than we send, or too large

/** The tag names of a PyValue. */
export type PyTag = PyValue['t']

/** Shorthand constructors used by decoders and tests. */
export const py = {
  none: {t: 'none'} as PyValue,
  str: (v: string): PyValue => ({t: 'str', v}),
  int: (v: number | bigint | string): PyValue => ({t: 'int', v: String(v)}),
  float: (v: number): PyValue => ({t: 'float', v: floatWire(v)}),
  bool: (v: boolean): PyValue => ({t: 'bool', v}),
  list: (items: PyValue[]): PyValue => ({t: 'list', items}),
  tuple: (items: PyValue[]): PyValue => ({t: 'tuple', items}),
  dict: (entries: [PyValue, PyValue][]): PyValue => ({t: 'dict', entries}),
  repr: (v: string): PyValue => ({t: 'repr', v}),
}

/** A JS number as the wire form of a Python float (JSON has no NaN or Infinity). */
export function floatWire(v: number): number | 'nan' | 'inf' | '-inf' {
  if (Number.isNaN(v)) return 'nan'
  if (v === Infinity) return 'inf'
  if (v === -Infinity) return '-inf'
  return v
}

/** The value of a dict entry whose key is the str `key`, if any. */
export function dictGet(value: PyValue | undefined, key: string): PyValue | undefined {
  if (value?.t !== 'dict') return undefined
  for (const [k, v] of value.entries) if (k.t === 'str' && k.v === key) return v
  return undefined
}

/** The plain text of a str-like value (str, repr, datetime, ...), or undefined. */
export function textOf(value: PyValue | undefined): string | undefined {
  if (!value) return undefined
  switch (value.t) {
    case 'str':
    case 'repr':
    case 'datetime':
    case 'date':
    case 'time':
    case 'decimal':
    case 'unserializable':
      return value.v
    case 'int':
      return value.v
    case 'float':
      return String(value.v)
    case 'bool':
      return value.v ? 'True' : 'False'
    case 'none':
      return 'None'
    default:
      return undefined
  }
}
