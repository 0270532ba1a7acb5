import {describe, expect, it} from 'vitest'
import {NodeKind} from '../model/node-kind'
import type {TraceModel} from '../model/trace-model'
import {alignSubtrees, alignTraces} from './align-trees'
import {markValuesChanged} from './classify-rows'
import {DiffFlag, EditKind} from './alignment'
import type {TraceAlignment} from './alignment'
import {editList} from './edit-list'
import {outlineModel} from './testing/outline-model'
import {changeEntries, unifiedTree} from './unified-tree'

/** The edits as short strings: "inserted frame f (under a › b)". */
function edits(a: TraceModel, b: TraceModel, alignment = alignTraces(a, b)): string[] {
  const list = editList(unifiedTree(alignment, a, b), alignment, a, b)
  return list.edits.map(e => {
    const before = e.nameBefore === undefined ? '' : ` (was ${e.nameBefore})`
    const from = e.pathBefore ? ` from ${e.pathBefore.join(' › ')}` : ''
    return `${e.kind} ${e.name}${before} under ${e.path.join(' › ') || '-'}${from}`
  })
}

const bookList = (authors: number[]) =>
  outlineModel(`
request GET /
  frame shelf.views.book_list
    sql SELECT * FROM "shelf_book"
    frame shelf.views.book_list.<locals>.<listcomp>
${authors
  .map(
    id => `      sql SELECT * FROM "shelf_author" WHERE "id" = ${id} LIMIT 21
      frame shelf.models.Book.average_rating
        sql SELECT * FROM "shelf_review" WHERE "book_id" = ${id}`,
  )
  .join('\n')}
    template shelf/book_list.html
`)

