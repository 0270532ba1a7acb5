import {formatPy, pyTypeName} from '../values/py-format'
import type {PyValue} from '../values/py-value'
import {SequenceAligner} from './sequence-align'

/** One difference inside a value, at a Python-style path (`['items'][2]['price']`). */
export interface ValueChange {
  /** '' for the value itself. */
  path: string
  /** `type`: the Python type changed (a list became a tuple, an int became None…). */
  kind: 'changed' | 'added' | 'removed' | 'type'
  /** The values as one line of Python-ish text, cut to `maxChars`. */
  before?: string
  after?: string
}

/** The differences of two values, at most `maxChanges` of them. */
export interface ValueDiff {
  changes: ValueChange[]
  /** More changes were found than listed. */
  truncated: boolean
}

/** Options of diffValues. */
export interface ValueDiffOptions {
  /** Most changes listed (default 50). */
  maxChanges?: number
  /** Deepest path compared item by item; deeper values are compared whole (default 16). */
  maxDepth?: number
  /** Characters of each value shown (default 120). */
  maxChars?: number
  /**
   * Compare repr strings with their memory addresses masked (`<object at 0x7f…>`), which differ
   * from run to run (default true).
   */
  maskAddresses?: boolean
  /**
   * Dict keys (str) left out: values that differ on every run, such as Django's CSRF token
   * (default `volatileKeys`).
   */
  ignoreKeys?: readonly string[]
}

/** Dict keys whose values change on every request: Django's CSRF token in contexts and forms. */
export const volatileKeys: readonly string[] = ['csrf_token', 'csrfmiddlewaretoken']

const address = /\b0x[0-9a-f]{4,}\b/gi

/** Whether two values are equal, as diffValues compares them. */
export function sameValue(
  a: PyValue | undefined,
  b: PyValue | undefined,
  options: ValueDiffOptions = {},
): boolean {
  if (a === undefined || b === undefined) return a === b
  const mask = options.maskAddresses ?? true
  return canonical(a, mask) === canonical(b, mask)
}

/**
 * The changed paths between two values: added and removed dict keys, list items and set members,
 * changed scalars, type changes. Lists of different lengths are aligned item by item (an item
 * inserted in the middle shows as one added item); `undefined` is "not recorded".
 */
export function diffValues(
  a: PyValue | undefined,
  b: PyValue | undefined,
  options: ValueDiffOptions = {},
): ValueDiff {
  const walk = new ValueWalk({
    maxChanges: options.maxChanges ?? 50,
    maxDepth: options.maxDepth ?? 16,
    maxChars: options.maxChars ?? 120,
    maskAddresses: options.maskAddresses ?? true,
    ignoreKeys: options.ignoreKeys ?? volatileKeys,
  })
  if (a === undefined && b === undefined) return {changes: [], truncated: false}
  if (a === undefined) walk.add('added', '', undefined, b)
  else if (b === undefined) walk.add('removed', '', a, undefined)
  else walk.compare(a, b, '', 0)
  return {changes: walk.changes, truncated: walk.truncated}
}

/** One path step into a dict, by key. */
export function keyStep(key: PyValue): string {
  if (key.t === 'int') return `[${key.v}]`
  return `[${formatPy(key, {maxChars: 60})}]`
}

class ValueWalk {
  readonly changes: ValueChange[] = []
  truncated = false

  private readonly ignored: ReadonlySet<string>

  constructor(private readonly options: Required<ValueDiffOptions>) {
    this.ignored = new Set(options.ignoreKeys)
  }

  get full(): boolean {
    return this.changes.length >= this.options.maxChanges
  }

  add(kind: ValueChange['kind'], path: string, before?: PyValue, after?: PyValue): void {
    if (this.full) {
      this.truncated = true
      return
    }
    const text = (v: PyValue) => formatPy(v, {maxChars: this.options.maxChars})
    const change: ValueChange = {path, kind}
    if (before) change.before = text(before)
    if (after) change.after = text(after)
    this.changes.push(change)
  }

  compare(a: PyValue, b: PyValue, path: string, depth: number): void {
    if (this.full) {
      if (!this.same(a, b)) this.truncated = true
      return
    }
    if (a.t !== b.t) {
      if (!this.same(a, b)) this.add('type', path, a, b)
      return
    }
    if (depth >= this.options.maxDepth) {
      if (!this.same(a, b)) this.add('changed', path, a, b)
      return
    }
    switch (a.t) {
      case 'dict':
        return this.dict(a, b as typeof a, path, depth)
      case 'list':
      case 'tuple':
        return this.sequence(a.items, (b as typeof a).items, path, depth)
      case 'set':
      case 'frozenset':
        return this.members(a.items, (b as typeof a).items, path)
      default:
        if (!this.same(a, b)) this.add('changed', path, a, b)
    }
  }

  private same(a: PyValue, b: PyValue): boolean {
    return canonical(a, this.options.maskAddresses) === canonical(b, this.options.maskAddresses)
  }

  private key(v: PyValue): string {
    return canonical(v, this.options.maskAddresses)
  }

