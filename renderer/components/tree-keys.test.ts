import {describe, expect, it} from 'vitest'
import {treeNavigationKey} from './tree-keys'
import type {TreeKeyTarget} from './tree-keys'

// A tree of five rows: 0 holds 1 and 3; 1 holds 2; 4 is a second root. Nodes are their indices.
const parent = [-1, 0, 1, 0, -1]
const children = (n: number): number[] => parent.flatMap((p, i) => (p === n ? [i] : []))

function target(at: number, open: Set<number>) {
  const calls: string[] = []
  const t: TreeKeyTarget = {
    at,
    rowCount: 5,
    page: 3,
    current: at >= 0 ? at : undefined,
    expandable: n => children(n).length > 0,
    isOpen: n => open.has(n),
    parentIndex: n => parent[n]!,
    go: i => calls.push(`go ${i}`),
    toggle: n => calls.push(`toggle ${n}`),
  }
  return {t, calls}
}

describe('treeNavigationKey', () => {
  it('moves by row, page and to the ends', () => {
    for (const [key, at, want] of [
      ['ArrowDown', 1, 'go 2'],
      ['ArrowUp', 1, 'go 0'],
      ['ArrowUp', -1, 'go 0'],
      ['PageDown', 1, 'go 4'],
      ['PageUp', 4, 'go 1'],
      ['Home', 3, 'go 0'],
      ['End', 0, 'go 4'],
    ] as const) {
      const {t, calls} = target(at, new Set())
      expect(treeNavigationKey(key, t)).toBe(true)
      expect(calls, key).toEqual([want])
    }
  })

  it('→ opens a closed row, then steps into it; ← closes an open row, then goes to its parent', () => {
    let r = target(1, new Set())
    treeNavigationKey('ArrowRight', r.t)
    expect(r.calls).toEqual(['toggle 1'])
    r = target(1, new Set([1]))
    treeNavigationKey('ArrowRight', r.t)
    expect(r.calls).toEqual(['go 2'])
    r = target(1, new Set([1]))
    treeNavigationKey('ArrowLeft', r.t)
    expect(r.calls).toEqual(['toggle 1'])
    r = target(2, new Set([0, 1]))
    treeNavigationKey('ArrowLeft', r.t)
    expect(r.calls).toEqual(['go 1'])
    // A closed root has nowhere to go; a leaf does nothing on →.
    r = target(4, new Set())
    treeNavigationKey('ArrowLeft', r.t)
    treeNavigationKey('ArrowRight', r.t)
    expect(r.calls).toEqual([])
  })

  it('leaves other keys to the caller', () => {
    const {t, calls} = target(0, new Set())
    expect(treeNavigationKey('Enter', t)).toBe(false)
    expect(treeNavigationKey('n', t)).toBe(false)
    expect(calls).toEqual([])
  })
})
