import type {NodeDetails} from '../../model/node-details'
import {NodeKind} from '../../model/node-kind'
import type {TraceModel} from '../../model/trace-model'
import type {PyValue} from '../../values/py-value'

/** A node's details as a test writes them: no id, times or name (the builder fills those). */
type Details = NodeDetails extends infer D
  ? D extends NodeDetails
    ? Omit<D, 'nodeId' | 'startNs' | 'endNs' | 'name'> & {name?: string}
    : never
  : never

interface Row {
  parent: number
  depth: number
  details: Details
  children: number[]
}

/**
 * Hand-built traces for generator tests: nodes added in time order under a parent, each with
 * its details; `build()` gives the columnar model (depth-first pre-order) and the details map.
 */
export class TraceBuilder {
  private readonly rows: Row[] = []

  /** Adds a node under `parent` (-1: a root) and returns its handle. */
  add(parent: number, details: Details): number {
    const depth = parent < 0 ? 0 : this.rows[parent]!.depth + 1
    const id = this.rows.push({parent, depth, details, children: []}) - 1
    if (parent >= 0) this.rows[parent]!.children.push(id)
    return id
  }

  /** An SQL node: the template with `%s`, its params, what the driver returned. */
  sql(parent: number, template: string, params: PyValue[], data: PyValue | undefined): number {
    return this.add(parent, {
      kind: 'sql',
      query: template,
      template,
      database: 'sqlite',
      params: {t: 'tuple', items: params},
      data,
    })
  }

  /** The model (pre-order, 1 ms per node) and the details by final node id. */
  build(
    traceId = 'trc_TEST',
    startedAtMs = Date.UTC(2026, 0, 2, 3, 4, 5),
  ): {
    model: TraceModel
    details: Map<number, NodeDetails>
    idOf: (handle: number) => number
  } {
    const order: number[] = []
    const visit = (h: number): void => {
      order.push(h)
      for (const c of this.rows[h]!.children) visit(c)
    }
    this.rows.forEach((r, h) => r.parent < 0 && visit(h))
    const index = new Map(order.map((h, i) => [h, i]))
    const n = order.length
    const size = new Uint32Array(n)
    for (let i = n - 1; i >= 0; i--) {
      size[i] = 1
      for (const c of this.rows[order[i]!]!.children) size[i]! += size[index.get(c)!]!
    }
    const strings: string[] = []
    const details = new Map<number, NodeDetails>()
    const model: TraceModel = {
      traceId,
      nodeCount: n,
      kind: Uint8Array.from(order, h => NodeKind[this.rows[h]!.details.kind]),
      flags: new Uint8Array(n),
      depth: Uint16Array.from(order, h => this.rows[h]!.depth),
      parent: Int32Array.from(order, h =>
        this.rows[h]!.parent < 0 ? -1 : index.get(this.rows[h]!.parent)!,
      ),
      size,
      startNs: Float64Array.from(order, (_, i) => i * 1e6),
      endNs: Float64Array.from(order, (_, i) => (i + size[i]!) * 1e6),
      nameId: Uint32Array.from(order, h => strings.push(nameOf(this.rows[h]!.details)) - 1),
      fileId: new Int32Array(n).fill(-1),
      line: new Uint32Array(n),
      callLine: new Uint32Array(n),
      strings,
      meta: {
        traceId,
        name: 'test trace',
        startedAtMs,
        durationNs: n * 1e6,
        recordCount: n * 2,
        format: 'msgpack-c2',
        threads: [],
        threadKey: 'main',
        recovered: false,
        warnings: [],
      },
    }
    order.forEach((h, i) => {
      const d = this.rows[h]!.details
      details.set(i, {
        ...d,
        name: nameOf(d),
        nodeId: i,
        startNs: i * 1e6,
        endNs: (i + size[i]!) * 1e6,
      })
    })
    return {model, details, idOf: h => index.get(h)!}
  }
}

function nameOf(d: Details): string {
  if (d.name !== undefined) return d.name
  if (d.kind === 'sql') return d.query
  if (d.kind === 'request') return `${d.method} ${d.path}`
  return d.kind
}

/** Shorthands for PyValues in tests. */
export const v = {
  int: (n: number | string): PyValue => ({t: 'int', v: String(n)}),
  float: (n: number): PyValue => ({t: 'float', v: n}),
  str: (s: string): PyValue => ({t: 'str', v: s}),
  none: {t: 'none'} as PyValue,
  bool: (b: boolean): PyValue => ({t: 'bool', v: b}),
  repr: (s: string): PyValue => ({t: 'repr', v: s}),
  dt: (iso: string): PyValue => ({t: 'datetime', v: iso}),
  tuple: (...items: PyValue[]): PyValue => ({t: 'tuple', items}),
  list: (...items: PyValue[]): PyValue => ({t: 'list', items}),
  dict: (entries: Record<string, PyValue>): PyValue => ({
    t: 'dict',
    entries: Object.entries(entries).map(([k, val]) => [{t: 'str', v: k}, val]),
  }),
  /** SELECT query_data: one chunk of rows. */
  rows: (...rows: PyValue[][]): PyValue => ({
    t: 'list',
    items: [{t: 'list', items: rows.map(r => ({t: 'tuple', items: r}))}],
  }),
}