describe('alignTraces', () => {
  it('matches identical traces row for row, with no edits', () => {
    const a = bookList([1, 1, 2])
    const b = bookList([1, 1, 2])
    const alignment = alignTraces(a, b)
    expect(Array.from(alignment.aToB)).toEqual(Array.from({length: a.nodeCount}, (_, i) => i))
    expect(edits(a, b, alignment)).toEqual([])
    expect(alignment.stats).toMatchObject({matched: a.nodeCount, changed: 0, moved: 0})
    expect(alignment.stats.identicalSubtrees).toBe(1)
  })

  it('finds an inserted call and nothing else', () => {
    const a = outlineModel(`
frame app.main
  frame app.load
  frame app.save
`)
    const b = outlineModel(`
frame app.main
  frame app.load
  frame app.validate
    frame app.check
  frame app.save
`)
    const alignment = alignTraces(a, b)
    expect(edits(a, b, alignment)).toEqual(['inserted app.validate under app.main'])
    expect(alignment.stats).toMatchObject({insertedRows: 2, insertedSubtrees: 1, removedRows: 0})
    expect(alignment.flagsB[0]! & DiffFlag.changeBelow).toBeTruthy()
  })

  it('finds a removed subtree', () => {
    const a = outlineModel(`
frame app.main
  frame app.load
    frame app.parse
      sql SELECT 1
  frame app.save
`)
    const b = outlineModel(`
frame app.main
  frame app.save
`)
    expect(edits(a, b)).toEqual(['removed app.load under app.main'])
  })

  it('shows a loop that ran once more as its last iteration added', () => {
    const loop = (times: number) =>
      outlineModel(`
frame app.main
${'  frame app.step\n    frame app.inner\n'.repeat(times)}  frame app.done
`)
    expect(edits(loop(3), loop(4))).toEqual(['inserted app.step under app.main'])
    const alignment = alignTraces(loop(3), loop(4))
    // The fourth iteration (rows 7, 8 of B) is the new one.
    expect(alignment.editB[7]).toBe(EditKind.inserted)
    expect(alignment.editB[1]).toBe(EditKind.same)
  })

  it('matches each query by its parameters when a loop gained an iteration in front', () => {
    // Three books (authors 1, 1, 2) against four, the new book (author 3) listed first.
    const a = bookList([1, 1, 2])
    const b = bookList([3, 1, 1, 2])
    expect(edits(a, b)).toEqual([
      'inserted SELECT * FROM "shelf_author" WHERE "id" = 3 LIMIT 21 under GET / › shelf.views.book_list › shelf.views.book_list.<locals>.<listcomp>',
      'inserted shelf.models.Book.average_rating under GET / › shelf.views.book_list › shelf.views.book_list.<locals>.<listcomp>',
    ])
  })

  it('marks a query whose parameters changed as changed, not removed and inserted', () => {
    const a = bookList([1, 2])
    const b = bookList([1, 5])
    expect(edits(a, b)).toEqual([
      'changed SELECT * FROM "shelf_author" WHERE "id" = 5 LIMIT 21 (was SELECT * FROM "shelf_author" WHERE "id" = 2 LIMIT 21) under GET / › shelf.views.book_list › shelf.views.book_list.<locals>.<listcomp>',
      'changed SELECT * FROM "shelf_review" WHERE "book_id" = 5 (was SELECT * FROM "shelf_review" WHERE "book_id" = 2) under GET / › shelf.views.book_list › shelf.views.book_list.<locals>.<listcomp> › shelf.models.Book.average_rating',
    ])
  })

  it('detects a query that moved to another function', () => {
    const a = outlineModel(`
request GET /stats/
  frame shelf.views.stats
    frame shelf.services.price_stats
      sql SELECT * FROM "shelf_book"
      frame shelf.services.price_stats.<locals>.<genexpr>
    frame shelf.views.stats.<locals>.<dictcomp>
`)
    const b = outlineModel(`
request GET /stats/
  frame shelf.views.stats
    sql SELECT * FROM "shelf_book"
    frame shelf.services.price_stats
      frame shelf.services.price_stats.<locals>.<genexpr>
  exception ValueError: no books !error
`)
    expect(edits(a, b)).toEqual([
      'moved SELECT * FROM "shelf_book" under GET /stats/ › shelf.views.stats from GET /stats/ › shelf.views.stats › shelf.services.price_stats',
      'removed shelf.views.stats.<locals>.<dictcomp> under GET /stats/ › shelf.views.stats',
      'inserted ValueError: no books under GET /stats/',
    ])
  })

  it('detects calls wrapped in a new helper as moved', () => {
    const a = outlineModel(`
frame app.main
  frame app.load
    sql SELECT 1
  frame app.save
`)
    const b = outlineModel(`
frame app.main
  frame app.helper
    frame app.load
      sql SELECT 1
  frame app.save
`)
    // The helper is new; the call it wraps moved into it.
    expect(edits(a, b)).toEqual([
      'inserted app.helper under app.main',
      'moved app.load under app.main › app.helper from app.main',
    ])
    const alignment = alignTraces(a, b)
    expect(alignment.editB[2]).toBe(EditKind.moved)
    expect(alignment.aToB[1]).toBe(2)
    expect(alignment.stats.moved).toBe(1)
    // main, the ghost of load where it was, helper, load and its query where they went, save.
    const tree = unifiedTree(alignment, a, b)
    expect(Array.from(tree.rowA.subarray(0, tree.count))).toEqual([0, 1, -1, 1, 2, 3])
    expect(Array.from(tree.rowB.subarray(0, tree.count))).toEqual([0, -1, 1, 2, 3, 4])
    expect(Array.from(tree.depth.subarray(0, tree.count))).toEqual([0, 1, 1, 2, 3, 1])
  })

  it('lists swapped siblings as one move', () => {
    const a = outlineModel(`
frame app.main
  frame app.first
  frame app.second
`)
    const b = outlineModel(`
frame app.main
  frame app.second
  frame app.first
`)
    const alignment = alignTraces(a, b)
    expect(edits(a, b, alignment)).toEqual(['moved app.first under app.main from app.main'])
    const tree = unifiedTree(alignment, a, b)
    // main, the ghost of first where it was, second, first where it went.
    expect(Array.from(tree.rowA.subarray(0, tree.count))).toEqual([0, 1, 2, 1])
    expect(Array.from(tree.rowB.subarray(0, tree.count))).toEqual([0, -1, 1, 2])
  })

  it('matches single roots of one kind even when their names differ', () => {
    const a = outlineModel('request GET /books/1/\n  frame v')
    const b = outlineModel('request GET /books/2/\n  frame v')
    expect(edits(a, b)).toEqual(['changed GET /books/2/ (was GET /books/1/) under -'])
  })

  it('flags changed error state and durations beyond the noise threshold', () => {
    const a = outlineModel('request GET /\n  frame v +2\n  frame w +1')
    const b = outlineModel('request GET / !error\n  frame v +9\n  frame w +1.1')
    const alignment = alignTraces(a, b)
    expect(alignment.editB[0]).toBe(EditKind.changed)
    expect(alignment.flagsB[1]! & DiffFlag.slower).toBeTruthy()
    // +0.1 ms is noise.
    expect(alignment.flagsB[2]! & (DiffFlag.slower | DiffFlag.faster)).toBe(0)
  })
})

