/**
 * Longest-common-subsequence alignment of two key sequences (sibling lists, lines of a body).
 *
 * Coarse keys decide whether two items may match at all; exact keys only break ties among equally
 * long alignments (two queries of one template, the one with the same parameters wins). Short
 * problems are solved exactly by dynamic programming; long ones are cut at anchors (keys unique in
 * both ranges, kept in order by a longest increasing subsequence, as Patience diff does) and the
 * gaps solved alike; when single keys repeat (a loop calling a few functions), runs of 4 or 16
 * keys unique in both serve as anchors instead. A gap too long for the table that has none falls
 * back to pairing the k-th occurrence of each key on both sides (exact keys first, then coarse),
 * again kept in order: an alignment that is always valid, close to the longest for the loops that
 * produce such lists, and O(n log n).
 */

/** Tuning of a SequenceAligner. */
export interface SequenceAlignOptions {
  /** Most cells of one dynamic-programming table (n × m); bigger problems are cut first. */
  maxTableCells?: number
}

/** Counters of the methods used, for benchmarks and tests. */
export interface SequenceAlignStats {
  tables: number
  tableCells: number
  anchorRounds: number
  rankFallbacks: number
}

const DEFAULT_TABLE_CELLS = 1 << 16

/**
 * Aligns key sequences, reusing its scratch buffers from one call to the next.
 *
 * One instance per thread of work: not reentrant.
 */
export class SequenceAligner {
  readonly stats: SequenceAlignStats = {tables: 0, tableCells: 0, anchorRounds: 0, rankFallbacks: 0}
  private readonly maxCells: number
  private table = new Int32Array(1024)
  private ranges = new Int32Array(64)

  constructor(options: SequenceAlignOptions = {}) {
    this.maxCells = Math.max(4, options.maxTableCells ?? DEFAULT_TABLE_CELLS)
  }

  /**
   * Fill `outA[i]` with the index in b matched to a[i], or -1; returns the number of matches.
   *
   * `coarseA`/`exactA` hold `n` keys, `coarseB`/`exactB` `m`; `outA` needs room for `n`.
   * Matches are strictly increasing on both sides.
   */
  align(
    coarseA: Int32Array,
    exactA: Int32Array,
    n: number,
    coarseB: Int32Array,
    exactB: Int32Array,
    m: number,
    outA: Int32Array,
  ): number {
    outA.fill(-1, 0, n)
    let matched = 0
    let top = 0
    top = this.pushRange(top, 0, n, 0, m)
    while (top > 0) {
      top -= 4
      const r = this.ranges
      let aLo = r[top]!
      let aHi = r[top + 1]!
      let bLo = r[top + 2]!
      let bHi = r[top + 3]!
      // Equal prefix first: a loop that ran once more keeps its first iterations in place.
      while (
        aLo < aHi &&
        bLo < bHi &&
        exactA[aLo] === exactB[bLo] &&
        coarseA[aLo] === coarseB[bLo]
      ) {
        outA[aLo++] = bLo++
        matched++
      }
      if ((aHi - aLo) * (bHi - bLo) > this.maxCells) {
        // Too long for the table: take the equal suffix too (the table would prefer earlier
        // matches among equals, but cannot afford this problem).
        while (
          aLo < aHi &&
          bLo < bHi &&
          exactA[aHi - 1] === exactB[bHi - 1] &&
          coarseA[aHi - 1] === coarseB[bHi - 1]
        ) {
          outA[--aHi] = --bHi
          matched++
        }
      }
      const n1 = aHi - aLo
      const m1 = bHi - bLo
      if (n1 === 0 || m1 === 0) continue
      if (n1 * m1 <= this.maxCells) {
        matched += this.table2(coarseA, exactA, aLo, aHi, coarseB, exactB, bLo, bHi, outA)
        continue
      }
      const keys = {coarseA, exactA, coarseB, exactB}
      let pairs: Int32Array = empty
      for (const cut of cuts) {
        pairs = this.anchors(keys, aLo, aHi, bLo, bHi, outA, cut)
        if (pairs.length > 0) break
      }
      if (pairs.length === 0) continue
      matched += pairs.length >> 1
      // The gaps between consecutive matches, solved the same way.
      let pa = aLo
      let pb = bLo
      for (let k = 0; k <= pairs.length; k += 2) {
        const i = k < pairs.length ? pairs[k]! : aHi
        const j = k < pairs.length ? pairs[k + 1]! : bHi
        if (i > pa && j > pb) top = this.pushRange(top, pa, i, pb, j)
        pa = i + 1
        pb = j + 1
      }
    }
    return matched
  }

