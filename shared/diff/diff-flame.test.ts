import {describe, expect, it} from 'vitest'
import {alignTraces} from './align-trees'
import {alignedPair} from './alignment'
import {comparePlan} from './compare-plan'
import {diffFlameInput} from './diff-flame'
import {signedMs} from './summary'
import {outlineModel} from './testing/outline-model'

describe('diffFlameInput', () => {
  it('gives each row its change of total and own time', () => {
    // main: 1 ms own; load 2 → 5 ms; save removed (1 ms); audit inserted (3 ms).
    const a = outlineModel('frame main\n  frame load +2\n  frame save')
    const b = outlineModel('frame main\n  frame load +5\n  frame audit +3')
    const flame = diffFlameInput(alignTraces(a, b), a, b)
    expect(Array.from(flame.deltaNsB)).toEqual([5e6, 3e6, 3e6])
    expect(Array.from(flame.selfDeltaNsB)).toEqual([0, 3e6, 3e6])
    expect(Array.from(flame.deltaNsA)).toEqual([5e6, 3e6, -1e6])
    expect(Array.from(flame.selfDeltaNsA)).toEqual([0, 3e6, -1e6])
  })
})

describe('alignedPair', () => {
  it('names the rows whose details a view fetches for a selected row', () => {
    const a = outlineModel('frame main\n  frame load\n  frame save')
    const b = outlineModel('frame main\n  frame save')
    const alignment = alignTraces(a, b)
    expect(alignedPair(alignment, 'b', 1)).toEqual({a: 2, b: 1})
    expect(alignedPair(alignment, 'a', 1)).toEqual({a: 1, b: undefined})
  })
})

describe('comparePlan', () => {
  it('compares requests first, then queries and events, then user code, within the budget', () => {
    const t = outlineModel(
      'request GET /\n  frame view\n    sql SELECT 1\n    log hello\n  frame other',
    )
    const plan = comparePlan(alignTraces(t, t), t, 3)
    expect(plan.http).toEqual([0])
    expect(plan.calls).toEqual([2, 3])
    expect(plan.skipped).toBe(2)
  })
})

describe('signedMs', () => {
  it.each([
    [12_000_000, '+12 ms'],
    [-400_000, '−0.40 ms'],
    [1_234_000_000, '+1234 ms'],
    [15_250_000, '+15.3 ms'],
  ])('%d ns', (ns, text) => {
    expect(signedMs(ns)).toBe(text)
  })
})
