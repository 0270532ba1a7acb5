import {buildAlignKeys} from './align-keys'
import type {AlignKeys, AlignModel} from './align-keys'
import {defaultNoise} from './alignment'
import type {NoiseThreshold, RowRange, TraceAlignment} from './alignment'
import {classifyRows} from './classify-rows'
import {detectMoves} from './moves'
import {SequenceAligner} from './sequence-align'
import {SubtreeHashes, sameSubtree} from './subtree-hash'

/** Options of alignTraces and alignSubtrees. */
export interface AlignOptions {
  /** When a duration change counts (default: 1 ms and 20%). */
  noise?: Partial<NoiseThreshold>
  /** Largest LCS table per sibling list before it is cut at anchors (default 65,536 cells). */
  maxTableCells?: number
  /** Look for moved subtrees (default true). */
  moves?: boolean
}

/**
 * Align two whole traces: calls matched by call path and sibling order.
 *
 * The roots are aligned as one sibling list, then the children of every matched pair, top down
 * (an explicit stack: no recursion over depth). Identical subtrees are matched whole. Single
 * roots of one kind are matched even when their names differ (GET /a against POST /a).
 */
export function alignTraces(
  a: AlignModel,
  b: AlignModel,
  options: AlignOptions = {},
): TraceAlignment {
  const aligner = new TreeAligner(
    a,
    b,
    {start: 0, end: a.nodeCount},
    {start: 0, end: b.nodeCount},
    options,
  )
  const rootsA = rootRows(a)
  const rootsB = rootRows(b)
  aligner.alignLists(rootsA, rootsA.length, rootsB, rootsB.length)
  const [ra, rb] = [rootsA[0], rootsB[0]]
  if (rootsA.length === 1 && rootsB.length === 1 && ra !== undefined && rb !== undefined) {
    if (aligner.aToB[ra] === -1 && a.kind[ra] === b.kind[rb]) aligner.matchPair(ra, rb)
  }
  return aligner.finish()
}

/**
 * Align two subtrees, e.g. two executions of one function (in one trace or in two): their roots
 * are matched whatever their names, then their calls as alignTraces does. Rows outside the
 * subtrees get edit kind `outside`.
 */
export function alignSubtrees(
  a: AlignModel,
  aRoot: number,
  b: AlignModel,
  bRoot: number,
  options: AlignOptions = {},
): TraceAlignment {
  const scopeA = {start: aRoot, end: aRoot + a.size[aRoot]!}
  const scopeB = {start: bRoot, end: bRoot + b.size[bRoot]!}
  const aligner = new TreeAligner(a, b, scopeA, scopeB, options)
  aligner.matchPair(aRoot, bRoot)
  return aligner.finish()
}

/** The rows with no parent, in order. */
export function rootRows(model: Pick<AlignModel, 'nodeCount' | 'size'>): Int32Array {
  let count = 0
  for (let i = 0; i < model.nodeCount; i += model.size[i]!) count++
  const roots = new Int32Array(count)
  for (let i = 0, k = 0; i < model.nodeCount; i += model.size[i]!) roots[k++] = i
  return roots
}

class TreeAligner {
  readonly aToB: Int32Array
  readonly bToA: Int32Array
  private readonly keys: AlignKeys
  private readonly hashA: SubtreeHashes
  private readonly hashB: SubtreeHashes
  private readonly sequences: SequenceAligner
  private readonly noise: NoiseThreshold
  private pending = new Int32Array(256)
  private top = 0
  private identical = 0
  // Scratch for one sibling-list pair: rows, keys and the matches.
  private childA = new Int32Array(64)
  private childB = new Int32Array(64)
  private coarseA = new Int32Array(64)
  private exactA = new Int32Array(64)
  private coarseB = new Int32Array(64)
  private exactB = new Int32Array(64)
  private matches = new Int32Array(64)

  constructor(
    private readonly a: AlignModel,
    private readonly b: AlignModel,
    private readonly scopeA: RowRange,
    private readonly scopeB: RowRange,
    private readonly options: AlignOptions,
  ) {
    this.keys = buildAlignKeys(a, b)
    this.aToB = new Int32Array(a.nodeCount).fill(-1)
    this.bToA = new Int32Array(b.nodeCount).fill(-1)
    this.hashA = new SubtreeHashes(this.keys.coarseA, a.size, a.nodeCount)
    this.hashB = new SubtreeHashes(this.keys.coarseB, b.size, b.nodeCount)
    this.sequences = new SequenceAligner({maxTableCells: options.maxTableCells})
    this.noise = {...defaultNoise, ...options.noise}
  }

