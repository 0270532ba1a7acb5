import {sqlFingerprint} from '../insights/sql-fingerprint'
import {NodeKind} from '../model/node-kind'
import type {TraceModel} from '../model/trace-model'

/** The columns of a trace model the alignment reads. */
export type AlignModel = Pick<
  TraceModel,
  | 'nodeCount'
  | 'kind'
  | 'flags'
  | 'parent'
  | 'size'
  | 'startNs'
  | 'endNs'
  | 'nameId'
  | 'callLine'
  | 'strings'
>

/**
 * Per row of each trace, the keys the alignment compares, in one key space for both traces.
 *
 * `coarse` decides whether two calls can be the same call: kind and qualname for a frame, the
 * SQL fingerprint for a query, the method for an inbound request, the URL without its digits and
 * query string for an outbound call, the name otherwise. `name` is the kind and the full name
 * (a query with its parameters): matched rows whose `name` differs are changed. `exact` adds the
 * line of the caller that made the call, to choose among repeated calls of one function.
 */
export interface AlignKeys {
  coarseA: Int32Array
  nameA: Int32Array
  exactA: Int32Array
  coarseB: Int32Array
  nameB: Int32Array
  exactB: Int32Array
}

/** The keys of both traces. Cost: one map lookup per row, one string per distinct name. */
export function buildAlignKeys(a: AlignModel, b: AlignModel): AlignKeys {
  const space = new KeySpace()
  const [coarseA, nameA, exactA] = space.keysOf(a)
  const [coarseB, nameB, exactB] = space.keysOf(b)
  return {coarseA, nameA, exactA, coarseB, nameB, exactB}
}

/** The coarse text of a node's name: what stays the same across runs of the same call. */
export function coarseName(kind: number, name: string): string {
  switch (kind) {
    case NodeKind.sql:
      return sqlFingerprint(name)
    case NodeKind.request:
      // "GET /books/1/": the method; the path may differ and still be the same request.
      return name.split(' ', 1)[0] ?? ''
    case NodeKind.outbound: {
      const [method = '', url = ''] = name.split(' ', 2)
      return `${method} ${url.replace(/[?#].*$/, '').replace(/\d+/g, '?')}`
    }
    default:
      return name
  }
}

class KeySpace {
  private readonly ids = new Map<string, number>()

  private id(text: string): number {
    let id = this.ids.get(text)
    if (id === undefined) {
      id = this.ids.size
      this.ids.set(text, id)
    }
    return id
  }

  keysOf(model: AlignModel): [Int32Array, Int32Array, Int32Array] {
    const n = model.nodeCount
    const coarse = new Int32Array(n)
    const name = new Int32Array(n)
    const exact = new Int32Array(n)
    // One entry per distinct (name, kind): two ids packed as coarse * 2^26 + name would overflow.
    const byName = new Map<number, number>()
    const coarseOf: number[] = []
    const nameOf: number[] = []
    for (let i = 0; i < n; i++) {
      const kind = model.kind[i]!
      const memo = model.nameId[i]! * 16 + kind
      let slot = byName.get(memo)
      if (slot === undefined) {
        const text = model.strings[model.nameId[i]!] ?? ''
        slot = coarseOf.length
        coarseOf.push(this.id(`${kind}\u0000${coarseName(kind, text)}`))
        nameOf.push(this.id(`${kind}\u0001${text}`))
        byName.set(memo, slot)
      }
      coarse[i] = coarseOf[slot]!
      name[i] = nameOf[slot]!
      exact[i] = mix(nameOf[slot]!, model.callLine[i]!)
    }
    return [coarse, name, exact]
  }
}

/** A 32-bit mix of two ints; collisions only cost a tie-break, never a wrong match. */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35)
  return h ^ (h >>> 16)
}
