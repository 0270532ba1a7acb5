import {floatWire, type PyValue} from '../../../shared/values/py-value'
import {
  PyCollection,
  PyDecimal,
  PyMissingRef,
  PyRepr,
  PyTemporal,
  PyTooDeep,
  PyUnknownExt,
  PyFloat,
  PyUnserializable,
} from './py-objects'

/** How much of a value toPyValue sends; beyond, parts are cut or elided. */
export interface PyValueLimits {
  /** Containers nested deeper than this become `elided` (default 12). */
  maxDepth?: number
  /** Items kept per list/dict/set (default 1000); `cut` holds the full count. */
  maxItems?: number
  /** Characters kept per string (default 100,000); `cut` holds the full length. */
  maxStr?: number
  /** Values produced in total (default 50,000); later ones are elided. */
  maxNodes?: number
  /** Characters produced in total (default 2,000,000); later strings are elided. */
  maxChars?: number
}

const defaults: Required<PyValueLimits> = {
  maxDepth: 12,
  maxItems: 1000,
  maxStr: 100_000,
  maxNodes: 50_000,
  maxChars: 2_000_000,
}

/** Shown in place of a cut repr-like text. */
const ELLIPSIS = '…'

function hex(bytes: Uint8Array, maxBytes: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, maxBytes)).toString(
    'hex',
  )
}

class Converter {
  private nodes = 0
  private chars = 0

  constructor(private readonly limits: Required<PyValueLimits>) {}

  /** Text cut to maxStr and the remaining character budget; undefined when the budget is gone. */
  private text(value: string): {v: string; cut?: number} | undefined {
    const room = Math.min(this.limits.maxStr, this.limits.maxChars - this.chars)
    if (room <= 0 && value.length > 0) return undefined
    if (value.length <= room) {
      this.chars += value.length
      return {v: value}
    }
    this.chars += room
    return {v: value.slice(0, room), cut: value.length}
  }

  private textValue(
    t: 'repr' | 'datetime' | 'date' | 'time' | 'decimal' | 'unserializable',
    value: string,
  ): PyValue {
    const text = this.text(value)
    if (!text) return {t: 'elided', reason: 'too large'}
    return {t, v: text.cut === undefined ? text.v : text.v + ELLIPSIS}
  }

  convert(value: unknown, depth: number): PyValue {
    if (++this.nodes > this.limits.maxNodes) return {t: 'elided', reason: 'too large'}
    switch (typeof value) {
      case 'undefined':
        return {t: 'none'}
      case 'boolean':
        return {t: 'bool', v: value}
      case 'bigint':
        return {t: 'int', v: value.toString()}
      case 'number':
        return Number.isSafeInteger(value)
          ? {t: 'int', v: String(value)}
          : {t: 'float', v: floatWire(value)}
      case 'string': {
        const text = this.text(value)
        if (!text) return {t: 'elided', reason: 'too large'}
        return text.cut === undefined ? {t: 'str', v: text.v} : {t: 'str', v: text.v, cut: text.cut}
      }
      default:
        break
    }
    if (value === null) return {t: 'none'}
    if (value instanceof PyRepr) return this.textValue('repr', value.text)
    if (value instanceof PyTemporal) return this.textValue(value.type, value.iso)
    if (value instanceof PyDecimal) return this.textValue('decimal', value.text)
    if (value instanceof PyFloat) return {t: 'float', v: floatWire(value.value)}
    if (value instanceof PyUnserializable) return this.textValue('unserializable', value.text)
    if (value instanceof PyMissingRef) return {t: 'missing-ref', id: value.id}
    if (value instanceof PyTooDeep) return {t: 'elided', reason: 'nested too deep to decode'}
    if (value instanceof PyUnknownExt) {
      const maxBytes = Math.floor(this.limits.maxStr / 2)
      this.chars += Math.min(value.bytes.length, maxBytes) * 2
      return {t: 'ext', code: value.code, hex: hex(value.bytes, maxBytes)}
    }
    if (value instanceof Uint8Array) {
      const maxBytes = Math.max(
        0,
        Math.floor(Math.min(this.limits.maxStr, this.limits.maxChars - this.chars) / 2),
      )
      this.chars += Math.min(value.length, maxBytes) * 2
      return {t: 'bytes', hex: hex(value, maxBytes), length: value.length}
    }
    if (depth >= this.limits.maxDepth) {
      return {t: 'elided', reason: `deeper than ${this.limits.maxDepth} levels`}
    }
    if (value instanceof PyCollection) return this.sequence(value.type, value.items, depth)
    if (Array.isArray(value)) return this.sequence('list', value, depth)
    if (value instanceof Set) return this.sequence('set', [...value], depth)
    if (value instanceof Map) return this.dict(value.entries(), value.size, depth)
    if (typeof value === 'object') {
      const entries = Object.entries(value)
      return this.dict(entries.values(), entries.length, depth)
    }
    return {t: 'repr', v: typeof value === 'symbol' ? value.toString() : typeof value}
  }

  private sequence(
    t: 'list' | 'tuple' | 'set' | 'frozenset',
    items: readonly unknown[],
    depth: number,
  ): PyValue {
    const kept = items.length > this.limits.maxItems ? items.slice(0, this.limits.maxItems) : items
    const out: PyValue = {t, items: kept.map(item => this.convert(item, depth + 1))}
    if (kept.length < items.length) out.cut = items.length
    return out
  }

  private dict(entries: Iterator<[unknown, unknown]>, size: number, depth: number): PyValue {
    const out: [PyValue, PyValue][] = []
    for (let e = entries.next(); !e.done && out.length < this.limits.maxItems; e = entries.next()) {
      out.push([this.convert(e.value[0], depth + 1), this.convert(e.value[1], depth + 1)])
    }
    const result: PyValue = {t: 'dict', entries: out}
    if (out.length < size) result.cut = size
    return result
  }
}

/**
 * A decoded value (Map, Array, py-objects, bigint, Uint8Array, …) as the tagged wire type.
 *
 * Bounded: long strings are cut, long containers keep their first items, deep ones are elided,
 * and a whole value stays within a node and character budget, so no huge value crosses the wire.
 */
export function toPyValue(value: unknown, limits?: PyValueLimits): PyValue {
  return new Converter({...defaults, ...limits}).convert(value, 0)
}