  /** Match two rows and queue their children. */
  matchPair(x: number, y: number): void {
    this.aToB[x] = y
    this.bToA[y] = x
    if (this.a.size[x]! > 1 || this.b.size[y]! > 1) this.push(x, y)
  }

  /** Align two sibling lists (the first n of listA, m of listB) and match what aligns. */
  alignLists(listA: Int32Array, n: number, listB: Int32Array, m: number): void {
    if (n === 0 || m === 0) return
    this.ensureScratch(Math.max(n, m))
    const {coarseA, exactA, coarseB, exactB, matches} = this
    for (let i = 0; i < n; i++) {
      coarseA[i] = this.keys.coarseA[listA[i]!]!
      exactA[i] = this.keys.exactA[listA[i]!]!
    }
    for (let j = 0; j < m; j++) {
      coarseB[j] = this.keys.coarseB[listB[j]!]!
      exactB[j] = this.keys.exactB[listB[j]!]!
    }
    this.sequences.align(coarseA, exactA, n, coarseB, exactB, m, matches)
    for (let i = 0; i < n; i++) {
      const j = matches[i]!
      if (j >= 0) this.matchPair(listA[i]!, listB[j]!)
    }
  }

  /** Work through the queued pairs, find moves, and classify every row. */
  finish(): TraceAlignment {
    const {a, b} = this
    while (this.top > 0) {
      this.top -= 2
      this.expand(this.pending[this.top]!, this.pending[this.top + 1]!)
    }
    const moved =
      this.options.moves === false
        ? undefined
        : detectMoves({
            a: {size: a.size, keys: this.keys.coarseA, hashes: this.hashA, scope: this.scopeA},
            b: {size: b.size, keys: this.keys.coarseB, hashes: this.hashB, scope: this.scopeB},
            aToB: this.aToB,
            bToA: this.bToA,
            match: (x, y) => this.matchWhole(x, y),
          })
    const s = this.sequences.stats
    return classifyRows({
      a,
      b,
      keys: this.keys,
      aToB: this.aToB,
      bToA: this.bToA,
      scopeA: this.scopeA,
      scopeB: this.scopeB,
      noise: this.noise,
      moved,
      counters: {
        tables: s.tables,
        tableCells: s.tableCells,
        anchorRounds: s.anchorRounds,
        rankFallbacks: s.rankFallbacks,
        identicalSubtrees: this.identical,
      },
    })
  }

  private expand(x: number, y: number): void {
    const {a, b} = this
    const sizeX = a.size[x]!
    if (sizeX === b.size[y] && this.hashA.of(x) === this.hashB.of(y)) {
      if (sameSubtree(this.hashA.columns, x, this.hashB.columns, y)) {
        this.matchWhole(x, y)
        this.identical++
        return
      }
    }
    const n = this.children(a, x, 'childA')
    const m = this.children(b, y, 'childB')
    this.alignLists(this.childA, n, this.childB, m)
  }

  /** Match two subtrees of the same shape row for row. */
  private matchWhole(x: number, y: number): void {
    const rows = this.a.size[x]!
    for (let k = 0; k < rows; k++) {
      this.aToB[x + k] = y + k
      this.bToA[y + k] = x + k
    }
  }

  private children(model: AlignModel, row: number, into: 'childA' | 'childB'): number {
    const end = row + model.size[row]!
    let count = 0
    for (let c = row + 1; c < end; c += model.size[c]!) count++
    this.ensureScratch(count)
    const list = this[into]
    let k = 0
    for (let c = row + 1; c < end; c += model.size[c]!) list[k++] = c
    return count
  }

  private ensureScratch(count: number): void {
    if (count <= this.childA.length) return
    const size = Math.max(count, this.childA.length * 2)
    const grow = (old: Int32Array): Int32Array<ArrayBuffer> => {
      const next = new Int32Array(size)
      next.set(old)
      return next
    }
    this.childA = grow(this.childA)
    this.childB = grow(this.childB)
    this.coarseA = new Int32Array(size)
    this.exactA = new Int32Array(size)
    this.coarseB = new Int32Array(size)
    this.exactB = new Int32Array(size)
    this.matches = new Int32Array(size)
  }

  private push(x: number, y: number): void {
    if (this.top + 2 > this.pending.length) {
      const grown = new Int32Array(this.pending.length * 2)
      grown.set(this.pending)
      this.pending = grown
    }
    this.pending[this.top++] = x
    this.pending[this.top++] = y
  }
}
