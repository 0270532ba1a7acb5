import {NodeFlag} from '../model/node-kind'
import type {AlignKeys, AlignModel} from './align-keys'
import {DiffFlag, EditKind, durationChange} from './alignment'
import type {AlignStats, NoiseThreshold, RowRange, TraceAlignment} from './alignment'
import type {Moves} from './moves'

/** What classifyRows reads: the matched rows, their keys, and the counters of the aligners. */
export interface ClassifyInput {
  a: AlignModel
  b: AlignModel
  keys: AlignKeys
  aToB: Int32Array
  bToA: Int32Array
  scopeA: RowRange
  scopeB: RowRange
  noise: NoiseThreshold
  moved: Moves | undefined
  counters: Pick<
    AlignStats,
    'tables' | 'tableCells' | 'anchorRounds' | 'rankFallbacks' | 'identicalSubtrees'
  >
}

// Flags whose difference makes a matched row "changed": it failed in one trace, not the other.
const changeFlags =
  NodeFlag.error | NodeFlag.exceptionPath | NodeFlag.exceptionOrigin | NodeFlag.unfinished

/**
 * Each row's edit kind and flags from the matches: removed, inserted, moved, changed (name or
 * error state differs), same; slower or faster past the noise threshold; changes below.
 */
export function classifyRows(input: ClassifyInput): TraceAlignment {
  const {a, b, aToB, bToA, scopeA, scopeB, keys, noise, moved} = input
  const editA = new Uint8Array(a.nodeCount).fill(EditKind.outside)
  const editB = new Uint8Array(b.nodeCount).fill(EditKind.outside)
  const flagsA = new Uint8Array(a.nodeCount)
  const flagsB = new Uint8Array(b.nodeCount)
  const stats: AlignStats = {
    rowsA: scopeA.end - scopeA.start,
    rowsB: scopeB.end - scopeB.start,
    matched: 0,
    changed: 0,
    removedRows: 0,
    removedSubtrees: 0,
    insertedRows: 0,
    insertedSubtrees: 0,
    moved: moved?.count ?? 0,
    slower: 0,
    faster: 0,
    ...input.counters,
  }
  for (let x = scopeA.start; x < scopeA.end; x++) {
    const y = aToB[x]!
    if (y < 0) {
      editA[x] = EditKind.removed
      stats.removedRows++
      const p = a.parent[x]!
      if (p < scopeA.start || aToB[p]! >= 0) stats.removedSubtrees++
      continue
    }
    stats.matched++
    const differs =
      keys.nameA[x] !== keys.nameB[y] || ((a.flags[x]! ^ b.flags[y]!) & changeFlags) !== 0
    const kind = differs ? EditKind.changed : EditKind.same
    editA[x] = kind
    editB[y] = kind
    if (differs) stats.changed++
    const sign = durationChange(a.endNs[x]! - a.startNs[x]!, b.endNs[y]! - b.startNs[y]!, noise)
    if (sign !== 0) {
      const bit = sign > 0 ? DiffFlag.slower : DiffFlag.faster
      flagsA[x]! |= bit
      flagsB[y]! |= bit
      if (sign > 0) stats.slower++
      else stats.faster++
    }
  }
  for (let y = scopeB.start; y < scopeB.end; y++) {
    if (bToA[y]! >= 0) continue
    editB[y] = EditKind.inserted
    stats.insertedRows++
    const p = b.parent[y]!
    if (p < scopeB.start || bToA[p]! >= 0) stats.insertedSubtrees++
  }
  if (moved) {
    for (const x of moved.a) editA[x] = EditKind.moved
    for (const y of moved.b) editB[y] = EditKind.moved
  }
  markChangeBelow(a.parent, editA, flagsA, scopeA)
  markChangeBelow(b.parent, editB, flagsB, scopeB)
  return {aToB, bToA, editA, editB, flagsA, flagsB, scopeA, scopeB, noise, stats}
}

/** Set `changeBelow` on every ancestor (within scope) of a row that is not the same. */
function markChangeBelow(
  parent: Int32Array,
  edit: Uint8Array,
  flags: Uint8Array,
  scope: RowRange,
): void {
  // Children come after their parent in pre-order: one backward pass carries the bit up.
  for (let i = scope.end - 1; i > scope.start; i--) {
    if (edit[i] === EditKind.same && !(flags[i]! & DiffFlag.changeBelow)) continue
    const p = parent[i]!
    if (p >= scope.start) flags[p]! |= DiffFlag.changeBelow
  }
}

/**
 * Mark rows whose values differ (found by a details pass) and carry `changeBelow` up to the root.
 *
 * Matched rows of `same` kind become `changed` on both sides.
 */
export function markValuesChanged(
  alignment: TraceAlignment,
  a: Pick<AlignModel, 'parent'>,
  b: Pick<AlignModel, 'parent'>,
  rowA: number,
): void {
  const rowB = alignment.aToB[rowA]!
  if (rowB < 0) return
  alignment.flagsA[rowA]! |= DiffFlag.valuesChanged
  alignment.flagsB[rowB]! |= DiffFlag.valuesChanged
  if (alignment.editA[rowA] === EditKind.same) {
    alignment.editA[rowA] = EditKind.changed
    alignment.editB[rowB] = EditKind.changed
    alignment.stats.changed++
  }
  carryUp(a.parent, alignment.flagsA, alignment.scopeA, rowA)
  carryUp(b.parent, alignment.flagsB, alignment.scopeB, rowB)
}

function carryUp(parent: Int32Array, flags: Uint8Array, scope: RowRange, row: number): void {
  // An ancestor that has the bit already has all its ancestors set too: stop there.
  for (
    let p = parent[row]!;
    p >= scope.start && !(flags[p]! & DiffFlag.changeBelow);
    p = parent[p]!
  ) {
    flags[p]! |= DiffFlag.changeBelow
  }
}
