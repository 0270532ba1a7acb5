import {mkdirSync, readFileSync, rmSync} from 'node:fs'
import path from 'node:path'
import {writeKolo2Store} from '../../main/node/kolo-writer/kolo2-store'
import {koloCreatedAt} from '../../main/node/kolo-writer/trace-input'
import {writeFibTrace} from '../fib-trace'
import type {FibVariant} from '../fib-trace'

/** A generated project holding two fib traces that differ in a few known places. */
export interface PairStore {
  label: string
  project: string
  traceA: string
  traceB: string
  records: {a: number; b: number}
  /** What B does differently, for the printout. */
  variant: FibVariant
}

/**
 * The edits B makes to A. `few`: three probe calls, two subtrees left out (their calls spent
 * later). `many`: a probe call every 250 calls and a subtree left out every 2,500, spread over
 * the whole trace, so few subtrees stay identical.
 */
export function pairVariant(calls: number, edits: 'few' | 'many'): FibVariant {
  if (edits === 'few') {
    return {
      extraAt: [101, Math.floor(calls * 0.3) + 7, Math.floor(calls * 0.77) + 3],
      dropAt: [2003, Math.floor(calls * 0.55) + 11],
    }
  }
  const extraAt: number[] = []
  const dropAt: number[] = []
  for (let k = 101; k < calls * 0.8; k += 250) extraAt.push(k)
  for (let k = 1_002; k < calls * 0.8; k += 2_500) dropAt.push(k)
  return {extraAt, dropAt}
}

/**
 * A Kolo 2.40 project with trace A (the plain recursion) and trace B (`pairVariant`, another
 * seed: other ids and timings). `topN` below 24 makes more, smaller rounds under main: wider
 * sibling lists for the LCS (fib(3): 50,000 rounds of 5 calls for 250k calls).
 */
export function generatePairStore(
  root: string,
  label: string,
  calls: number,
  topN = 24,
  edits: 'few' | 'many' = 'few',
): PairStore {
  const project = path.join(root, label)
  mkdirSync(project, {recursive: true})
  const variant = pairVariant(calls, edits)
  const fileA = path.join(root, `${label}-a.msgpack`)
  const fileB = path.join(root, `${label}-b.msgpack`)
  const a = writeFibTrace(fileA, calls, 1, 1_767_225_600, {topN})
  const b = writeFibTrace(fileB, calls, 2, 1_767_225_900, {...variant, topN})
  writeKolo2Store(project, [
    {traceId: a.traceId, msgpack: readFileSync(fileA), createdAt: koloCreatedAt(a.endTime + 0.002)},
    {traceId: b.traceId, msgpack: readFileSync(fileB), createdAt: koloCreatedAt(b.endTime + 0.002)},
  ])
  rmSync(fileA)
  rmSync(fileB)
  return {
    label,
    project,
    traceA: a.traceId,
    traceB: b.traceId,
    records: {a: a.records, b: b.records},
    variant: {...variant, topN},
  }
}
