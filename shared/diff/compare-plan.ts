import {NodeFlag, NodeKind} from '../model/node-kind'
import type {AlignModel} from './align-keys'
import {EditKind} from './alignment'
import type {TraceAlignment} from './alignment'

/** Which matched pairs to compare value by value up front. */
export interface ComparePlan {
  /** A rows of inbound requests and outbound calls: always compared (they are few). */
  http: number[]
  /** A rows of the other pairs to compare, most telling first. */
  calls: number[]
  /** Matched pairs left for the view to compare on demand. */
  skipped: number
}

/**
 * The matched pairs whose details a diff compares before it answers, within `budget` pairs.
 *
 * Reading details costs a decode per row, so a 500k-row trace cannot compare every pair up
 * front. Requests and outbound calls come first, then queries, exceptions, logs, templates, tests
 * and jobs, then user-code frames, then library frames, each in tree order (B's pre-order).
 * The view compares any other pair when it is opened (diffCall on fetched details).
 */
export function comparePlan(
  alignment: TraceAlignment,
  b: Pick<AlignModel, 'kind' | 'flags'>,
  budget: number,
): ComparePlan {
  const http: number[] = []
  const tiers: number[][] = [[], [], []]
  let matched = 0
  for (let y = alignment.scopeB.start; y < alignment.scopeB.end; y++) {
    const x = alignment.bToA[y]!
    if (x < 0 || alignment.editB[y] === EditKind.outside) continue
    matched++
    const kind = b.kind[y]
    if (kind === NodeKind.request || kind === NodeKind.outbound) http.push(x)
    else if (kind !== NodeKind.frame && kind !== NodeKind.thread) tiers[0]!.push(x)
    else if (kind === NodeKind.frame) tiers[b.flags[y]! & NodeFlag.library ? 2 : 1]!.push(x)
  }
  const calls: number[] = []
  let room = Math.max(0, budget - http.length)
  for (const tier of tiers) {
    const take = tier.slice(0, room)
    calls.push(...take)
    room -= take.length
  }
  return {http, calls, skipped: matched - http.length - calls.length}
}
