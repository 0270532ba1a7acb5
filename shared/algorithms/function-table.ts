import {NodeKind} from '../model/node-kind'
import {NodeFlag} from '../model/node-kind'
import type {TreeColumns} from './flame-columns'

/**
 * The functions of a trace: what the sandwich table, left-heavy merging and the call graph group
 * calls by. `fnOf[row]` is a model row's function.
 *
 * A frame's function is its name (qualname) and file; an SQL query's is its text with literals
 * replaced by `?` (so an N+1 loop is one function); an outbound request's is its method and URL
 * without query string or numeric path segments; anything else is its kind and name.
 * `library` is 1 when the function's frames are library code; `firstRow` is its first call.
 */
export interface FunctionTable {
  count: number
  fnOf: Uint32Array
  name: string[]
  kind: Uint8Array
  library: Uint8Array
  fileId: Int32Array
  line: Uint32Array
  firstRow: Int32Array
}

/** SQL text with string and number literals as `?`, IN lists as `(…)` and whitespace collapsed. */
export function normalizeSql(sql: string): string {
  return sql
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/(?<![\w$."])-?\d+(?:\.\d+)?(?![\w"])/g, '?')
    .replace(/\(\s*(?:\?|%s)(?:\s*,\s*(?:\?|%s))*\s*\)/g, '(…)')
    .replace(/\s+/g, ' ')
    .trim()
}

/** An outbound request's name without query string and with numeric path segments as `{n}`. */
export function normalizeUrl(name: string): string {
  return name.replace(/[?#].*$/, '').replace(/\/\d+(?=\/|$)/g, '/{n}')
}

/**
 * The top-level package of a library function: the folder after site-packages/dist-packages, else
 * the first segment of a dotted qualname, else the file's first folder; `''` when none is known.
 */
export function packageOf(name: string, file: string | undefined): string {
  const path = file?.replace(/\\/g, '/')
  const site = path && /(?:site|dist)-packages\/([^/]+)/.exec(path)
  if (site) return site[1]!.replace(/\.py$/, '')
  if (/^[A-Za-z_][\w.]*$/.test(name) && name.includes('.')) return name.slice(0, name.indexOf('.'))
  const segments = (path ?? '').split('/').filter(s => s !== '' && s !== '..' && s !== '.')
  return (segments.length > 1 ? segments[0] : segments[0]?.replace(/\.py$/, '')) ?? ''
}

/** Group the rows of a trace into functions. */
export function buildFunctionTable(model: TreeColumns): FunctionTable {
  const n = model.nodeCount
  const stringCount = model.strings.length + 1
  const fnOf = new Uint32Array(n)
  const byNumber = new Map<number, number>()
  const byText = new Map<string, number>()
  const name: string[] = []
  const kind: number[] = []
  const library: number[] = []
  const fileId: number[] = []
  const line: number[] = []
  const firstRow: number[] = []
  const add = (row: number, label: string): number => {
    name.push(label)
    kind.push(model.kind[row]!)
    library.push(model.flags[row]! & NodeFlag.library ? 1 : 0)
    fileId.push(model.fileId[row]!)
    line.push(model.line[row]!)
    firstRow.push(row)
    return name.length - 1
  }
  for (let row = 0; row < n; row++) {
    const k = model.kind[row]!
    const nameId = model.nameId[row]!
    let fn: number | undefined
    if (k === NodeKind.sql || k === NodeKind.outbound) {
      // Names repeat (the N+1 query), so the number map caches the text lookup per name id.
      const numberKey = -(k * stringCount + nameId) - 1
      fn = byNumber.get(numberKey)
      if (fn === undefined) {
        const raw = model.strings[nameId] ?? ''
        const label = k === NodeKind.sql ? normalizeSql(raw) : normalizeUrl(raw)
        const textKey = `${k}\0${label}`
        fn = byText.get(textKey) ?? add(row, label)
        byText.set(textKey, fn)
        byNumber.set(numberKey, fn)
      }
    } else {
      const key = (k * stringCount + nameId) * stringCount + model.fileId[row]! + 1
      fn = byNumber.get(key)
      if (fn === undefined) {
        fn = add(row, model.strings[nameId] ?? '')
        byNumber.set(key, fn)
      }
    }
    fnOf[row] = fn
  }
  return {
    count: name.length,
    fnOf,
    name,
    kind: Uint8Array.from(kind),
    library: Uint8Array.from(library),
    fileId: Int32Array.from(fileId),
    line: Uint32Array.from(line),
    firstRow: Int32Array.from(firstRow),
  }
}

/** Self time of every row: its duration minus its children's, never below 0. */
export function selfTimes(model: TreeColumns): Float64Array {
  const n = model.nodeCount
  const self = new Float64Array(n)
  for (let i = 0; i < n; i++) self[i] = model.endNs[i]! - model.startNs[i]!
  for (let i = 0; i < n; i++) {
    const p = model.parent[i]!
    if (p >= 0) self[p]! -= model.endNs[i]! - model.startNs[i]!
  }
  for (let i = 0; i < n; i++) if (self[i]! < 0) self[i] = 0
  return self
}
