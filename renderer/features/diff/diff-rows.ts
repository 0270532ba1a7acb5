import {DiffFlag, EditKind, durationChange} from '../../../shared/diff/alignment'
import type {EditKindId, NoiseThreshold, TraceAlignment} from '../../../shared/diff/alignment'
import type {UnifiedTree} from '../../../shared/diff/unified-tree'

/** Which entries of the unified tree the diff tree lists. */
export type RowFilter = 'changes' | 'timing' | 'all'

/** Per entry of the unified tree: its parent entry (-1 at the top) and where its subtree ends. */
export interface EntryShape {
  parent: Int32Array
  /** The first entry after the entry's subtree. */
  end: Int32Array
}

/** The start and end times of one trace's rows (ns). */
export interface TimeColumns {
  startNs: Float64Array
  endNs: Float64Array
}

/** Bits of `timingMarks`: the entry's own time changed past the noise; something below did. */
export const TimingMark = {own: 1, below: 2} as const

/** Parents and subtree ends of the unified tree's entries (one pass, an explicit stack). */
export function entryShape(tree: UnifiedTree): EntryShape {
  const n = tree.count
  const parent = new Int32Array(n)
  const end = new Int32Array(n)
  const stack = new Int32Array(Math.max(1, maxDepth(tree) + 2))
  let top = 0
  for (let k = 0; k < n; k++) {
    const d = tree.depth[k]!
    while (top > 0 && tree.depth[stack[top - 1]!]! >= d) end[stack[--top]!] = k
    parent[k] = top > 0 ? stack[top - 1]! : -1
    stack[top++] = k
  }
  while (top > 0) end[stack[--top]!] = n
  return {parent, end}
}

function maxDepth(tree: UnifiedTree): number {
  let max = 0
  for (let k = 0; k < tree.count; k++) if (tree.depth[k]! > max) max = tree.depth[k]!
  return max
}

/** The edit kind of an entry: its B row's, or its A row's when it has no B row. */
export function entryEdit(tree: UnifiedTree, alignment: TraceAlignment, k: number): EditKindId {
  const y = tree.rowB[k]!
  return (y >= 0 ? alignment.editB[y]! : alignment.editA[tree.rowA[k]!]!) as EditKindId
}

/** The diff flags of an entry: both rows' (a change may lie below on one side only). */
export function entryFlags(tree: UnifiedTree, alignment: TraceAlignment, k: number): number {
  const x = tree.rowA[k]!
  const y = tree.rowB[k]!
  return (x >= 0 ? alignment.flagsA[x]! : 0) | (y >= 0 ? alignment.flagsB[y]! : 0)
}

/** Whether an entry has a row on one side only (added, removed, or the ghost of a moved call). */
export function isOneSided(tree: UnifiedTree, k: number): boolean {
  return tree.rowA[k]! < 0 || tree.rowB[k]! < 0
}

/** Whether an entry is the top of an added or removed subtree (its parent is a pair, or none). */
export function isOneSidedRoot(tree: UnifiedTree, shape: EntryShape, k: number): boolean {
  if (!isOneSided(tree, k) || shape.end[k]! === k + 1) return false
  const p = shape.parent[k]!
  return p < 0 || !isOneSided(tree, p)
}

/** Whether an entry differs in any way the collapsed view lists. */
export function isChange(tree: UnifiedTree, alignment: TraceAlignment, k: number): boolean {
  return (
    entryEdit(tree, alignment, k) !== EditKind.same ||
    (entryFlags(tree, alignment, k) & DiffFlag.valuesChanged) !== 0
  )
}

/**
 * Per entry, whether the duration of its pair changed past `noise` (TimingMark.own) and whether
 * one below it did (TimingMark.below): what the "timing" filter adds to the changes.
 */
export function timingMarks(
  tree: UnifiedTree,
  shape: EntryShape,
  a: TimeColumns,
  b: TimeColumns,
  noise: NoiseThreshold,
): Uint8Array {
  const marks = new Uint8Array(tree.count)
  for (let k = 0; k < tree.count; k++) {
    const x = tree.rowA[k]!
    const y = tree.rowB[k]!
    if (x < 0 || y < 0) continue
    const change = durationChange(a.endNs[x]! - a.startNs[x]!, b.endNs[y]! - b.startNs[y]!, noise)
    if (change !== 0) marks[k] = TimingMark.own
  }
  // Children come after their parents: one backward pass carries the mark up.
  for (let k = tree.count - 1; k > 0; k--) {
    const p = shape.parent[k]!
    if (marks[k] && p >= 0) marks[p]! |= TimingMark.below
  }
  return marks
}

/** What the tree lists: the filter, the timing marks it needs, and the user's open/closed rows. */
export interface VisibleOptions {
  filter: RowFilter
  /** timingMarks, for the 'timing' filter. */
  timing?: Uint8Array
  /** Entries whose subtree the user closed (1). */
  collapsed: Uint8Array
  /** Added or removed subtrees the user opened (1): collapsed to their top row otherwise. */
  opened: Uint8Array
}

/**
 * The entries the tree shows, in order.
 *
 * 'all' lists every entry. 'changes' lists what differs and its ancestors (an added or removed
 * subtree by its top row, until opened); 'timing' adds calls slower or faster past the noise.
 * A closed entry hides its subtree.
 */
