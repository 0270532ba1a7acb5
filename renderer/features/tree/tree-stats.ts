import {NodeKind} from '../../../shared/model/node-kind'
import type {TraceModel} from '../../../shared/model/trace-model'

/** Per-node figures derived once per model: self time and SQL queries in the subtree. */
export interface TreeStats {
  /** Duration minus the children's durations, in ns (never below 0). */
  selfNs: Float64Array
  /** SQL nodes in the subtree, this node included. */
  sqlCount: Uint32Array
}

const cache = new WeakMap<TraceModel, TreeStats>()

/** The stats of a model, computed in two linear passes on first use. */
export function treeStats(model: TraceModel): TreeStats {
  let stats = cache.get(model)
  if (stats) return stats
  const n = model.nodeCount
  const selfNs = new Float64Array(n)
  const sqlCount = new Uint32Array(n)
  for (let i = 0; i < n; i++) {
    selfNs[i] = model.endNs[i]! - model.startNs[i]!
    if (model.kind[i] === NodeKind.sql) sqlCount[i] = 1
  }
  // Children come after their parent in pre-order, so a backward pass sees every child first.
  for (let i = n - 1; i >= 0; i--) {
    const p = model.parent[i]!
    if (p < 0) continue
    selfNs[p] = selfNs[p]! - (model.endNs[i]! - model.startNs[i]!)
    sqlCount[p] = sqlCount[p]! + sqlCount[i]!
  }
  for (let i = 0; i < n; i++) if (selfNs[i]! < 0) selfNs[i] = 0
  stats = {selfNs, sqlCount}
  cache.set(model, stats)
  return stats
}
