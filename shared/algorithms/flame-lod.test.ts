import {describe, expect, it} from 'vitest'
import {buildDepthIndex} from './depth-index'
import {createRunBuffer, layoutDepth} from './flame-lod'
import {fixtureColumns, n} from './tree-fixture'

type Run = [row: number, x0: number, x1: number, merged: number]

function runs(
  cols: ReturnType<typeof fixtureColumns>,
  depth: number,
  view: {startNs: number; nsPerPx: number; widthPx: number},
  minPx: number,
): Run[] {
  const out = createRunBuffer(1)
  layoutDepth(buildDepthIndex(cols), cols, depth, view, minPx, out)
  return Array.from({length: out.count}, (_, k) => [
    out.row[k]!,
    out.x0[k]!,
    out.x1[k]!,
    out.merged[k]!,
  ])
}

// Depth 0: a wide row, three 1 ns rows side by side, a gap, then a wide row.
const flat = fixtureColumns([
  n('a', 0, 100),
  n('b', 100, 101),
  n('c', 101, 102),
  n('d', 102, 103),
  n('e', 200, 300),
])

describe('layoutDepth', () => {
  it('draws rows at least minPx wide as themselves', () => {
    expect(runs(flat, 0, {startNs: 0, nsPerPx: 1, widthPx: 400}, 1)).toEqual([
      [0, 0, 100, 1],
      [1, 100, 101, 1],
      [2, 101, 102, 1],
      [3, 102, 103, 1],
      [4, 200, 300, 1],
    ])
  })

  it('merges runs of narrow rows that start within minPx of the run', () => {
    expect(runs(flat, 0, {startNs: 0, nsPerPx: 1, widthPx: 400}, 2)).toEqual([
      [0, 0, 100, 1],
      [1, 100, 102, 2],
      [3, 102, 103, 1],
      [4, 200, 300, 1],
    ])
  })

  it('zoomed out, one run covers the whole dense stretch', () => {
    expect(runs(flat, 0, {startNs: 0, nsPerPx: 10, widthPx: 40}, 1)).toEqual([
      [0, 0, 10, 1],
      [1, 10, 10.3, 3],
      [4, 20, 30, 1],
    ])
  })

  it('does not swallow a wide row that starts inside a run', () => {
    const cols = fixtureColumns([n('x', 0, 1), n('y', 1, 50)])
    expect(runs(cols, 0, {startNs: 0, nsPerPx: 1, widthPx: 100}, 2)).toEqual([
      [0, 0, 1, 1],
      [1, 1, 50, 1],
    ])
  })

  it('starts at the first visible row and stops at the right edge', () => {
    expect(runs(flat, 0, {startNs: 100.5, nsPerPx: 1, widthPx: 50}, 1)).toEqual([
      [1, -0.5, 0.5, 1],
      [2, 0.5, 1.5, 1],
      [3, 1.5, 2.5, 1],
    ])
    expect(runs(flat, 0, {startNs: 150, nsPerPx: 1, widthPx: 40}, 1)).toEqual([])
  })

  it('visits O(pixels) runs for 200,000 tiny rows', () => {
    const many = fixtureColumns(Array.from({length: 200_000}, (_, i) => n('t', i, i + 0.5)))
    const out = createRunBuffer()
    const count = layoutDepth(
      buildDepthIndex(many),
      many,
      0,
      {startNs: 0, nsPerPx: 200_000 / 800, widthPx: 800},
      1,
      out,
    )
    expect(count).toBe(800)
    let merged = 0
    for (let k = 0; k < count; k++) merged += out.merged[k]!
    expect(merged).toBe(200_000)
  })

  it('returns nothing for a missing depth or a degenerate scale', () => {
    expect(runs(flat, 3, {startNs: 0, nsPerPx: 1, widthPx: 10}, 1)).toEqual([])
    expect(runs(flat, 0, {startNs: 0, nsPerPx: 0, widthPx: 10}, 1)).toEqual([])
  })
})
