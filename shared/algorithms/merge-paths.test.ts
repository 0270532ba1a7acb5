import {describe, expect, it} from 'vitest'
import {NodeFlag} from '../model/node-kind'
import type {FlameLayout} from './flame-columns'
import {buildFunctionTable} from './function-table'
import {buildCallees, buildCallers, buildLeftHeavy, outermostCalls, rootRows} from './merge-paths'
import {fixtureColumns, n} from './tree-fixture'

/** A layout as rows of [name, depth, start, end, calls, self, model row]: one table to compare. */
function table(layout: FlameLayout, strings: string[]) {
  return Array.from({length: layout.nodeCount}, (_, i) => [
    strings[layout.nameId[i]!],
    layout.depth[i],
    layout.startNs[i],
    layout.endNs[i],
    layout.calls[i],
    layout.selfNs[i],
    layout.row[i],
  ])
}

// main calls a, b, a, a; a calls c once; b calls a (recursion through b).
// rows: 0 main 1 a 2 c 3 b 4 a 5 a 6 a
const cols = fixtureColumns([
  n('main', 0, 100, [
    n('a', 0, 20, [n('c', 5, 15)]),
    n('b', 20, 60, [n('a', 25, 35)]),
    n('a', 60, 70),
    n('a', 70, 75, [], {flags: NodeFlag.exceptionPath}),
  ]),
])
const fns = buildFunctionTable(cols)

describe('buildLeftHeavy', () => {
  it('merges identical call paths, heaviest first, and maps rows to merged nodes', () => {
    const {layout, layoutOfRow} = buildLeftHeavy(cols, fns)
    expect(table(layout, cols.strings)).toEqual([
      ['main', 0, 0, 100, 1, 25, 0],
      ['b', 1, 0, 40, 1, 30, 3], // b (40) is heavier than main→a (20 + 10 + 5 = 35)
      ['a', 2, 0, 10, 1, 10, 4],
      ['a', 1, 40, 75, 3, 25, 1],
      ['c', 2, 40, 50, 1, 10, 2],
    ])
    expect([...layoutOfRow]).toEqual([0, 3, 4, 1, 2, 3, 3])
    expect(layout.totalNs).toBe(100)
    expect([...layout.size]).toEqual([5, 2, 1, 2, 1])
    expect([...layout.parent]).toEqual([-1, 0, 1, 0, 3])
    expect(layout.flags[3]).toBe(NodeFlag.exceptionPath)
  })

  it('merges roots of the same function and lays roots side by side', () => {
    const two = fixtureColumns([n('r', 0, 10), n('s', 10, 40), n('r', 40, 45)])
    const {layout} = buildLeftHeavy(two, buildFunctionTable(two))
    expect(table(layout, two.strings)).toEqual([
      ['s', 0, 0, 30, 1, 30, 1],
      ['r', 0, 30, 45, 2, 15, 0],
    ])
    expect(layout.totalNs).toBe(45)
  })

  it('is empty for an empty trace', () => {
    const empty = fixtureColumns([])
    expect(buildLeftHeavy(empty, buildFunctionTable(empty)).layout.nodeCount).toBe(0)
  })
})

describe('outermostCalls and rootRows', () => {
  it('skips calls nested inside another call of the function', () => {
    const rec = fixtureColumns([
      n('f', 0, 10, [n('f', 1, 5, [n('f', 2, 3)])]),
      n('g', 10, 20, [n('f', 11, 12)]),
    ])
    const recFns = buildFunctionTable(rec)
    expect([...outermostCalls(rec, recFns, recFns.fnOf[0]!)]).toEqual([0, 4])
    expect([...rootRows(rec)]).toEqual([0, 3])
  })
})

describe('buildCallees', () => {
  it('merges what the outermost calls of a function call', () => {
    const a = fns.fnOf[1]!
    expect(table(buildCallees(cols, fns, a), cols.strings)).toEqual([
      ['a', 0, 0, 45, 4, 35, 1],
      ['c', 1, 0, 10, 1, 10, 2],
    ])
  })
})

describe('buildCallers', () => {
  it('inverts the paths above each call, weighted by the call', () => {
    const a = fns.fnOf[1]!
    expect(table(buildCallers(cols, fns, a), cols.strings)).toEqual([
      ['a', 0, 0, 45, 4, 0, 1],
      ['main', 1, 0, 35, 3, 35, 0],
      ['b', 1, 35, 45, 1, 0, 3],
      ['main', 2, 35, 45, 1, 10, 0],
    ])
  })

  it('has a bare root when the function is a root', () => {
    const c = fns.fnOf[0]!
    expect(table(buildCallers(cols, fns, c), cols.strings)).toEqual([
      ['main', 0, 0, 100, 1, 100, 0],
    ])
  })
})