export function visibleEntries(
  tree: UnifiedTree,
  alignment: TraceAlignment,
  shape: EntryShape,
  options: VisibleOptions,
): Int32Array {
  const {filter, collapsed, opened, timing} = options
  const out = new Int32Array(tree.count)
  let count = 0
  let k = 0
  if (filter === 'all') {
    while (k < tree.count) {
      out[count++] = k
      k = collapsed[k] ? shape.end[k]! : k + 1
    }
    return out.slice(0, count)
  }
  const kept = (e: number): boolean =>
    entryEdit(tree, alignment, e) !== EditKind.same ||
    (entryFlags(tree, alignment, e) & (DiffFlag.changeBelow | DiffFlag.valuesChanged)) !== 0 ||
    (filter === 'timing' && timing !== undefined && timing[e] !== 0)
  // Inside a closed added/removed subtree: its one-sided rows are hidden (moved pairs are not).
  let hideBelow = -1
  while (k < tree.count) {
    const d = tree.depth[k]!
    if (hideBelow >= 0 && d <= hideBelow) hideBelow = -1
    const oneSided = isOneSided(tree, k)
    if (hideBelow >= 0 && oneSided) {
      k++
      continue
    }
    if (!kept(k)) {
      // Nothing below an unchanged entry changed either (its flags would say so).
      k = shape.end[k]!
      continue
    }
    out[count++] = k
    if (collapsed[k]) {
      k = shape.end[k]!
      continue
    }
    if (hideBelow < 0 && isOneSidedRoot(tree, shape, k) && !opened[k]) hideBelow = d
    k++
  }
  return out.slice(0, count)
}

/** Whether an entry has rows below it that the filter would show once it is open. */
export function hasChildren(
  tree: UnifiedTree,
  alignment: TraceAlignment,
  shape: EntryShape,
  k: number,
  filter: RowFilter,
  timing?: Uint8Array,
): boolean {
  if (shape.end[k]! <= k + 1) return false
  if (filter === 'all' || isOneSided(tree, k)) return true
  if (entryFlags(tree, alignment, k) & DiffFlag.changeBelow) return true
  return filter === 'timing' && timing !== undefined && (timing[k]! & TimingMark.below) !== 0
}

/** Whether an entry shows open: an added/removed top row once opened, any other unless closed. */
export function isOpen(
  tree: UnifiedTree,
  shape: EntryShape,
  k: number,
  options: Pick<VisibleOptions, 'filter' | 'collapsed' | 'opened'>,
): boolean {
  if (options.collapsed[k]) return false
  if (options.filter !== 'all' && isOneSidedRoot(tree, shape, k)) return options.opened[k] === 1
  return true
}

/** Open or close an entry, in the array the current filter reads for it. */
export function toggleEntry(
  tree: UnifiedTree,
  shape: EntryShape,
  k: number,
  options: Pick<VisibleOptions, 'filter' | 'collapsed' | 'opened'>,
): void {
  const open = isOpen(tree, shape, k, options)
  if (options.filter !== 'all' && isOneSidedRoot(tree, shape, k) && !options.collapsed[k]) {
    options.opened[k] = open ? 0 : 1
  } else {
    options.collapsed[k] = open ? 1 : 0
  }
}

/**
 * The next (step 1) or previous (-1) listed entry after position `from` of `rows` that is a
 * change itself (not just above one); -1 when there is none.
 */
export function nextChange(
  tree: UnifiedTree,
  alignment: TraceAlignment,
  rows: Int32Array,
  from: number,
  step: 1 | -1,
): number {
  for (let i = from + step; i >= 0 && i < rows.length; i += step) {
    if (isChange(tree, alignment, rows[i]!)) return i
  }
  return -1
}

/** The entry showing each row of A and of B (-1 for none), for the flame charts to select. */
export function entriesOfRows(
  tree: UnifiedTree,
  rowsA: number,
  rowsB: number,
): {ofA: Int32Array; ofB: Int32Array} {
  const ofA = new Int32Array(rowsA).fill(-1)
  const ofB = new Int32Array(rowsB).fill(-1)
  for (let k = 0; k < tree.count; k++) {
    const x = tree.rowA[k]!
    const y = tree.rowB[k]!
    // A moved row's ghost stays where it was; the row is shown (and selected) where it went.
    if (x >= 0 && (y >= 0 || ofA[x] === -1)) ofA[x] = k
    if (y >= 0) ofB[y] = k
  }
  return {ofA, ofB}
}

/**
 * Make an entry show: open its ancestors (in place), and keep the filter if it lists the entry
 * then, else answer 'all' (an unchanged query the SQL panel points at is in no "changes" list).
 */
export function revealEntry(
  tree: UnifiedTree,
  alignment: TraceAlignment,
  shape: EntryShape,
  options: VisibleOptions,
  k: number,
): RowFilter {
  for (let p = shape.parent[k]!; p >= 0; p = shape.parent[p]!) {
    options.collapsed[p] = 0
    if (isOneSidedRoot(tree, shape, p)) options.opened[p] = 1
  }
  if (options.filter === 'all') return 'all'
  return visibleEntries(tree, alignment, shape, options).includes(k) ? options.filter : 'all'
}
