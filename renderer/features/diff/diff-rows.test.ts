import {describe, expect, it} from 'vitest'
import {defaultNoise} from '../../../shared/diff/alignment'
import type {TraceModel} from '../../../shared/model/trace-model'
import {
  entriesOfRows,
  entryShape,
  hasChildren,
  isOpen,
  nextChange,
  revealEntry,
  timingMarks,
  toggleEntry,
  visibleEntries,
} from './diff-rows'
import type {RowFilter} from './diff-rows'
import {diffFixture} from './testing/diff-fixture'

const before = `
  request GET /
    frame shop.views.index +2
      frame shop.views.load +1
        sql SELECT 1
      frame shop.views.render +1
        frame shop.views.row +1
        frame shop.views.row +1
      frame shop.views.audit +1
        sql INSERT audit
`
const after = `
  request GET /
    frame shop.views.index +2
      frame shop.views.load +9
        sql SELECT 1
      frame shop.views.render +1
        frame shop.views.row +1
        frame shop.views.row +1
        frame shop.views.row +1
          sql SELECT 2
`

function setup() {
  const {a, b, diff} = diffFixture(before, after)
  const shape = entryShape(diff.tree)
  const n = diff.tree.count
  const options = {
    filter: 'changes' as RowFilter,
    collapsed: new Uint8Array(n),
    opened: new Uint8Array(n),
    timing: timingMarks(diff.tree, shape, a, b, defaultNoise),
  }
  const nameOf = (k: number): string => {
    const y = diff.tree.rowB[k]!
    const [m, row]: [TraceModel, number] = y >= 0 ? [b, y] : [a, diff.tree.rowA[k]!]
    const mark = diff.tree.rowA[k]! < 0 ? '+' : y < 0 ? '-' : ' '
    return `${mark}${'  '.repeat(diff.tree.depth[k]!)}${m.strings[m.nameId[row]!]}`
  }
  const shown = () => Array.from(visibleEntries(diff.tree, diff.alignment, shape, options), nameOf)
  return {a, b, diff, shape, options, shown}
}

describe('the rows of the diff tree', () => {
  it('lists the changes and their parents, an added or removed subtree by its top row', () => {
    const {shown} = setup()
    expect(shown()).toEqual([
      ' GET /',
      '   shop.views.index',
      '     shop.views.render',
      '+      shop.views.row',
      '-    shop.views.audit',
    ])
  })

  it('opens an added subtree, adds the calls whose time changed, and lists all', () => {
    const {diff, shape, options, shown} = setup()
    const added = visibleEntries(diff.tree, diff.alignment, shape, options)[3]!
    expect(isOpen(diff.tree, shape, added, options)).toBe(false)
    expect(hasChildren(diff.tree, diff.alignment, shape, added, 'changes')).toBe(true)
    toggleEntry(diff.tree, shape, added, options)
    expect(shown()).toContain('+        SELECT 2')
    options.filter = 'timing'
    // load took 9 ms instead of 1: past both the 1 ms and the 20% of the default noise.
    expect(shown()).toContain('     shop.views.load')
    options.filter = 'all'
    expect(shown()).toHaveLength(diff.tree.count)
  })

  it('closes an entry: its subtree leaves the list, in every filter', () => {
    const {diff, shape, options, shown} = setup()
    const index = visibleEntries(diff.tree, diff.alignment, shape, options)[1]!
    toggleEntry(diff.tree, shape, index, options)
    expect(shown()).toEqual([' GET /', '   shop.views.index'])
    options.filter = 'all'
    expect(shown()).toEqual([' GET /', '   shop.views.index'])
    toggleEntry(diff.tree, shape, index, options)
    expect(shown()).toHaveLength(diff.tree.count)
  })

  it('steps from change to change, skipping the rows that only lead to one', () => {
    const {diff, shape, options} = setup()
    const rows = visibleEntries(diff.tree, diff.alignment, shape, options)
    expect(nextChange(diff.tree, diff.alignment, rows, -1, 1)).toBe(3)
    expect(nextChange(diff.tree, diff.alignment, rows, 3, 1)).toBe(4)
    expect(nextChange(diff.tree, diff.alignment, rows, 4, 1)).toBe(-1)
    expect(nextChange(diff.tree, diff.alignment, rows, 4, -1)).toBe(3)
  })

  it('finds the entry of each row of A and of B', () => {
    const {a, b, diff} = setup()
    const {ofA, ofB} = entriesOfRows(diff.tree, a.nodeCount, b.nodeCount)
    for (let y = 0; y < b.nodeCount; y++) expect(diff.tree.rowB[ofB[y]!]).toBe(y)
    for (let x = 0; x < a.nodeCount; x++) expect(diff.tree.rowA[ofA[x]!]).toBe(x)
  })

  it('gives every entry its parent and the end of its subtree', () => {
    const {diff, shape} = setup()
    for (let k = 1; k < diff.tree.count; k++) {
      const p = shape.parent[k]!
      expect(diff.tree.depth[p]).toBe(diff.tree.depth[k]! - 1)
      expect(shape.end[p]).toBeGreaterThan(k)
    }
    expect(shape.end[0]).toBe(diff.tree.count)
  })

  it('reveals an entry: opens what hides it, and lists all calls only when it is no change', () => {
    const {a, diff, shape, options, shown} = setup()
    const {ofA} = entriesOfRows(diff.tree, a.nodeCount, 0)
    const index = visibleEntries(diff.tree, diff.alignment, shape, options)[1]!
    toggleEntry(diff.tree, shape, index, options)
    // The INSERT under the removed audit call (A's last row): a change, hidden by two closed rows.
    const insert = ofA[a.nodeCount - 1]!
    expect(revealEntry(diff.tree, diff.alignment, shape, options, insert)).toBe('changes')
    expect(shown()).toContain('-      INSERT audit')
    // An unchanged call (the SELECT under load, A's row 3) shows among all calls only.
    const load = ofA[3]!
    expect(revealEntry(diff.tree, diff.alignment, shape, options, load)).toBe('all')
  })
})