describe('alignSubtrees', () => {
  it('aligns two executions of one function in one trace', () => {
    const t = outlineModel(`
frame app.main
  frame app.handle
    frame app.load
    frame app.save
  frame app.handle
    frame app.load
    frame app.audit
    frame app.save
`)
    const alignment = alignSubtrees(t, 1, t, 4)
    expect(alignment.aToB[1]).toBe(4)
    expect(alignment.editA[0]).toBe(EditKind.outside)
    expect(edits(t, t, alignment)).toEqual(['inserted app.audit under app.main › app.handle'])
  })
})

describe('long sibling lists', () => {
  const wide = (names: string[]) =>
    outlineModel(`frame root\n${names.map(name => `  frame ${name}`).join('\n')}`)

  function check(namesA: string[], namesB: string[], maxTableCells: number): TraceAlignment {
    const a = wide(namesA)
    const b = wide(namesB)
    const alignment = alignTraces(a, b, {maxTableCells})
    // A valid alignment: matched names equal, order kept on both sides.
    let last = -1
    for (let i = 1; i < a.nodeCount; i++) {
      const j = alignment.aToB[i]!
      if (j < 0 || alignment.editA[i] === EditKind.moved) continue
      expect(b.strings[b.nameId[j]!]).toBe(a.strings[a.nameId[i]!])
      expect(j).toBeGreaterThan(last)
      last = j
    }
    return alignment
  }

  it('cuts at unique anchors and solves the gaps', () => {
    const namesA = Array.from({length: 3000}, (_, i) => `f${i}`)
    const namesB = namesA.filter(n => n !== 'f1500')
    namesB.splice(10, 0, 'new1')
    namesB.splice(2000, 0, 'new2')
    const alignment = check(namesA, namesB, 1024)
    expect(alignment.stats).toMatchObject({removedRows: 1, insertedRows: 2, matched: 3000})
    expect(alignment.stats.anchorRounds).toBeGreaterThan(0)
  })

  it('falls back to in-order pairing of repeated keys, still valid and close', () => {
    // No key is unique: two alternating names, with five extra pairs in the middle of B.
    const namesA = Array.from({length: 4000}, (_, i) => (i % 2 ? 'g' : 'f'))
    const namesB = [
      ...namesA.slice(0, 2000),
      ...Array(10)
        .fill('h')
        .map((_, i) => (i % 2 ? 'g' : 'f')),
      ...namesA.slice(2000),
    ]
    const alignment = check(namesA, namesB, 64)
    expect(alignment.stats.matched).toBe(4001)
    expect(alignment.stats.insertedRows).toBe(10)
  })

  it('copes with unrelated lists', () => {
    const namesA = Array.from({length: 2000}, (_, i) => `a${(i * 7919) % 2000}`)
    const namesB = Array.from({length: 2000}, (_, i) => `a${(i * 104729) % 2000}`)
    const alignment = check(namesA, namesB, 256)
    // Same calls in another order: what the LCS leaves out, the move search pairs up.
    expect(alignment.stats.matched).toBe(2001)
    expect(alignment.stats.moved).toBeGreaterThan(0)
    expect(alignment.stats.moved).toBeLessThan(2000)
  })
})