  private dict(a: DictValue, b: DictValue, path: string, depth: number): void {
    const before = new Map<string, [PyValue, PyValue]>()
    const kept = (k: PyValue) => k.t !== 'str' || !this.ignored.has(k.v)
    for (const [k, v] of a.entries) if (kept(k)) before.set(this.key(k), [k, v])
    const seen = new Set<string>()
    for (const [k, v] of b.entries) {
      if (!kept(k)) continue
      const key = this.key(k)
      seen.add(key)
      const old = before.get(key)
      if (old) this.compare(old[1], v, path + keyStep(k), depth + 1)
      else this.add('added', path + keyStep(k), undefined, v)
    }
    for (const [key, [k, v]] of before) {
      if (!seen.has(key)) this.add('removed', path + keyStep(k), v)
    }
  }

  /**
   * Lists and tuples, item by item through an alignment: items are matched by identity (a dict's
   * first value, a tuple's first item, e.g. a row's id; else the whole item), equal items
   * preferred; matched items are compared, unmatched ones between two matches pair up by
   * position (changed items), and the rest are added or removed.
   */
  private sequence(a: PyValue[], b: PyValue[], path: string, depth: number): void {
    const ids = new Map<string, number>()
    const idOf = (key: string): number => {
      let id = ids.get(key)
      if (id === undefined) ids.set(key, (id = ids.size))
      return id
    }
    const exactA = Int32Array.from(a, v => idOf(this.key(v)))
    const exactB = Int32Array.from(b, v => idOf(this.key(v)))
    const coarseA = Int32Array.from(a, v => idOf(this.identity(v)))
    const coarseB = Int32Array.from(b, v => idOf(this.identity(v)))
    const match = new Int32Array(a.length)
    new SequenceAligner().align(coarseA, exactA, a.length, coarseB, exactB, b.length, match)
    let i = 0
    let j = 0
    while (i < a.length || j < b.length) {
      let nextI = i
      while (nextI < a.length && match[nextI]! < 0) nextI++
      const nextJ = nextI < a.length ? match[nextI]! : b.length
      // a[i, nextI) against b[j, nextJ): the unmatched runs before the next match.
      const paired = Math.min(nextI - i, nextJ - j)
      for (let k = 0; k < paired; k++) {
        this.compare(a[i + k]!, b[j + k]!, `${path}[${j + k}]`, depth + 1)
      }
      for (let k = i + paired; k < nextI; k++) this.add('removed', `${path}[${k}]`, a[k])
      for (let k = j + paired; k < nextJ; k++) this.add('added', `${path}[${k}]`, undefined, b[k])
      if (nextI < a.length && exactA[nextI] !== exactB[nextJ]) {
        this.compare(a[nextI]!, b[nextJ]!, `${path}[${nextJ}]`, depth + 1)
      }
      i = nextI + 1
      j = nextJ + 1
    }
  }

  /** What makes two items of a list the same item, changed or not. */
  private identity(v: PyValue): string {
    if (v.t === 'dict' && v.entries[0]) return `d:${this.key(v.entries[0][1])}`
    if ((v.t === 'tuple' || v.t === 'list') && v.items[0]) return `${v.t}:${this.key(v.items[0])}`
    return this.key(v)
  }

  private members(a: PyValue[], b: PyValue[], path: string): void {
    const count = new Map<string, number>()
    for (const v of a) count.set(this.key(v), (count.get(this.key(v)) ?? 0) + 1)
    const added: PyValue[] = []
    for (const v of b) {
      const key = this.key(v)
      const left = count.get(key) ?? 0
      if (left > 0) count.set(key, left - 1)
      else added.push(v)
    }
    for (const v of a) {
      const key = this.key(v)
      const left = count.get(key) ?? 0
      if (left > 0) {
        count.set(key, left - 1)
        this.add('removed', `${path}{${formatPy(v, {maxChars: 60})}}`, v)
      }
    }
    for (const v of added) {
      this.add('added', `${path}{${formatPy(v, {maxChars: 60})}}`, undefined, v)
    }
  }
}

type DictValue = Extract<PyValue, {t: 'dict'}>

/** A string that is equal for equal values: tags kept, addresses optionally masked. */
function canonical(value: PyValue, mask: boolean): string {
  switch (value.t) {
    case 'none':
      return 'N'
    case 'bool':
      return value.v ? 'T' : 'F'
    case 'int':
    case 'decimal':
    case 'datetime':
    case 'date':
    case 'time':
    case 'unserializable':
      return `${value.t}:${value.v}`
    case 'float':
      return `f:${String(value.v)}`
    case 'str':
      return `s${value.cut ?? ''}:${JSON.stringify(value.v)}`
    case 'repr':
      return `r:${JSON.stringify(mask ? value.v.replace(address, '0x…') : value.v)}`
    case 'bytes':
      return `b${value.length}:${value.hex}`
    case 'list':
    case 'tuple':
    case 'set':
    case 'frozenset': {
      const items = value.items.map(v => canonical(v, mask))
      if (value.t === 'set' || value.t === 'frozenset') items.sort()
      return `${value.t}${value.cut ?? ''}[${items.join(',')}]`
    }
    case 'dict':
      // Python compares dicts whatever their order.
      return `dict${value.cut ?? ''}{${value.entries
        .map(([k, v]) => `${canonical(k, mask)}=${canonical(v, mask)}`)
        .sort()
        .join(',')}}`
    case 'missing-ref':
      return `ref:${value.id}`
    case 'ext':
      return `ext${value.code}:${value.hex}`
    case 'elided':
      return 'elided'
  }
}

/** The Python type names of a type change, for a one-line summary: "list → tuple". */
export function typeChange(a: PyValue, b: PyValue): string {
  return `${pyTypeName(a)} → ${pyTypeName(b)}`
}
