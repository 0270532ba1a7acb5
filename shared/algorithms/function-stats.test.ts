import {describe, expect, it} from 'vitest'
import {buildFunctionTable} from './function-table'
import {functionStats, sortFunctions} from './function-stats'
import {fixtureColumns, n} from './tree-fixture'

// f recurses into itself; g calls f. Function ids: f 0, h 1, g 2.
const cols = fixtureColumns([
  n('f', 0, 100, [n('f', 10, 50, [n('h', 20, 30)])]),
  n('g', 100, 130, [n('f', 105, 125)]),
])
const fns = buildFunctionTable(cols)

describe('functionStats', () => {
  it('counts recursion once in total time, every call in self time and calls', () => {
    const stats = functionStats(cols, fns)
    expect(fns.name).toEqual(['f', 'h', 'g'])
    expect([...stats.totalNs]).toEqual([120, 10, 30])
    expect([...stats.selfNs]).toEqual([60 + 30 + 20, 10, 10])
    expect([...stats.calls]).toEqual([3, 1, 1])
  })

  it('sorts by a column, ties by first call', () => {
    const stats = functionStats(cols, fns)
    expect([...sortFunctions(fns, stats, 'totalNs')]).toEqual([0, 2, 1])
    expect([...sortFunctions(fns, stats, 'selfNs')]).toEqual([0, 1, 2])
    expect([...sortFunctions(fns, stats, 'calls')]).toEqual([0, 1, 2])
    expect([...sortFunctions(fns, stats, 'name')]).toEqual([0, 2, 1])
  })
})
