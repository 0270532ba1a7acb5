import './flame.css'
import {useCallback, useEffect, useMemo, useRef, useState} from 'react'
import {nextMatch} from '../../../shared/algorithms/flame-search'
import type {TimeView} from '../../../shared/algorithms/flame-viewport'
import type {TraceModel} from '../../../shared/model/trace-model'
import type {TraceRef} from '../../../shared/model/trace-ref'
import {traceKey} from '../../../shared/model/trace-ref'
import {formatCount, formatDurationNs} from '../../components/format'
import {useThemeVersion} from '../../components/theme'
import {WholeTracePending} from '../../components/load-progress'
import {useAsync} from '../../components/use-async'
import type {FlameMode} from '../../state/app-state'
import {modelKey, useModel} from '../../state/trace-hooks'
import {analysisOf} from '../../state/trace-resources'
import {onSelectedNode, usePane, useSelectNode, useTraceRef} from '../../state/trace-scope'
import {useAppStore, useAppStoreApi} from '../../state/use-app-store'
import {FlameChart} from '../../components/flame-chart/flame-chart'
import type {FlameChartRenderer} from '../../components/flame-chart/flame-chart-renderer'
import {legend, readTheme} from '../../components/flame-chart/flame-colors'
import {flamePlace, isFlameTree, placeText} from '../../components/flame-chart/flame-navigation'
import {layoutSource, timeOrderSource} from './flame-sources'
import type {LinkedSource} from './flame-sources'
import {FlameOutline} from './flame-outline'
import {FlameFooter, FlameToolbar} from './flame-toolbar'
import type {ChartCommands, Matches} from './flame-view-types'
import {SandwichView} from './sandwich-view'

/** The flame chart of the trace in view: time order, left heavy and sandwich, linked to the selection. */
export function FlameView() {
  const trace = useTraceRef()
  const model = useModel(trace)
  if (!model || !trace) return <WholeTracePending what="The flame chart" />
  return <LoadedFlame key={modelKey(model)} trace={trace} model={model} />
}

function useMatches(trace: TraceRef, model: TraceModel): Matches | undefined {
  const key = traceKey(trace)
  const query = useAppStore(s => s.flameQuery.trim())
  const focus = useAppStore(s => (s.flameFocus?.trace === key ? s.flameFocus : undefined))
  const resources = useAppStore(s => s.resources)
  // The worker starts on first need (a search, a merge), not on the way to the first paint.
  const analysis = () => analysisOf(resources, trace, model)
  const search = useAsync(
    query || undefined,
    query ? () => analysis().run('search', {query}) : undefined,
  )
  const focused = useAsync(
    focus,
    focus ? () => analysis().run('rowsOfFunction', {fns: focus.fns}) : undefined,
  )
  if (focus) return focused.state === 'done' ? {rows: focused.value} : undefined
  return search.state === 'done' ? search.value : undefined
}

function LoadedFlame({trace, model}: {trace: TraceRef; model: TraceModel}) {
  // The bench measures first paint from here: the model is in hand and this view starts.
  useState(() => performance.mark('flame-model-ready'))
  const mode = useAppStore(s => s.flameMode)
  const resources = useAppStore(s => s.resources)
  const setActiveView = useAppStore(s => s.setActiveView)
  const selectNode = useSelectNode()
  const [asText, setAsText] = useState(false)
  const matches = useMatches(trace, model)
  const timeSource = useMemo(() => timeOrderSource(model), [model])
  const leftHeavy = useAsync(
    mode === 'left-heavy' ? model : undefined,
    mode === 'left-heavy' ? () => analysisOf(resources, trace, model).run('leftHeavy') : undefined,
  )
  const leftHeavySource = useMemo(
    () =>
      leftHeavy.state === 'done'
        ? layoutSource(leftHeavy.value.layout, model, leftHeavy.value.layoutOfRow)
        : undefined,
    [leftHeavy, model],
  )
  const themeVersion = useThemeVersion()
  const legendItems = useMemo(
    () => legend(readTheme(document.documentElement)),
    // The legend's swatches follow the theme.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [themeVersion],
  )
  const commands = useRef<ChartCommands | undefined>(undefined)
  const registerCommands = useCallback((c: ChartCommands) => {
    commands.current = c
  }, [])

  // What every chart of this trace takes.
  const chart = {trace, model, matches, registerCommands}
  let body
  if (mode === 'sandwich') {
    body = <SandwichView {...chart} />
  } else if (mode === 'left-heavy' && !leftHeavySource) {
    body = (
      <div className="pane-empty" data-testid="flame-pending">
        {leftHeavy.state === 'failed' ? leftHeavy.message : 'Merging identical call paths…'}
      </div>
    )
  } else if (asText) {
    const source = mode === 'time' ? timeSource : leftHeavySource!
    body = (
      <FlameOutline
        key={mode}
        source={source}
        label={`${mode === 'time' ? 'Time-ordered' : 'Left-heavy'} flame chart as text: ${formatCount(source.cols.nodeCount)} rows`}
        onOpen={nodeId => {
          selectNode(nodeId)
          setActiveView('frame')
        }}
      />
    )
  } else {
    body = (
      <LinkedChart
        key={mode}
        mode={mode}
        source={mode === 'time' ? timeSource : leftHeavySource!}
        {...chart}
      />
    )
  }
  return (
    <div className="flame-view" data-testid="flame-view" data-flame-mode={mode}>
      <FlameToolbar
        trace={traceKey(trace)}
        matchCount={matches?.rows.length}
        onCycle={step => commands.current?.cycle(step)}
        onReset={() => commands.current?.reset()}
        asText={asText}
        onToggleText={() => setAsText(t => !t)}
      />
      <div className="flame-body">{body}</div>
      <FlameFooter legend={legendItems} />
    </div>
  )
}