  private pushRange(top: number, aLo: number, aHi: number, bLo: number, bHi: number): number {
    if (top + 4 > this.ranges.length) {
      const grown = new Int32Array(this.ranges.length * 2)
      grown.set(this.ranges)
      this.ranges = grown
    }
    this.ranges[top] = aLo
    this.ranges[top + 1] = aHi
    this.ranges[top + 2] = bLo
    this.ranges[top + 3] = bHi
    return top + 4
  }

  /**
   * Exact alignment of a[aLo, aHi) and b[bLo, bHi): most coarse matches, then most exact ones.
   *
   * The table holds the best score of each pair of suffixes, so walking it forwards takes the
   * earliest of equally good matches: a loop that ran once more shows its last iteration added.
   */
  private table2(
    coarseA: Int32Array,
    exactA: Int32Array,
    aLo: number,
    aHi: number,
    coarseB: Int32Array,
    exactB: Int32Array,
    bLo: number,
    bHi: number,
    outA: Int32Array,
  ): number {
    const n = aHi - aLo
    const m = bHi - bLo
    const width = m + 1
    const cells = (n + 1) * width
    if (this.table.length < cells) {
      this.table = new Int32Array(Math.max(cells, this.table.length * 2))
    }
    const s = this.table
    this.stats.tables++
    this.stats.tableCells += n * m
    // A coarse match outweighs all exact bonuses together: lexicographic (coarse, exact).
    const weight = Math.min(n, m) + 1
    s.fill(0, n * width, cells)
    for (let i = n - 1; i >= 0; i--) {
      const row = i * width
      const next = row + width
      s[row + m] = 0
      const ca = coarseA[aLo + i]
      const ea = exactA[aLo + i]
      for (let j = m - 1; j >= 0; j--) {
        let best = s[next + j]! > s[row + j + 1]! ? s[next + j]! : s[row + j + 1]!
        if (ca === coarseB[bLo + j]) {
          const take = s[next + j + 1]! + weight + (ea === exactB[bLo + j] ? 1 : 0)
          if (take > best) best = take
        }
        s[row + j] = best
      }
    }
    let matched = 0
    let i = 0
    let j = 0
    while (i < n && j < m) {
      const here = s[i * width + j]!
      if (coarseA[aLo + i] === coarseB[bLo + j]) {
        const bonus = exactA[aLo + i] === exactB[bLo + j] ? 1 : 0
        if (here === s[(i + 1) * width + j + 1]! + weight + bonus) {
          outA[aLo + i] = bLo + j
          matched++
          i++
          j++
          continue
        }
      }
      if (s[(i + 1) * width + j]! === here) i++
      else j++
    }
    return matched
  }

