import {describe, expect, it} from 'vitest'
import {NodeFlag} from '../../../shared/model/node-kind'
import {buildFakeModel, buildWideModel} from '../../testing/fake-model'
import {
  expandTo,
  filterNodes,
  initialExpansion,
  rowIndexOf,
  setSubtree,
  visibleRows,
} from './tree-rows'

// root(0) [a(1) [a1(2), a2(3)], b(4) [b1(5)]]
const model = buildFakeModel('t', [
  {
    name: 'root',
    children: [
      {name: 'a', children: [{name: 'a1'}, {name: 'a2'}]},
      {name: 'b', children: [{name: 'b1'}]},
    ],
  },
])

describe('tree rows', () => {
  it('shows only what every ancestor expands', () => {
    const expanded = new Uint8Array(6)
    expect([...visibleRows(model, expanded)]).toEqual([0])
    expanded[0] = 1
    expect([...visibleRows(model, expanded)]).toEqual([0, 1, 4])
    expanded[4] = 1
    expect([...visibleRows(model, expanded)]).toEqual([0, 1, 4, 5])
    setSubtree(model, expanded, 0, true)
    expect([...visibleRows(model, expanded)]).toEqual([0, 1, 2, 3, 4, 5])
  })

  it('expands to a node and finds its row', () => {
    const expanded = new Uint8Array(6)
    expect(expandTo(model, expanded, 3)).toBe(true)
    const rows = visibleRows(model, expanded)
    expect([...rows]).toEqual([0, 1, 2, 3, 4])
    expect(rowIndexOf(rows, 3)).toBe(3)
    expect(rowIndexOf(rows, 5)).toBe(-1)
  })

  it('filters by name, keeping ancestors', () => {
    const {keep, matchCount} = filterNodes(model, 'A2')
    expect(matchCount).toBe(1)
    expect([...visibleRows(model, new Uint8Array(6).fill(1), keep)]).toEqual([0, 1, 3])
  })

  it('opens small traces fully, big ones within a budget, with the exception path', () => {
    expect([...visibleRows(model, initialExpansion(model))]).toEqual([0, 1, 2, 3, 4, 5])
    const wide = buildWideModel('w', 10, 5) // 111,111 nodes
    const rows = visibleRows(wide, initialExpansion(wide, 600))
    expect(rows.length).toBeGreaterThan(300)
    expect(rows.length).toBeLessThan(700)
    const deep = wide.nodeCount - 1
    wide.flags[deep] = NodeFlag.exceptionPath
    expect(rowIndexOf(visibleRows(wide, initialExpansion(wide, 600)), deep)).toBeGreaterThan(0)
  })

  it('keeps library-only subtrees closed', () => {
    const lib = NodeFlag.library
    const m = buildFakeModel('lib', [
      {
        name: 'request',
        kind: 'request',
        children: [
          {
            name: 'middleware',
            flags: lib,
            children: [
              {name: 'validate_host', flags: lib, children: [{name: 'split', flags: lib}]},
              {name: 'view', children: [{name: 'q', kind: 'sql'}]},
            ],
          },
        ],
      },
    ])
    // 0 request, 1 middleware, 2 validate_host, 3 split, 4 view, 5 q
    expect([...visibleRows(m, initialExpansion(m))]).toEqual([0, 1, 2, 4, 5])
  })

  it('computes rows of 300,000 nodes quickly', () => {
    const big = buildWideModel('big', 8, 6) // 299,593 nodes
    const expanded = new Uint8Array(big.nodeCount).fill(1)
    const t0 = performance.now()
    const rows = visibleRows(big, expanded)
    expect(rows.length).toBe(big.nodeCount)
    expect(performance.now() - t0).toBeLessThan(200)
  })
})

describe('tree stats', () => {
  it('computes self time and SQL counts per subtree', async () => {
    const {treeStats} = await import('./tree-stats')
    const m = buildFakeModel('s', [
      {
        name: 'root',
        durationNs: 1000,
        children: [
          {name: 'q', kind: 'sql', durationNs: 300},
          {name: 'f', durationNs: 200, children: [{name: 'q2', kind: 'sql', durationNs: 100}]},
        ],
      },
    ])
    const s = treeStats(m)
    expect([...s.sqlCount]).toEqual([2, 1, 1, 1])
    expect(s.selfNs[0]).toBe(1000 - 300 - 200)
    expect(s.selfNs[2]).toBe(200 - 100)
  })
})
