import {describe, expect, it} from 'vitest'
import {longestIncreasing, SequenceAligner} from './sequence-align'

/** A valid alignment: increasing on both sides, equal keys; returns the number of matches. */
function checked(a: Int32Array, b: Int32Array, out: Int32Array): number {
  let last = -1
  let matched = 0
  const bad: number[] = []
  for (let i = 0; i < a.length; i++) {
    const j = out[i]!
    if (j < 0) continue
    if (j <= last || b[j] !== a[i]) bad.push(i)
    last = j
    matched++
  }
  expect(bad).toEqual([])
  return matched
}

function lcg(seed: number): (n: number) => number {
  let s = seed
  return n => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0
    return s % n
  }
}

describe('SequenceAligner', () => {
  it('solves short problems exactly, preferring exact keys among equal coarse ones', () => {
    // Coarse: S R S R S R (query, call); exact: the queries' parameters.
    const coarseA = Int32Array.from([1, 2, 1, 2, 1, 2])
    const exactA = Int32Array.from([11, 2, 11, 2, 12, 2])
    const coarseB = Int32Array.from([1, 2, 1, 2, 1, 2, 1, 2])
    const exactB = Int32Array.from([13, 2, 11, 2, 11, 2, 12, 2])
    const out = new Int32Array(6)
    expect(new SequenceAligner().align(coarseA, exactA, 6, coarseB, exactB, 8, out)).toBe(6)
    expect(Array.from(out)).toEqual([2, 3, 4, 5, 6, 7])
  })

  it('matches the earliest of equal candidates (a loop that ran once more)', () => {
    const a = Int32Array.from([5, 5, 5])
    const b = Int32Array.from([9, 5, 5, 5, 5])
    const out = new Int32Array(3)
    new SequenceAligner().align(a, a, 3, b, b, 5, out)
    expect(Array.from(out)).toEqual([1, 2, 3])
  })

  it('aligns long lists of few repeated names close to the optimum, through runs of keys', () => {
    const rand = lcg(7)
    const length = 30_000
    const a = Int32Array.from({length}, () => rand(3))
    const b = Array.from(a)
    const edits = 100
    for (let e = 0; e < edits; e++) {
      const at = rand(b.length)
      if (e % 2) b.splice(at, 1)
      else b.splice(at, 0, rand(3))
    }
    const kb = Int32Array.from(b)
    const out = new Int32Array(length)
    const aligner = new SequenceAligner({maxTableCells: 4096})
    aligner.align(a, a, length, kb, kb, kb.length, out)
    expect(checked(a, kb, out)).toBeGreaterThanOrEqual(length - edits)
    expect(aligner.stats.anchorRounds).toBeGreaterThan(0)
  })

  it('falls back to pairing occurrences in order when nothing is unique', () => {
    // 1 2 1 2 … against 2 1 2 1 …: no key or run of keys is unique, no prefix or suffix equal.
    const a = Int32Array.from({length: 10_000}, (_, i) => 1 + (i % 2))
    const b = Int32Array.from({length: 10_000}, (_, i) => 2 - (i % 2))
    const out = new Int32Array(a.length)
    const aligner = new SequenceAligner({maxTableCells: 64})
    const matched = aligner.align(a, a, a.length, b, b, b.length, out)
    expect(checked(a, b, out)).toBe(matched)
    expect(matched).toBe(9_999)
    expect(aligner.stats.rankFallbacks).toBeGreaterThan(0)
  })

  it('finds a longest increasing subsequence', () => {
    expect(longestIncreasing([3, 1, 2, 5, 4, 6])).toEqual([1, 2, 4, 5])
    expect(longestIncreasing([])).toEqual([])
  })
})