  /**
   * Matches that cut a long problem, kept in order by a longest increasing subsequence, and
   * written to outA; returned as [i0, j0, i1, j1, …] in increasing order.
   *
   * `unique` cuts take runs of `gram` keys found once in each range (Patience diff's anchors;
   * runs of several keys when single ones repeat, as in a loop calling a few functions); `rank`
   * cuts pair the k-th occurrence of each key on both sides. Exact keys are hashes: every pair
   * must also agree on the coarse key.
   */
  private anchors(
    keys: {coarseA: Int32Array; exactA: Int32Array; coarseB: Int32Array; exactB: Int32Array},
    aLo: number,
    aHi: number,
    bLo: number,
    bHi: number,
    outA: Int32Array,
    cut: Cut,
  ): Int32Array {
    if (cut.rank) this.stats.rankFallbacks++
    else this.stats.anchorRounds++
    const {coarseA, coarseB} = keys
    const byA = cut.exact ? keys.exactA : coarseA
    const byB = cut.exact ? keys.exactB : coarseB
    const g = cut.gram
    if (aHi - aLo < g || bHi - bLo < g) return empty
    const gramA = gramKeys(byA, aLo, aHi - g + 1, g)
    const gramB = gramKeys(byB, bLo, bHi - g + 1, g)
    // Per gram, its positions in b, in order.
    const inB = new Map<number, number[]>()
    gramB.forEach((key, k) => {
      const list = inB.get(key)
      if (list) list.push(bLo + k)
      else inB.set(key, [bLo + k])
    })
    const candidatesA: number[] = []
    const candidatesB: number[] = []
    if (!cut.rank) {
      const countA = new Map<number, number>()
      for (const key of gramA) countA.set(key, (countA.get(key) ?? 0) + 1)
      gramA.forEach((key, k) => {
        const list = inB.get(key)
        if (list?.length === 1 && countA.get(key) === 1) {
          candidatesA.push(aLo + k)
          candidatesB.push(list[0]!)
        }
      })
    } else {
      const seen = new Map<number, number>()
      gramA.forEach((key, k) => {
        const list = inB.get(key)
        const n = seen.get(key) ?? 0
        if (!list || n >= list.length) return
        seen.set(key, n + 1)
        if (coarseA[aLo + k] !== coarseB[list[n]!]) return
        candidatesA.push(aLo + k)
        candidatesB.push(list[n]!)
      })
    }
    const keep = longestIncreasing(candidatesB)
    const pairs: number[] = []
    let lastI = aLo - 1
    let lastJ = bLo - 1
    for (const k of keep) {
      const i = candidatesA[k]!
      const j = candidatesB[k]!
      // A run of g: match its items that do not overlap the previous run's.
      for (let t = 0; t < g; t++) {
        if (i + t <= lastI || j + t <= lastJ) continue
        if (coarseA[i + t] !== coarseB[j + t]) break
        outA[i + t] = j + t
        pairs.push(i + t, j + t)
        lastI = i + t
        lastJ = j + t
      }
    }
    return Int32Array.from(pairs)
  }
}

/** How a long problem is cut: see SequenceAligner.anchors. */
interface Cut {
  gram: number
  exact: boolean
  rank: boolean
}

// Tried in order until one finds a match.
const cuts: readonly Cut[] = [
  {gram: 1, exact: false, rank: false},
  {gram: 1, exact: true, rank: false},
  {gram: 4, exact: false, rank: false},
  {gram: 16, exact: false, rank: false},
  {gram: 1, exact: true, rank: true},
  {gram: 1, exact: false, rank: true},
]

const empty = new Int32Array(0)

/** The hash of each run of `g` keys starting at from … to - 1 (the key itself when g is 1). */
function gramKeys(keys: Int32Array, from: number, to: number, g: number): Int32Array {
  const out = new Int32Array(Math.max(0, to - from))
  for (let i = from; i < to; i++) {
    let h = keys[i]!
    for (let t = 1; t < g; t++) h = Math.imul(h ^ 0x9e3779b9, 0x01000193) + keys[i + t]!
    out[i - from] = h
  }
  return out
}

/** Indices of a longest strictly increasing subsequence of `values` (patience sorting). */
export function longestIncreasing(values: readonly number[]): number[] {
  const tails: number[] = [] // index into values of the smallest tail of each length
  const previous = new Int32Array(values.length)
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    let lo = 0
    let hi = tails.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (values[tails[mid]!]! < v) lo = mid + 1
      else hi = mid
    }
    previous[i] = lo > 0 ? tails[lo - 1]! : -1
    tails[lo] = i
  }
  const out = new Array<number>(tails.length)
  for (let k = tails.length - 1, i = tails.at(-1) ?? -1; k >= 0; k--, i = previous[i]!) out[k] = i
  return out
}
