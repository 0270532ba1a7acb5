import {useEffect, useMemo, useState} from 'react'
import {sortFunctions} from '../../../shared/algorithms/function-stats'
import type {TraceModel} from '../../../shared/model/trace-model'
import type {TraceRef} from '../../../shared/model/trace-ref'
import {useAsync} from '../../components/use-async'
import {useAnalysis} from '../../state/trace-hooks'
import {onSelectedNode, usePane, useSelectNode} from '../../state/trace-scope'
import {useAppStore, useAppStoreApi} from '../../state/use-app-store'
import {FlameChart} from '../../components/flame-chart/flame-chart'
import type {FlameChartRenderer} from '../../components/flame-chart/flame-chart-renderer'
import {layoutSource} from './flame-sources'
import type {ChartCommands, Matches} from './flame-view-types'
import {SandwichTable} from './sandwich-table'

/**
 * Sandwich mode: the function table; for the selected function, who calls it (above, inverted)
 * and what it calls (below). The selected function follows the store's selected node.
 */
export function SandwichView(props: {
  trace: TraceRef
  model: TraceModel
  matches: Matches | undefined
  registerCommands: (commands: ChartCommands) => void
}) {
  const {model, matches} = props
  const analysis = useAnalysis(props.trace, model)
  const store = useAppStoreApi()
  const pane = usePane()
  const selectNode = useSelectNode()
  const functions = useAsync(model, () => analysis.run('functions'))
  const stats = useAsync(model, () => analysis.run('stats'))
  const sort = useAppStore(s => s.sandwichSort)
  const fns = functions.state === 'done' ? functions.value : undefined
  const [selectedFn, setSelectedFn] = useState(-1)

  useEffect(() => {
    if (!fns) return
    const apply = (nodeId: number | undefined): void =>
      setSelectedFn(nodeId === undefined || nodeId >= fns.fnOf.length ? -1 : fns.fnOf[nodeId]!)
    return onSelectedNode(store, pane, apply)
  }, [fns, store, pane])

  const order = useMemo(() => {
    if (!fns || stats.state !== 'done') return undefined
    const sorted = sortFunctions(fns, stats.value, sort)
    if (!matches) return sorted
    const keep = new Uint8Array(fns.count)
    for (const row of matches.rows) keep[fns.fnOf[row]!] = 1
    return sorted.filter(fn => keep[fn] === 1)
  }, [fns, stats, sort, matches])

  const selectFn = (fn: number): void => {
    if (fns && fn >= 0) selectNode(fns.firstRow[fn])
  }
  const {registerCommands} = props
  useEffect(() => {
    registerCommands({
      cycle: step => {
        if (!order || order.length === 0) return
        const k = order.indexOf(selectedFn)
        selectFn(order[k < 0 ? 0 : (k + step + order.length) % order.length]!)
      },
      reset: () => undefined,
    })
  })

  const hasFn = selectedFn >= 0
  const callers = useAsync(
    hasFn ? selectedFn : undefined,
    hasFn ? () => analysis.run('callers', {fn: selectedFn}) : undefined,
  )
  const callees = useAsync(
    hasFn ? selectedFn : undefined,
    hasFn ? () => analysis.run('callees', {fn: selectedFn}) : undefined,
  )
  const callersSource = useMemo(
    () => (callers.state === 'done' ? layoutSource(callers.value, model) : undefined),
    [callers, model],
  )
  const calleesSource = useMemo(
    () =>
      callees.state === 'done'
        ? layoutSource(callees.value.layout, model, callees.value.layoutOfRow)
        : undefined,
    [callees, model],
  )
  const [calleesChart, setCalleesChart] = useState<FlameChartRenderer>()
  useEffect(() => {
    if (!calleesChart || !calleesSource) return
    const apply = (nodeId: number | undefined): void =>
      calleesChart.setSelected(nodeId === undefined ? -1 : calleesSource.chartRowOf(nodeId))
    return onSelectedNode(store, pane, apply)
  }, [calleesChart, calleesSource, store, pane])

  if (!fns || stats.state !== 'done' || !order) {
    return (
      <div className="pane-empty">
        {functions.state === 'failed' ? functions.message : 'Counting functions…'}
      </div>
    )
  }
  const onChartSelect = (layout: {row: Int32Array} | undefined) => (row: number) => {
    const nodeId = layout?.row[row]
    if (nodeId !== undefined && nodeId >= 0) selectNode(nodeId)
  }
  const name = hasFn ? fns.name[selectedFn] : undefined
  return (
    <div className="sandwich" data-testid="sandwich">
      <SandwichTable
        fns={fns}
        stats={stats.value}
        order={order}
        domainNs={model.meta.durationNs}
        strings={model.strings}
        selectedFn={selectedFn}
        onSelect={selectFn}
      />
      <div className="sandwich-charts">
        {!hasFn ? (
          <div className="pane-empty">Select a function to see its callers and callees.</div>
        ) : (
          <>
            <div className="sandwich-caption">
              Callers of <span className="mono">{name}</span>
            </div>
            <FlameChart
              source={callersSource}
              inverted
              label={`Callers of ${name ?? ''}`}
              testId="sandwich-callers"
              callbacks={{
                onSelect: onChartSelect(callers.state === 'done' ? callers.value : undefined),
              }}
            />
            <div className="sandwich-caption">
              Callees of <span className="mono">{name}</span>
            </div>
            <FlameChart
              source={calleesSource}
              label={`Callees of ${name ?? ''}`}
              testId="sandwich-callees"
              callbacks={{
                onSelect: onChartSelect(
                  callees.state === 'done' ? callees.value.layout : undefined,
                ),
              }}
              onRenderer={setCalleesChart}
            />
          </>
        )}
      </div>
    </div>
  )
}
