import {mkdirSync, readFileSync, rmSync} from 'node:fs'
import path from 'node:path'
import {writeKolo2Store} from '../../main/node/demo/kolo2-store'
import {koloCreatedAt} from '../../main/node/demo/trace-input'
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

/** The edits B makes to A: three probe calls, two subtrees left out (their calls spent later). */
export function pairVariant(calls: number): FibVariant {
  return {
    extraAt: [101, Math.floor(calls * 0.3) + 7, Math.floor(calls * 0.77) + 3],
    dropAt: [2003, Math.floor(calls * 0.55) + 11],
  }
}

/**
 * A Kolo 2.40 project with trace A (the plain recursion) and trace B (`pairVariant`, another
 * seed: other ids and timings). `topN` below 24 makes more, smaller rounds under main: wider
 * sibling lists for the LCS.
 */
export function generatePairStore(
  root: string,
  label: string,
  calls: number,
  topN = 24,
): PairStore {
  const project = path.join(root, label)
  mkdirSync(project, {recursive: true})
  const variant = pairVariant(calls)
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