/** One main chart (time order or left heavy) linked to the store's selection and the search. */
function LinkedChart(props: {
  mode: FlameMode
  trace: TraceRef
  model: TraceModel
  source: LinkedSource
  matches: Matches | undefined
  registerCommands: (commands: ChartCommands) => void
}) {
  const {model, source, matches} = props
  const store = useAppStoreApi()
  const pane = usePane()
  const selectNode = useSelectNode()
  const [renderer, setRenderer] = useState<FlameChartRenderer>()
  const announceRef = useRef<HTMLDivElement>(null)
  const mainRef = useRef<HTMLDivElement>(null)
  const clicked = useRef(false)

  // Selection: the store is the truth; the chart follows it without a React render.
  useEffect(() => {
    if (!renderer) return
    const apply = (nodeId: number | undefined): void => {
      const row = nodeId === undefined ? -1 : source.chartRowOf(nodeId)
      renderer.setSelected(row, !clicked.current)
      clicked.current = false
      const box = announceRef.current
      if (box) {
        const d = row >= 0 ? source.describe(row) : undefined
        const place =
          d && isFlameTree(source.cols) ? `, ${placeText(flamePlace(source.cols, row))}` : ''
        box.textContent = d ? `${d.name}, ${formatDurationNs(d.durationNs)}${place}` : ''
        mainRef.current?.setAttribute(
          'data-selected-node',
          nodeId === undefined ? '' : String(nodeId),
        )
      }
    }
    return onSelectedNode(store, pane, apply)
  }, [renderer, source, store, pane])

  const matchRows = useMemo(() => {
    if (!matches) return undefined
    const mask = source.matchMask(matches.rows, matches.stringHit)
    const rows: number[] = []
    for (let i = 0; i < mask.length; i++) if (mask[i]) rows.push(i)
    return {mask, sorted: Uint32Array.from(rows)}
  }, [matches, source])

  useEffect(() => {
    renderer?.setMatches(matchRows?.mask)
  }, [renderer, matchRows])

  // The settled viewport goes to the store and comes back when this chart is shown again.
  const viewKey = `${traceKey(props.trace)}:${props.mode}`
  useEffect(() => {
    const saved = store.getState().flameViews[viewKey]
    if (renderer && saved) renderer.setView(saved)
  }, [renderer, source, viewKey, store])

  const callbacks = {
    onViewSettled: (view: TimeView) => store.getState().setFlameView(viewKey, view),
    onSelect: (row: number, by?: 'pointer' | 'keyboard') => {
      // A click leaves the view where it is; a keyboard move scrolls the selection into view.
      clicked.current = by !== 'keyboard'
      const nodeId = source.modelRowOf(row)
      if (nodeId >= 0) selectNode(nodeId)
    },
    onOpen: (row: number) => {
      const nodeId = source.modelRowOf(row)
      if (nodeId < 0) return
      selectNode(nodeId)
      store.getState().setActiveView('frame')
    },
    onCycleMatch: (step: 1 | -1) => cycleMatch(step),
  }
  const cycleMatch = (step: 1 | -1): void => {
    if (!renderer || !matchRows || matchRows.sorted.length === 0) return
    const k = nextMatch(matchRows.sorted, renderer.getSelected(), step)
    const nodeId = source.modelRowOf(matchRows.sorted[k]!)
    if (nodeId >= 0) selectNode(nodeId)
    else renderer.setSelected(matchRows.sorted[k]!, true)
  }
  const {registerCommands} = props
  useEffect(() => {
    registerCommands({cycle: cycleMatch, reset: () => renderer?.resetView()})
  })

  const label = `${props.mode === 'time' ? 'Time-ordered' : 'Left-heavy'} flame chart of ${formatCount(model.nodeCount)} calls`
  return (
    <div className="flame-main" ref={mainRef}>
      <FlameChart
        source={source}
        minimap
        label={label}
        testId="flame-canvas"
        viewFocus
        callbacks={callbacks}
        onRenderer={setRenderer}
      />
      <div
        className="visually-hidden"
        role="status"
        data-testid="flame-announce"
        ref={announceRef}
      />
    </div>
  )
}
