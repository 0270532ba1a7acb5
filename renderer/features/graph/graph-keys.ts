import type {Core} from 'cytoscape'
import {useCallback, useEffect, useRef} from 'react'
import type {KeyboardEvent} from 'react'
import type {CallGraph} from '../../../shared/algorithms/call-graph'
import type {FunctionTable} from '../../../shared/algorithms/function-table'
import {onSelectedNode, usePane} from '../../state/trace-scope'
import {useAppStoreApi} from '../../state/use-app-store'
import {describeGraphNode, graphMove} from './graph-navigation'
import type {GraphCursor, GraphMove} from './graph-navigation'

const moves: Record<string, GraphMove> = {
  ArrowDown: 'callee',
  ArrowUp: 'caller',
  ArrowLeft: 'previous',
  ArrowRight: 'next',
  e: 'exception',
  E: 'exception',
  Home: 'root',
}

/**
 * The call graph by keyboard: ↓ a callee, ↑ a caller, ←/→ the caller's other callees, E the
 * exception path, Home the root, Enter the frame view. Each move selects the node's first call
 * (as a click does), centres it, and `announce` says where it went. Returns the key handler.
 */
export function useGraphKeys(props: {
  cy: Core | undefined
  graph: CallGraph | undefined
  fns: FunctionTable | undefined
  choose: (node: number) => void
  open: (node: number) => void
  /** Says a text in the view's live region. */
  announce: (text: string) => void
}): (e: KeyboardEvent) => void {
  const {cy, graph, fns, choose, open, announce} = props
  const cursor = useRef<GraphCursor | undefined>(undefined)
  const store = useAppStoreApi()
  const pane = usePane()

  // A selection made elsewhere (a click, the tree) moves the cursor there.
  useEffect(() => {
    if (!graph || !fns) return
    cursor.current = undefined
    return onSelectedNode(store, pane, nodeId => {
      const fn = nodeId === undefined ? -1 : (fns.fnOf[nodeId] ?? -1)
      const id = fn < 0 ? -1 : graph.nodeOfFn[fn]!
      if (id < 0) cursor.current = undefined
      else if (cursor.current?.node !== id) cursor.current = {node: id}
    })
  }, [graph, fns, store, pane])

  return useCallback(
    (e: KeyboardEvent) => {
      if (!graph || e.altKey || e.ctrlKey || e.metaKey) return
      if (e.key === 'Enter') {
        if (cursor.current) open(cursor.current.node)
        e.preventDefault()
        return
      }
      const move = moves[e.key]
      if (move === undefined) return
      e.preventDefault()
      const next = graphMove(graph, cursor.current, move)
      if (!next) {
        announce(move === 'exception' ? 'No exception path from here' : 'No node there')
        return
      }
      cursor.current = next
      choose(next.node)
      const element = cy?.$id(`n${next.node}`)
      if (cy && element && element.length > 0) {
        const extent = cy.extent()
        const p = element.position()
        const inView = p.x > extent.x1 && p.x < extent.x2 && p.y > extent.y1 && p.y < extent.y2
        if (!inView) cy.center(element)
      }
      announce(describeGraphNode(graph, graph.nodes[next.node]!))
    },
    [cy, graph, choose, open, announce],
  )
}
