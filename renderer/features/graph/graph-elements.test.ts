import {describe, expect, it} from 'vitest'
import type {CallGraph, CallGraphNode} from '../../../shared/algorithms/call-graph'
import {
  edgeText,
  graphElements,
  levelsFromRoots,
  radialPositions,
  recursionOf,
  shortLabel,
} from './graph-elements'

const node = (id: number, label: string, extra: Partial<CallGraphNode> = {}): CallGraphNode => ({
  id,
  label,
  kind: 'frame',
  library: false,
  exceptionPath: false,
  isRoot: false,
  calls: 1,
  totalNs: 100,
  selfNs: 10,
  firstRow: id,
  fns: [id],
  ...extra,
})

const graph: CallGraph = {
  nodes: [
    node(0, 'POST /import/', {kind: 'request', isRoot: true, totalNs: 400}),
    node(1, 'shelf.views.import_isbn', {exceptionPath: true}),
    node(2, 'shelf.services.import_book'),
    node(3, 'INSERT INTO "shelf_book" VALUES (…)', {kind: 'sql', calls: 4, totalNs: 25}),
    node(4, 'orphan'),
  ],
  edges: [
    {source: 0, target: 1, calls: 1, exceptionPath: true},
    {source: 1, target: 2, calls: 1, exceptionPath: false},
    {source: 2, target: 3, calls: 4, exceptionPath: false},
  ],
  prunedCount: 0,
  nodeOfFn: Int32Array.from([0, 1, 2, 3, 4]),
}

describe('shortLabel', () => {
  it.each([
    ['shelf.services.import_book', 'frame', 'services.import_book'],
    ['main', 'frame', 'main'],
    ['django', 'package', 'django (library)'],
    ['books/views.py list', 'frame', 'books/views.py list'],
    [
      'SELECT "a"."id", "a"."name", "a"."born" FROM "a" WHERE x = ?',
      'sql',
      'SELECT "a"."id", "a"."name", "a"."born"…',
    ],
  ] as const)('%j (%s) -> %j', (label, kind, expected) => {
    expect(shortLabel({label, kind})).toBe(expected)
  })
})

describe('graphElements', () => {
  it('sizes nodes by time or calls and labels edges with counts', () => {
    const byTime = graphElements(graph, 'time')
    expect(byTime.filter(e => e.group === 'nodes').map(e => e.data.size)).toEqual([
      90, 57, 57, 41, 57,
    ])
    const byCalls = graphElements(graph, 'calls')
    expect(byCalls.find(e => e.data.id === 'n3')!.data.size).toBe(90)
    const edges = byTime.filter(e => e.group === 'edges')
    expect(edges.map(e => [e.data.source, e.data.target, e.data.label, e.classes])).toEqual([
      ['n0', 'n1', '', 'exception-path'],
      ['n1', 'n2', '', ''],
      ['n2', 'n3', '×4', ''],
    ])
    expect(byTime[0]!.classes).toBe('request root')
    expect(byTime[1]!.classes).toBe('frame exception-path')
    expect(byTime.filter(e => e.group === 'nodes').map(e => e.data.label)[1]).toMatch(/^! /)
    expect(byTime[0]!.data.label).not.toMatch(/^!/)
  })
})

// fib(25) as Kolo records it: the root calls fib once, fib calls itself 242,785 times; and a
// parser whose expr → term → factor → expr calls form a cycle, beside a plain call.
const recursive: CallGraph = {
  nodes: [
    node(0, '<module>', {isRoot: true}),
    node(1, 'fib.fib', {calls: 242_786}),
    node(2, 'parse.expr'),
    node(3, 'parse.term'),
    node(4, 'parse.factor'),
    node(5, 'parse.number'),
  ],
  edges: [
    {source: 0, target: 1, calls: 1, exceptionPath: false},
    {source: 1, target: 1, calls: 242_785, exceptionPath: false},
    {source: 0, target: 2, calls: 1, exceptionPath: false},
    {source: 2, target: 3, calls: 7, exceptionPath: false},
    {source: 3, target: 4, calls: 9, exceptionPath: false},
    {source: 4, target: 2, calls: 2, exceptionPath: false},
    {source: 4, target: 5, calls: 7, exceptionPath: false},
  ],
  prunedCount: 0,
  nodeOfFn: Int32Array.from([0, 1, 2, 3, 4, 5]),
}

