import './graph.css'
import cytoscape from 'cytoscape'
import type {Core, LayoutOptions} from 'cytoscape'
import {useEffect, useId, useMemo, useRef, useState} from 'react'
import type {CallGraph} from '../../../shared/algorithms/call-graph'
import type {FunctionTable} from '../../../shared/algorithms/function-table'
import type {TraceModel} from '../../../shared/model/trace-model'
import {formatCount} from '../../components/format'
import {WholeTracePending} from '../../components/load-progress'
import {ModeSwitch} from '../../components/mode-switch'
import type {ModeOption} from '../../components/mode-switch'
import type {TraceRef} from '../../../shared/model/trace-ref'
import {traceKey} from '../../../shared/model/trace-ref'
import {modelKey, useAnalysis, useModel} from '../../state/trace-hooks'
import {
  onSelectedNode,
  usePane,
  useSelectedNode,
  useSelectNode,
  useTraceRef,
} from '../../state/trace-scope'
import {useAppStore, useAppStoreApi} from '../../state/use-app-store'
import {useAsync} from '../../components/use-async'
import {useThemeVersion} from '../../components/theme'
import {edgeText, graphElements, radialPositions, recursionOf} from './graph-elements'
import type {GraphSizeBy} from './graph-elements'
import {useGraphKeys} from './graph-keys'
import {graphStyle, readGraphTheme} from './graph-style'
import {GraphTable} from './graph-table'

/** The call graph's layouts: Kolo's sun chart (rings around the request) or layers top-down. */
export type GraphLayout = 'radial' | 'layered'

const maxNodes = 300

const layouts: ModeOption<GraphLayout>[] = [
  {value: 'radial', label: 'Radial', testId: 'graph-layout-radial'},
  {value: 'layered', label: 'Layered', testId: 'graph-layout-layered'},
]

/** The call graph of the trace in view: one node per function, edges caller → callee with counts. */
export function GraphView() {
  const trace = useTraceRef()
  const model = useModel(trace)
  if (!model || !trace) return <WholeTracePending what="The call graph" />
  return <LoadedGraph key={modelKey(model)} trace={trace} model={model} />
}

function layoutOptions(layout: GraphLayout, graph: CallGraph): LayoutOptions {
  // breadthfirst takes root ids (no '#').
  const roots = graph.nodes.filter(n => n.isRoot).map(n => `n${n.id}`)
  if (layout === 'layered') {
    return {
      name: 'breadthfirst',
      directed: true,
      roots,
      spacingFactor: 1.15,
      avoidOverlap: true,
      animate: false,
      padding: 30,
    }
  }
  const positions = Object.fromEntries([...radialPositions(graph)].map(([id, p]) => [`n${id}`, p]))
  return {
    name: 'preset',
    positions,
    animate: false,
    fit: true,
    padding: 30,
  }
}

/** The closest a layout's fit zooms (nodes and labels at their designed size). */
const fitZoomCap = 1

