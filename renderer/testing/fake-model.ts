import {NodeKind} from '../../shared/model/node-kind'
import type {NodeKindName} from '../../shared/model/node-kind'
import type {TraceModel} from '../../shared/model/trace-model'

/** A node of a test tree: name, kind, duration in ns (default: the children's sum or 1000). */
export interface FakeNode {
  name: string
  kind?: NodeKindName
  flags?: number
  file?: string
  line?: number
  durationNs?: number
  children?: FakeNode[]
}

/** Build a columnar TraceModel from nested nodes, laid out in depth-first pre-order. */
export function buildFakeModel(traceId: string, roots: FakeNode[]): TraceModel {
  const rows: {node: FakeNode; depth: number; parent: number; start: number; end: number}[] = []
  const strings: string[] = []
  const stringIds = new Map<string, number>()
  const intern = (s: string): number => {
    let id = stringIds.get(s)
    if (id === undefined) {
      id = strings.length
      strings.push(s)
      stringIds.set(s, id)
    }
    return id
  }
  const sizes: number[] = []
  const visit = (node: FakeNode, depth: number, parent: number, start: number): number => {
    const index = rows.length
    rows.push({node, depth, parent, start, end: start})
    sizes.push(1)
    let t = start + 10
    for (const child of node.children ?? []) t = visit(child, depth + 1, index, t) + 10
    const end = Math.max(t, start + (node.durationNs ?? 1000))
    rows[index]!.end = end
    sizes[index] = rows.length - index
    return end
  }
  let t = 0
  for (const root of roots) t = visit(root, 0, -1, t)
  const n = rows.length
  const model: TraceModel = {
    traceId,
    nodeCount: n,
    kind: Uint8Array.from(rows, r => NodeKind[r.node.kind ?? 'frame']),
    flags: Uint8Array.from(rows, r => r.node.flags ?? 0),
    depth: Uint16Array.from(rows, r => r.depth),
    parent: Int32Array.from(rows, r => r.parent),
    size: Uint32Array.from(sizes),
    startNs: Float64Array.from(rows, r => r.start),
    endNs: Float64Array.from(rows, r => r.end),
    nameId: Uint32Array.from(rows, r => intern(r.node.name)),
    fileId: Int32Array.from(rows, r => (r.node.file === undefined ? -1 : intern(r.node.file))),
    line: Uint32Array.from(rows, r => r.node.line ?? 0),
    callLine: new Uint32Array(n),
    strings,
    meta: {
      traceId,
      name: roots[0]?.name ?? traceId,
      startedAtMs: Date.UTC(2024, 0, 1),
      durationNs: t,
      recordCount: n * 2,
      format: 'msgpack-c2',
      threads: [{key: 'main', name: 'MainThread', recordCount: n * 2, isMain: true}],
      threadKey: 'main',
      recovered: false,
      warnings: [],
    },
  }
  return model
}

/** A wide, deep model for performance tests: `fanout` children per node, `depth` levels. */
export function buildWideModel(traceId: string, fanout: number, depth: number): TraceModel {
  const make = (level: number, prefix: string): FakeNode => ({
    name: `${prefix}`,
    children:
      level >= depth
        ? []
        : Array.from({length: fanout}, (_, i) => make(level + 1, `${prefix}.${i}`)),
  })
  return buildFakeModel(traceId, [make(0, 'root')])
}

/**
 * The preview a backend sends of `model` while it reads the rest: its first `rows` rows, numbered
 * alike, subtrees cut at the last row, spans ending at the last row's start (`meta.partial`).
 */
export function fakePreview(model: TraceModel, rows: number): TraceModel {
  const n = Math.min(rows, model.nodeCount)
  const lastNs = model.startNs[n - 1] ?? 0
  const cut = <A extends {slice(a: number, b: number): A}>(a: A): A => a.slice(0, n)
  return {
    ...model,
    nodeCount: n,
    kind: cut(model.kind),
    flags: cut(model.flags),
    depth: cut(model.depth),
    parent: cut(model.parent),
    size: Uint32Array.from(cut(model.size), (size, i) => Math.min(size, n - i)),
    startNs: cut(model.startNs),
    endNs: Float64Array.from(cut(model.endNs), end => Math.min(end, lastNs)),
    nameId: cut(model.nameId),
    fileId: cut(model.fileId),
    line: cut(model.line),
    callLine: cut(model.callLine),
    meta: {
      ...model.meta,
      durationNs: lastNs,
      partial: {recordsRead: n * 2, recordsTotal: model.meta.recordCount},
    },
  }
}