describe('recursion in the call graph', () => {
  it('finds the self-loop and the edges of a cycle, and nothing else', () => {
    expect([...recursionOf(recursive)].sort((a, b) => a[0] - b[0])).toEqual([
      [1, 'self'],
      [3, 'cycle'],
      [4, 'cycle'],
      [5, 'cycle'],
    ])
    expect(recursionOf(graph).size).toBe(0)
  })

  it('draws fib → fib as a self-loop labelled with its count, the cycle dashed', () => {
    const edges = graphElements(recursive, 'calls').filter(e => e.group === 'edges')
    const loop = edges.find(e => e.data.source === 'n1' && e.data.target === 'n1')!
    expect(loop.data.label).toBe('↻ ×242,785')
    expect(loop.classes).toBe('recursion self-loop')
    expect(edges.filter(e => e.classes.includes('cycle')).map(e => e.data.id)).toEqual([
      'e2-3',
      'e3-4',
      'e4-2',
    ])
    expect(edges.find(e => e.data.id === 'e4-5')!.classes).toBe('')
    // Edge ids stay unique with the loop among them (cytoscape rejects duplicates).
    expect(new Set(edges.map(e => e.data.id)).size).toBe(edges.length)
  })

  it('says it in words in the edge list', () => {
    const kinds = recursionOf(recursive)
    const text = (i: number) => edgeText(recursive, recursive.edges[i]!, kinds.get(i))
    expect(text(1)).toBe('fib.fib → fib.fib ×242,785 (recursion: calls itself)')
    expect(text(5)).toBe('parse.factor → parse.expr ×2 (mutual recursion)')
    expect(text(6)).toBe('parse.factor → parse.number ×7')
  })

  it('keeps a deep chain within the stack', () => {
    const n = 50_000
    const chain: CallGraph = {
      nodes: Array.from({length: n}, (_, i) => node(i, `f${i}`, {isRoot: i === 0})),
      edges: [
        ...Array.from({length: n - 1}, (_, i) => ({
          source: i,
          target: i + 1,
          calls: 1,
          exceptionPath: false,
        })),
        {source: n - 1, target: 0, calls: 1, exceptionPath: false},
      ],
      prunedCount: 0,
      nodeOfFn: new Int32Array(n),
    }
    const kinds = recursionOf(chain)
    expect(kinds.size).toBe(n)
    expect(new Set(kinds.values())).toEqual(new Set(['cycle']))
  })
})

describe('levelsFromRoots', () => {
  it('gives BFS depth from the roots, unreachable nodes one ring further out', () => {
    expect([...levelsFromRoots(graph)].sort((a, b) => a[0] - b[0])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
    ])
  })
})

describe('radialPositions', () => {
  it('puts the root at the centre, a chain on one ray, unreachable nodes on an outer ring', () => {
    const pos = radialPositions(graph)
    const r = (id: number) => Math.round(Math.hypot(pos.get(id)!.x, pos.get(id)!.y))
    const angle = (id: number) => Math.atan2(pos.get(id)!.y, pos.get(id)!.x)
    expect(pos.get(0)).toEqual({x: 0, y: 0})
    expect([r(1), r(2), r(3), r(4)]).toEqual([140, 280, 420, 560])
    expect(angle(2)).toBeCloseTo(angle(1), 9)
    expect(angle(3)).toBeCloseTo(angle(1), 9)
    expect(angle(4)).not.toBeCloseTo(angle(1), 3)
  })
})
