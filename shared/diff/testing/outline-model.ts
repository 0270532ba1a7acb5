import {NodeFlag, NodeKind} from '../../model/node-kind'
import type {NodeKindName} from '../../model/node-kind'
import type {TraceModel} from '../../model/trace-model'

/**
 * A trace model from an indented outline, for tests of the pure diff algorithms.
 *
 * One node per line, two spaces per level: `kind name`, then optional `@LINE` (the caller's line,
 * callLine), `+MS` (its own time in ms, default 1) and `!error`. Times are laid out in order:
 * a node starts when its previous sibling ended and lasts its own time plus its children's.
 *
 *     request GET /
 *       frame shop.views.index +3
 *         sql SELECT * FROM "t" WHERE "id" = 1
 */
export function outlineModel(outline: string, traceId = 'trc_TEST'): TraceModel {
  const lines = outline.split('\n').filter(line => line.trim() !== '')
  const indent = Math.min(...lines.map(line => line.length - line.trimStart().length))
  const rows = lines.map(line => parseLine(line.slice(indent)))
  const n = rows.length
  const strings = ['']
  const ids = new Map<string, number>([['', 0]])
  const intern = (s: string): number => {
    let id = ids.get(s)
    if (id === undefined) ids.set(s, (id = strings.push(s) - 1))
    return id
  }
  const model: TraceModel = {
    traceId,
    nodeCount: n,
    kind: new Uint8Array(n),
    flags: new Uint8Array(n),
    depth: new Uint16Array(n),
    parent: new Int32Array(n),
    size: new Uint32Array(n),
    startNs: new Float64Array(n),
    endNs: new Float64Array(n),
    nameId: new Uint32Array(n),
    fileId: new Int32Array(n).fill(-1),
    line: new Uint32Array(n),
    callLine: new Uint32Array(n),
    strings,
    meta: {
      traceId,
      name: rows[0]?.name ?? '',
      startedAtMs: 0,
      durationNs: 0,
      recordCount: n * 2,
      format: 'msgpack-c2',
      threads: [],
      threadKey: 'main',
      recovered: false,
      warnings: [],
    },
  }
  const stack: number[] = []
  rows.forEach((row, i) => {
    while (stack.length > row.depth) stack.pop()
    if (stack.length !== row.depth) throw new Error(`outline line ${i + 1}: bad indentation`)
    model.parent[i] = stack.at(-1) ?? -1
    model.depth[i] = row.depth
    model.kind[i] = NodeKind[row.kind]
    model.flags[i] = row.error ? NodeFlag.error : 0
    model.nameId[i] = intern(row.name)
    model.callLine[i] = row.callLine
    stack.push(i)
  })
  for (let i = n - 1; i >= 0; i--) {
    model.size[i]! += 1
    const p = model.parent[i]!
    if (p >= 0) model.size[p]! += model.size[i]!
  }
  // Own time first, then the children one after another; a node ends when its last child does.
  let clock = 0
  const open: number[] = []
  for (let i = 0; i <= n; i++) {
    while (open.length > 0 && (i === n || i >= open.at(-1)! + model.size[open.at(-1)!]!)) {
      model.endNs[open.pop()!] = clock
    }
    if (i === n) break
    model.startNs[i] = clock
    clock += rows[i]!.selfMs * 1e6
    open.push(i)
  }
  model.meta.durationNs = clock
  return model
}

interface OutlineRow {
  depth: number
  kind: NodeKindName
  name: string
  callLine: number
  selfMs: number
  error: boolean
}

function parseLine(line: string): OutlineRow {
  const spaces = line.length - line.trimStart().length
  if (spaces % 2) throw new Error(`outline: odd indentation in "${line}"`)
  const words = line.trim().split(/\s+/)
  const kind = words.shift() as NodeKindName
  if (!(kind in NodeKind)) throw new Error(`outline: unknown kind "${kind}"`)
  let callLine = 0
  let selfMs = 1
  let error = false
  while (words.length > 1) {
    const last = words.at(-1)!
    if (/^@\d+$/.test(last)) callLine = Number(last.slice(1))
    else if (/^\+[\d.]+$/.test(last)) selfMs = Number(last.slice(1))
    else if (last === '!error') error = true
    else break
    words.pop()
  }
  return {depth: spaces / 2, kind, name: words.join(' '), callLine, selfMs, error}
}
