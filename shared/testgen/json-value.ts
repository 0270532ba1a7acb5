import type {PyValue} from '../values/py-value'
import {floatWire} from '../values/py-value'

/**
 * JSON text as the Python value `json.loads` would give, or undefined when it is not JSON.
 *
 * Unlike JSON.parse it keeps what Python keeps: `1` is an int and `1.0` a float, big integers
 * stay exact, object key order is kept.
 */
export function parseJsonValue(text: string): PyValue | undefined {
  const p = new JsonParser(text)
  try {
    p.space()
    const v = p.value()
    p.space()
    return p.done() ? v : undefined
  } catch {
    return undefined
  }
}

class JsonParser {
  private i = 0
  constructor(private readonly s: string) {}

  done(): boolean {
    return this.i === this.s.length
  }

  space(): void {
    while (this.i < this.s.length && ' \t\n\r'.includes(this.s[this.i]!)) this.i++
  }

  value(): PyValue {
    const c = this.s[this.i]
    if (c === '{') return this.object()
    if (c === '[') return this.array()
    if (c === '"') return {t: 'str', v: this.string()}
    if (this.s.startsWith('true', this.i)) return this.word(4, {t: 'bool', v: true})
    if (this.s.startsWith('false', this.i)) return this.word(5, {t: 'bool', v: false})
    if (this.s.startsWith('null', this.i)) return this.word(4, {t: 'none'})
    if (this.s.startsWith('NaN', this.i)) return this.word(3, {t: 'float', v: 'nan'})
    if (this.s.startsWith('Infinity', this.i)) return this.word(8, {t: 'float', v: 'inf'})
    if (this.s.startsWith('-Infinity', this.i)) return this.word(9, {t: 'float', v: '-inf'})
    return this.number()
  }

  private word(length: number, v: PyValue): PyValue {
    this.i += length
    return v
  }

  private number(): PyValue {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 400))
    if (!m) throw new Error('bad JSON')
    this.i += m[0].length
    if (m[2] === undefined && m[3] === undefined) return {t: 'int', v: BigInt(m[0]).toString()}
    return {t: 'float', v: floatWire(Number(m[0]))}
  }

  private string(): string {
    let out = ''
    this.i++
    for (;;) {
      const c = this.s[this.i++]
      if (c === undefined) throw new Error('bad JSON')
      if (c === '"') return out
      if (c !== '\\') {
        out += c
        continue
      }
      const e = this.s[this.i++]
      if (e === 'u') {
        out += String.fromCharCode(parseInt(this.s.slice(this.i, this.i + 4), 16))
        this.i += 4
      } else {
        const map: Record<string, string> = {n: '\n', t: '\t', r: '\r', b: '\b', f: '\f'}
        out += map[e ?? ''] ?? e ?? ''
      }
    }
  }

  private array(): PyValue {
    const items: PyValue[] = []
    this.i++
    this.space()
    if (this.s[this.i] === ']') {
      this.i++
      return {t: 'list', items}
    }
    for (;;) {
      this.space()
      items.push(this.value())
      this.space()
      const c = this.s[this.i++]
      if (c === ']') return {t: 'list', items}
      if (c !== ',') throw new Error('bad JSON')
    }
  }

  private object(): PyValue {
    const entries: [PyValue, PyValue][] = []
    this.i++
    this.space()
    if (this.s[this.i] === '}') {
      this.i++
      return {t: 'dict', entries}
    }
    for (;;) {
      this.space()
      if (this.s[this.i] !== '"') throw new Error('bad JSON')
      const key = this.string()
      this.space()
      if (this.s[this.i++] !== ':') throw new Error('bad JSON')
      this.space()
      const value = this.value()
      // json.loads keeps the last of duplicate keys, at the first one's place.
      const at = entries.findIndex(([k]) => k.t === 'str' && k.v === key)
      if (at >= 0) entries[at] = [{t: 'str', v: key}, value]
      else entries.push([{t: 'str', v: key}, value])
      this.space()
      const c = this.s[this.i++]
      if (c === '}') return {t: 'dict', entries}
      if (c !== ',') throw new Error('bad JSON')
    }
  }
}