describe('deep traces', () => {
  it('aligns a 60,000-deep recursion without recursing', () => {
    const depth = 60_000
    // A chain rec → rec → … with a log under the row `extraAt` (built directly: an outline
    // 60,000 levels deep would be gigabytes of indentation).
    const chain = (extraAt: number): TraceModel => {
      const model = outlineModel('frame rec\nlog hello')
      const n = depth + (extraAt >= 0 ? 1 : 0)
      const column = <T extends {length: number}>(make: new (n: number) => T): T => new make(n)
      Object.assign(model, {
        nodeCount: n,
        kind: column(Uint8Array),
        flags: column(Uint8Array),
        depth: column(Uint16Array),
        parent: column(Int32Array),
        size: column(Uint32Array),
        startNs: column(Float64Array),
        endNs: column(Float64Array),
        nameId: column(Uint32Array),
        fileId: column(Int32Array),
        line: column(Uint32Array),
        callLine: column(Uint32Array),
      })
      for (let d = 0; d < depth; d++) {
        model.parent[d] = d - 1
        model.depth[d] = d
        model.nameId[d] = 1
        model.size[d] = n - d
        model.endNs[d] = n - d
      }
      if (extraAt >= 0) {
        // The log is the last child of row extraAt: after the chain below it in pre-order.
        model.kind[depth] = NodeKind.log
        model.nameId[depth] = 2
        model.parent[depth] = extraAt
        model.depth[depth] = extraAt + 1
        model.size[depth] = 1
        for (let d = extraAt + 1; d < depth; d++) model.size[d] = depth - d
      }
      return model
    }
    const a = chain(-1)
    const b = chain(depth - 2)
    const alignment = alignTraces(a, b)
    expect(alignment.stats).toMatchObject({matched: depth, insertedRows: 1})
    const tree = unifiedTree(alignment, a, b)
    expect(tree.count).toBe(depth + 1)
    expect(changeEntries(tree, alignment).length).toBe(depth)
  })
})

describe('traces with little in common', () => {
  it('pairs what moved and stays fast when nothing matches at the top', () => {
    // The same 100k calls under a root of another kind: nothing aligns top-down; every block of
    // calls is found again by the move search.
    const body = Array.from(
      {length: 20_000},
      (_, i) => `  frame f${i % 7}\n    frame g${i % 3}\n      frame h\n    sql SELECT ${i % 5}`,
    ).join('\n')
    const a = outlineModel(`frame main\n${body}`)
    const b = outlineModel(`request GET /\n${body}`)
    const started = Date.now()
    const alignment = alignTraces(a, b)
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(alignment.stats).toMatchObject({removedRows: 1, insertedRows: 1, moved: 20_000})
  })
})

describe('markValuesChanged', () => {
  it('turns a same pair into changed and carries the bit up', () => {
    const a = outlineModel('frame main\n  frame mid\n    frame leaf')
    const alignment = alignTraces(a, a)
    expect(alignment.flagsA[0]! & DiffFlag.changeBelow).toBe(0)
    markValuesChanged(alignment, a, a, 2)
    expect(alignment.editB[2]).toBe(EditKind.changed)
    expect(alignment.flagsA[0]! & DiffFlag.changeBelow).toBeTruthy()
    expect(alignment.flagsB[1]! & DiffFlag.changeBelow).toBeTruthy()
    expect(a.kind[2]).toBe(NodeKind.frame)
  })
})