function LoadedGraph({trace, model}: {trace: TraceRef; model: TraceModel}) {
  const store = useAppStoreApi()
  const [layout, setLayout] = useState<GraphLayout>('radial')
  const [sizeBy, setSizeBy] = useState<GraphSizeBy>('time')
  const [fold, setFold] = useState(true)
  const [asText, setAsText] = useState(false)
  const announceRef = useRef<HTMLDivElement>(null)
  const selectNode = useSelectNode()
  const setActiveView = useAppStore(s => s.setActiveView)
  const selectedNode = useSelectedNode()
  const analysis = useAnalysis(trace, model)
  const graph = useAsync(fold, () => analysis.run('callGraph', {foldLibraries: fold, maxNodes}))
  const fns = useAsync(model, () => analysis.run('functions'))
  const containerRef = useRef<HTMLDivElement>(null)
  const hintId = useId()
  const [cy, setCy] = useState<Core>()
  const current = graph.state === 'done' ? graph.value : undefined
  const table = fns.state === 'done' ? fns.value : undefined

  // Cytoscape lives outside React: created once, fed through batch(), destroyed on unmount.
  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    const instance = cytoscape({
      container,
      style: graphStyle(readGraphTheme(container)),
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: 'single',
      hideEdgesOnViewport: true,
      textureOnViewport: true,
    })
    setCy(instance)
    return () => instance.destroy()
  }, [])

  // Node and edge colours come from the theme's CSS variables: restyle when they change.
  const themeVersion = useThemeVersion()
  useEffect(() => {
    const container = containerRef.current
    if (cy && container && themeVersion > 0) cy.style(graphStyle(readGraphTheme(container)))
  }, [cy, themeVersion])

  // Layouts run once per data or layout change, never on a selection.
  useEffect(() => {
    if (!cy || !current) return
    const sized = graphElements(current, 'time')
    cy.batch(() => {
      cy.elements().remove()
      cy.add(sized)
    })
    const run = cy.layout(layoutOptions(layout, current))
    run.one('layoutstop', () => {
      cy.fit(undefined, 30)
      // A graph of a few nodes is not blown up to fill the pane: fit, but no closer than 1:1.
      if (cy.zoom() > fitZoomCap) {
        cy.zoom(fitZoomCap)
        cy.center()
      }
      containerRef.current?.setAttribute('data-laid-out', layout)
    })
    run.run()
  }, [cy, current, layout])

  useEffect(() => {
    if (!cy || !current) return
    const sizes = new Map(graphElements(current, sizeBy).map(e => [e.data.id, e.data.size]))
    cy.batch(() => cy.nodes().forEach(n => void n.data('size', sizes.get(n.id()))))
  }, [cy, current, sizeBy])

  useSelectionLink(cy, current, table, trace, store)

  // What a click on a node does, for the keyboard and the text view too.
  const choose = (id: number): void => {
    const node = current?.nodes[id]
    if (!node) return
    store.getState().setFlameFocus({trace: traceKey(trace), fns: node.fns, label: node.label})
    selectNode(node.firstRow)
  }
  const onKeyDown = useGraphKeys({
    cy,
    graph: current,
    fns: table,
    choose,
    open: id => {
      choose(id)
      setActiveView('frame')
    },
    announce: text => {
      if (announceRef.current) announceRef.current.textContent = text
    },
  })
  const selectedGraphNode =
    current && table && selectedNode !== undefined && table.fnOf[selectedNode] !== undefined
      ? current.nodeOfFn[table.fnOf[selectedNode]]
      : undefined

  const edges = useMemo(() => {
    if (!current) return []
    const recursion = recursionOf(current)
    return current.edges.map((e, i) => ({
      key: `${e.source}-${e.target}`,
      text: edgeText(current, e, recursion.get(i)),
      exceptionPath: e.exceptionPath,
    }))
  }, [current])

  return (
    <div className="graph-view">
      <div className="view-toolbar graph-toolbar">
        <ModeSwitch label="Layout" options={layouts} value={layout} onChange={setLayout} />
        <label className="graph-option">
          Size by
          <select
            value={sizeBy}
            onChange={e => setSizeBy(e.target.value as GraphSizeBy)}
            data-testid="graph-size-by"
          >
            <option value="time">total time</option>
            <option value="calls">call count</option>
          </select>
        </label>
        <label className="graph-option">
          <input
            type="checkbox"
            checked={fold}
            onChange={e => setFold(e.target.checked)}
            data-testid="graph-fold"
          />
          Fold libraries into packages
        </label>
        <div className="toolbar-spacer" />
        <button
          className={`button small${asText ? ' active' : ''}`}
          aria-pressed={asText}
          data-testid="graph-text-toggle"
          onClick={() => setAsText(t => !t)}
        >
          Text view
        </button>
        {current && (
          <span className="graph-facts muted">
            {formatCount(current.nodes.length)} {current.nodes.length === 1 ? 'node' : 'nodes'} ·{' '}
            {formatCount(current.edges.length)} {current.edges.length === 1 ? 'edge' : 'edges'}
            {current.prunedCount > 0 && ` · ${formatCount(current.prunedCount)} lightest hidden`}
          </span>
        )}
      </div>
      <div className="graph-body">
        <div
          ref={containerRef}
          className="graph-canvas"
          data-testid="call-graph"
          data-node-count={current?.nodes.length ?? 0}
          data-edge-count={current?.edges.length ?? 0}
          tabIndex={asText ? -1 : 0}
          role="application"
          aria-roledescription="call graph"
          aria-label={`Call graph of ${current?.nodes.length ?? 0} functions`}
          aria-describedby={hintId}
          data-view-focus={asText ? undefined : true}
          onKeyDown={onKeyDown}
        />
        <span id={hintId} className="visually-hidden">
          Down arrow goes to a function it calls, up arrow to a function that calls it, left and
          right to the other functions called from there, E along the exception path, Enter to the
          frame view. The Text view button shows the graph as a table.
        </span>
        <div
          className="visually-hidden"
          role="status"
          data-testid="graph-announce"
          ref={announceRef}
        />
        {asText && current && (
          <GraphTable graph={current} selected={selectedGraphNode} onChoose={choose} />
        )}
        {graph.state !== 'done' && (
          <div className="graph-status pane-empty">
            {graph.state === 'failed' ? graph.message : 'Building the call graph…'}
          </div>
        )}
        <ul
          className="visually-hidden"
          data-testid="call-graph-edges"
          aria-label="Calls between functions"
        >
          {edges.map(e => (
            <li key={e.key} data-exception-path={e.exceptionPath || undefined}>
              {e.text}
            </li>
          ))}
        </ul>
      </div>
    </div>
  )
}

/** Click a node: select its first call (tree, frame view) and highlight all its calls in the flame chart. */
function useSelectionLink(
  cy: Core | undefined,
  graph: CallGraph | undefined,
  fns: FunctionTable | undefined,
  trace: TraceRef,
  store: ReturnType<typeof useAppStoreApi>,
): void {
  const pane = usePane()
  const selectNode = useSelectNode()
  useEffect(() => {
    if (!cy || !graph) return
    const onTap = (event: cytoscape.EventObject): void => {
      const target = event.target as cytoscape.NodeSingular
      const node = graph.nodes[Number(target.id().slice(1))]
      if (!node) return
      store.getState().setFlameFocus({trace: traceKey(trace), fns: node.fns, label: node.label})
      selectNode(node.firstRow)
    }
    cy.on('tap', 'node', onTap)
    return () => void cy.off('tap', 'node', onTap)
  }, [cy, graph, trace, store, selectNode])

  useEffect(() => {
    if (!cy || !graph || !fns) return
    const apply = (nodeId: number | undefined): void => {
      const fn = nodeId === undefined ? -1 : (fns.fnOf[nodeId] ?? -1)
      const id = fn < 0 ? -1 : graph.nodeOfFn[fn]!
      cy.batch(() => {
        cy.$(':selected').unselect()
        if (id >= 0) cy.$id(`n${id}`).select()
      })
    }
    return onSelectedNode(store, pane, apply)
  }, [cy, graph, fns, store, pane])
}
