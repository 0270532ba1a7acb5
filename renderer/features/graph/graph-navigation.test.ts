import {describe, expect, it} from 'vitest'
import type {CallGraph, CallGraphNode} from '../../../shared/algorithms/call-graph'
import {calleesOf, callersOf, describeGraphNode, graphMove} from './graph-navigation'

const node = (id: number, label: string, extra: Partial<CallGraphNode> = {}): CallGraphNode => ({
  id,
  label,
  kind: 'frame',
  library: false,
  exceptionPath: false,
  isRoot: false,
  calls: 1,
  totalNs: 1000,
  selfNs: 500,
  firstRow: id,
  fns: [id],
  ...extra,
})

// POST /import/ → import_isbn → import_book → fetch_isbn → GET (outbound); POST → template;
// the exception path runs request → import_isbn → import_book → fetch_isbn.
const graph: CallGraph = {
  nodes: [
    node(0, 'POST /import/', {kind: 'request', isRoot: true, exceptionPath: true}),
    node(1, 'views.import_isbn', {exceptionPath: true}),
    node(2, 'services.import_book', {exceptionPath: true}),
    node(3, 'services.fetch_isbn', {exceptionPath: true, calls: 2, totalNs: 2_500_000}),
    node(4, 'GET http://isbn/', {kind: 'outbound'}),
    node(5, 'django_template', {kind: 'template'}),
  ],
  edges: [
    {source: 0, target: 5, calls: 3, exceptionPath: false},
    {source: 0, target: 1, calls: 1, exceptionPath: true},
    {source: 1, target: 2, calls: 1, exceptionPath: true},
    {source: 2, target: 3, calls: 2, exceptionPath: true},
    {source: 3, target: 4, calls: 2, exceptionPath: false},
  ],
  prunedCount: 0,
  nodeOfFn: Int32Array.from([0, 1, 2, 3, 4, 5]),
}

describe('graphMove', () => {
  it('starts at the root and goes down the edges, the exception path first', () => {
    expect(calleesOf(graph, 0)).toEqual([1, 5])
    expect(callersOf(graph, 3)).toEqual([2])
    const start = graphMove(graph, undefined, 'callee')
    expect(start).toEqual({node: 0})
    expect(graphMove(graph, start, 'callee')).toEqual({node: 1, via: 0})
  })

  it('steps through the callees of the caller it came from, and back up', () => {
    expect(graphMove(graph, {node: 1, via: 0}, 'next')).toEqual({node: 5, via: 0})
    expect(graphMove(graph, {node: 5, via: 0}, 'previous')).toEqual({node: 1, via: 0})
    expect(graphMove(graph, {node: 5, via: 0}, 'next')).toBeUndefined()
    expect(graphMove(graph, {node: 5, via: 0}, 'caller')).toEqual({node: 0})
    expect(graphMove(graph, {node: 0}, 'caller')).toBeUndefined()
    // Without a remembered caller, the node's first caller is used.
    expect(graphMove(graph, {node: 5}, 'previous')).toEqual({node: 1, via: 0})
  })

  it('follows the exception path with E, from anywhere to its end', () => {
    let cursor = graphMove(graph, {node: 5, via: 0}, 'exception')
    expect(cursor).toEqual({node: 0})
    const path = [0]
    for (;;) {
      cursor = graphMove(graph, cursor, 'exception')
      if (!cursor) break
      path.push(cursor.node)
    }
    expect(path).toEqual([0, 1, 2, 3])
    expect(graphMove(graph, {node: 4}, 'root')).toEqual({node: 0})
    // Nothing chosen yet: E goes straight to the path's start, as the other moves go to the root.
    expect(graphMove(graph, undefined, 'exception')).toEqual({node: 0})
    const offRoot = {
      ...graph,
      nodes: graph.nodes.map(n => (n.id === 0 ? {...n, exceptionPath: false} : n)),
    }
    expect(graphMove(offRoot, undefined, 'exception')).toEqual({node: 1})
  })
})

describe('describeGraphNode', () => {
  it('says what the node is, its calls and time, the exception path and its edges', () => {
    expect(describeGraphNode(graph, graph.nodes[3]!)).toBe(
      'services.fetch_isbn; 2 calls, 2.50 ms; on the exception path; calls GET http://isbn/; called by services.import_book',
    )
  })
})
