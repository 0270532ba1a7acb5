import {describe, expect, it} from 'vitest'
import {TreeConcat} from './concat-trees'
import type {TreeColumns} from './flame-columns'
import {buildFunctionTable} from './function-table'
import {buildLeftHeavy} from './merge-paths'

/** A tree from [name, file, parent, durationNs] rows in pre-order. */
function tree(rows: [string, string | undefined, number, number][]): TreeColumns {
  const strings: string[] = []
  const id = (s: string): number => {
    const at = strings.indexOf(s)
    return at >= 0 ? at : strings.push(s) - 1
  }
  const n = rows.length
  const t: TreeColumns = {
    nodeCount: n,
    depth: new Uint16Array(n),
    startNs: new Float64Array(n),
    endNs: new Float64Array(n),
    kind: new Uint8Array(n),
    flags: new Uint8Array(n),
    nameId: new Uint32Array(n),
    fileId: new Int32Array(n),
    line: new Uint32Array(n),
    parent: new Int32Array(n),
    size: new Uint32Array(n).fill(1),
    strings,
  }
  rows.forEach(([name, file, parent, duration], i) => {
    t.parent[i] = parent
    t.depth[i] = parent < 0 ? 0 : t.depth[parent]! + 1
    t.nameId[i] = id(name)
    t.fileId[i] = file === undefined ? -1 : id(file)
    t.endNs[i] = duration
    for (let p = parent; p >= 0; p = t.parent[p]!) t.size[p]!++
  })
  return t
}

describe('TreeConcat', () => {
  // Two requests of one view with different string tables (ids differ, names agree).
  const a = tree([
    ['GET /', undefined, -1, 100],
    ['shelf.views.book_list', 'shelf/views.py', 0, 80],
    ['SELECT 1', undefined, 1, 10],
  ])
  const b = tree([
    ['extra', 'x.py', -1, 5],
    ['GET /', undefined, -1, 50],
    ['shelf.views.book_list', 'shelf/views.py', 1, 40],
  ])

  it('offsets parents and maps names into one string table', () => {
    const c = new TreeConcat()
    c.add(a)
    c.add(b)
    const t = c.build()
    expect(t.nodeCount).toBe(6)
    expect(Array.from(t.parent)).toEqual([-1, 0, 1, -1, -1, 4])
    expect(Array.from(t.size)).toEqual([3, 2, 1, 1, 2, 1])
    const names = Array.from(t.nameId, id => t.strings[id])
    expect(names).toEqual([
      'GET /',
      'shelf.views.book_list',
      'SELECT 1',
      'extra',
      'GET /',
      'shelf.views.book_list',
    ])
    expect(t.nameId[1]).toBe(t.nameId[5])
    expect(t.fileId[1]).toBe(t.fileId[5])
    expect(t.fileId[0]).toBe(-1)
  })

  it('merges the same call path of two traces into one node', () => {
    const c = new TreeConcat()
    c.add(a)
    c.add(b)
    const t = c.build()
    const {layout} = buildLeftHeavy(t, buildFunctionTable(t))
    const view = Array.from({length: layout.nodeCount}, (_, i) => [
      t.strings[layout.nameId[i]!],
      layout.endNs[i]! - layout.startNs[i]!,
      layout.calls[i],
    ])
    expect(view).toContainEqual(['GET /', 150, 2])
    expect(view).toContainEqual(['shelf.views.book_list', 120, 2])
    expect(view).toContainEqual(['extra', 5, 1])
  })

  it('refuses a tree past the row bound', () => {
    const c = new TreeConcat()
    expect(c.add(a, 4)).toBe(true)
    expect(c.add(b, 4)).toBe(false)
    expect(c.rowCount).toBe(3)
    expect(c.build().nodeCount).toBe(3)
  })
})
