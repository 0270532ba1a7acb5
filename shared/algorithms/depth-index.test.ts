import {describe, expect, it} from 'vitest'
import {buildDepthIndex, firstVisibleNode, hitTest} from './depth-index'
import {fixtureColumns, n} from './tree-fixture'

// rows: 0 a[0,100) 1 b[10,40) 2 c[12,20) 3 d[50,90) 4 e[100,200) 5 f[150,160)
const cols = fixtureColumns([
  n('a', 0, 100, [n('b', 10, 40, [n('c', 12, 20)]), n('d', 50, 90)]),
  n('e', 100, 200, [n('f', 150, 160)]),
])

describe('buildDepthIndex', () => {
  it('groups rows by depth in start order with a running max of ends', () => {
    const index = buildDepthIndex(cols)
    expect(index.depthCount).toBe(3)
    expect([...index.offsets]).toEqual([0, 2, 5, 6])
    expect([...index.rows]).toEqual([0, 4, 1, 3, 5, 2])
    expect([...index.maxEnd]).toEqual([100, 200, 40, 90, 160, 20])
  })

  it('sorts a depth whose rows are out of start order and keeps maxEnd monotone', () => {
    const odd = fixtureColumns([n('late', 50, 60), n('early', 0, 70), n('mid', 20, 30)])
    const index = buildDepthIndex(odd)
    expect([...index.rows]).toEqual([1, 2, 0])
    expect([...index.maxEnd]).toEqual([70, 70, 70])
  })

  it('handles an empty model', () => {
    const index = buildDepthIndex(fixtureColumns([]))
    expect(index.depthCount).toBe(0)
    expect(firstVisibleNode(index, 0, 0)).toBe(0)
    expect(hitTest(index, fixtureColumns([]), 0, 0)).toBe(-1)
  })
})

describe('firstVisibleNode', () => {
  const index = buildDepthIndex(cols)
  it.each([
    // depth, time, position in index.rows
    [0, -5, 0],
    [0, 99, 0],
    [0, 100, 1], // a ends at 100: not visible after it
    [0, 199, 1],
    [0, 200, 2], // past the end of depth 0's group
    [1, 0, 2],
    [1, 40, 3],
    [1, 95, 4],
    [1, 160, 5],
    [2, 19, 5],
    [2, 20, 6],
    [3, 0, 0], // no such depth
  ])('depth %i at %i ns -> %i', (depth, time, expected) => {
    expect(firstVisibleNode(index, depth, time)).toBe(expected)
  })
})

describe('hitTest', () => {
  const index = buildDepthIndex(cols)
  it.each([
    // depth, time, tolerance, row
    [0, 0, 0, 0],
    [0, 99.9, 0, 0],
    [0, 100, 0, 4],
    [0, 250, 0, -1],
    [0, 250, 60, 4],
    [1, 45, 0, -1],
    [1, 45, 6, 3], // 5 ns after b, 5 before d: the later row wins the tie
    [1, 42, 6, 1],
    [1, 48, 6, 3],
    [2, 15, 0, 2],
    [2, 21, 0, -1],
    [-1, 0, 0, -1],
    [9, 0, 0, -1],
  ])('depth %i at %f ns (±%i) -> row %i', (depth, time, tolerance, expected) => {
    expect(hitTest(index, cols, depth, time, tolerance)).toBe(expected)
  })
})
