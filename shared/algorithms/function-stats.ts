import type {TreeColumns} from './flame-columns'
import type {FunctionTable} from './function-table'
import {selfTimes} from './function-table'

/**
 * Per function: self time, total time and call count (the sandwich table).
 *
 * Total time counts only calls not inside another call of the same function, so recursion is not
 * counted twice; self time sums every call's own time. Times in ns.
 */
export interface FunctionStats {
  selfNs: Float64Array
  totalNs: Float64Array
  calls: Uint32Array
}

/** Compute the sandwich table's numbers in one pre-order pass. */
export function functionStats(model: TreeColumns, fns: FunctionTable): FunctionStats {
  const selfNs = new Float64Array(fns.count)
  const totalNs = new Float64Array(fns.count)
  const calls = new Uint32Array(fns.count)
  const active = new Uint32Array(fns.count)
  const self = selfTimes(model)
  // Open calls as (end row, function): a row closes every open call whose subtree it is past.
  const openEnd: number[] = []
  const openFn: number[] = []
  for (let i = 0; i < model.nodeCount; i++) {
    while (openEnd.length > 0 && openEnd[openEnd.length - 1]! <= i) {
      openEnd.pop()
      active[openFn.pop()!]!--
    }
    const fn = fns.fnOf[i]!
    calls[fn]!++
    selfNs[fn]! += self[i]!
    if (active[fn] === 0) totalNs[fn]! += model.endNs[i]! - model.startNs[i]!
    active[fn]!++
    openEnd.push(i + model.size[i]!)
    openFn.push(fn)
  }
  return {selfNs, totalNs, calls}
}

/** Functions ordered for the table: by `key` descending, ties by first call. */
export function sortFunctions(
  fns: FunctionTable,
  stats: FunctionStats,
  key: 'selfNs' | 'totalNs' | 'calls' | 'name',
): Uint32Array {
  const order = new Uint32Array(fns.count)
  for (let i = 0; i < order.length; i++) order[i] = i
  if (key === 'name') {
    return order.sort((a, b) => fns.name[a]!.localeCompare(fns.name[b]!) || a - b)
  }
  const values = stats[key]
  return order.sort((a, b) => values[b]! - values[a]! || fns.firstRow[a]! - fns.firstRow[b]!)
}
