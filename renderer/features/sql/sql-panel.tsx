import './sql.css'
import '../../components/insights.css'
import {useCallback, useMemo, useState} from 'react'
import type {SqlInsights} from '../../../shared/insights/trace-insights'
import type {TraceModel} from '../../../shared/model/trace-model'
import {NodeKind} from '../../../shared/model/node-kind'
import {formatCount, formatDurationNs} from '../../components/format'
import {toggled} from '../../components/toggled'
import {useSelectedNode, useSelectNode} from '../../state/trace-scope'
import {useAppStore} from '../../state/use-app-store'
import {EditorStatusLine} from '../../components/node-jumps'
import {Stat, WithInsights} from '../../components/insight-parts'
import {VirtualList} from '../../components/virtual-list'
import {FindingCard} from './sql-finding'
import {QuerySetRow} from './sql-group-row'
import type {QuerySet} from './sql-group-row'
import {QueryRowView} from './sql-query-row'
import {filterRows, queryRows} from './sql-rows-model'
import type {QueryRow} from './sql-rows-model'

type Mode = 'queries' | 'similar' | 'duplicates'

type Item =
  {type: 'finding'; index: number} | {type: 'query'; row: QueryRow} | {type: 'set'; set: QuerySet}

/** The SQL panel of the trace in view: every query, similar ones, duplicates and N+1 findings. */
export function SqlPanel() {
  return (
    <WithInsights render={(model, insights) => <SqlPanelBody model={model} sql={insights.sql} />} />
  )
}

function SqlPanelBody(props: {model: TraceModel; sql: SqlInsights}) {
  const {model, sql} = props
  const {analysis} = sql
  const [mode, setMode] = useState<Mode>('queries')
  const [text, setText] = useState('')
  const [slowOnly, setSlowOnly] = useState(false)
  const [focus, setFocus] = useState<{label: string; nodeIds: ReadonlySet<number>}>()
  const selectedNodeId = useSelectedNode()
  // A query selected elsewhere (the tree, the flame chart) opens here, scrolled into view.
  const initial = selectedNodeId !== undefined && model.kind[selectedNodeId] === NodeKind.sql
  const [expanded, setExpanded] = useState<ReadonlySet<number | string>>(
    () => new Set(initial ? [selectedNodeId] : []),
  )
  const [scrollTo, setScrollTo] = useState<number | undefined>(() =>
    initial
      ? analysis.nPlusOne.length + sql.queries.findIndex(q => q.nodeId === selectedNodeId)
      : undefined,
  )
  const selectNode = useSelectNode()
  const slowMs = useAppStore(s => s.slowQueryMs)
  const setSlowMs = useAppStore(s => s.setSlowQueryMs)
  const slowNs = slowMs * 1e6
  const rows = useMemo(() => queryRows(sql, model), [sql, model])
  const rowsById = useMemo(() => new Map(rows.map(r => [r.nodeId, r])), [rows])
  const slowCount = useMemo(() => rows.filter(r => r.durationNs >= slowNs).length, [rows, slowNs])
  const traceNs = model.meta.durationNs || model.endNs[0]! || 1

  const toggle = useCallback(
    (key: number | string) => {
      setExpanded(prev => toggled(prev, key))
      if (typeof key === 'number' && model.kind[key] === NodeKind.sql) selectNode(key)
    },
    [model, selectNode],
  )

  const showQueries = useCallback((label: string, nodeIds: number[], open?: number) => {
    setMode('queries')
    setFocus({label, nodeIds: new Set(nodeIds)})
    if (open !== undefined) setExpanded(prev => new Set(prev).add(open))
  }, [])

  const items = useMemo((): Item[] => {
    const filter = {text, nodeIds: focus?.nodeIds, slowOnly, slowNs}
    if (mode === 'queries') {
      const findings: Item[] =
        focus || text || slowOnly
          ? []
          : analysis.nPlusOne.map((_, index) => ({type: 'finding', index}))
      return [...findings, ...filterRows(rows, filter).map(row => ({type: 'query' as const, row}))]
    }
    const sets: QuerySet[] =
      mode === 'similar'
        ? analysis.groups
            .filter(g => g.nodeIds.length > 1)
            .map(g => ({
              key: `g:${g.template}`,
              sql: g.template,
              nodeIds: g.nodeIds,
              totalNs: g.totalNs,
            }))
        : analysis.duplicates.map(d => ({
            key: `d:${d.query}\u0000${d.paramsKey}`,
            sql: d.query,
            nodeIds: d.nodeIds,
            totalNs: d.totalNs,
          }))
    const t = text.trim().toLowerCase()
    return sets.filter(s => !t || s.sql.toLowerCase().includes(t)).map(set => ({type: 'set', set}))
  }, [mode, text, focus, slowOnly, slowNs, rows, analysis])

  const render = (item: Item) => {
    switch (item.type) {
      case 'finding':
        return (
          <FindingCard
            finding={analysis.nPlusOne[item.index]!}
            index={item.index}
            model={model}
            showing={false}
            onShow={() =>
              showQueries(`N+1 #${item.index + 1}`, analysis.nPlusOne[item.index]!.nodeIds)
            }
            onShowIterated={nodeId => {
              setExpanded(prev => new Set(prev).add(nodeId))
              setScrollTo(
                analysis.nPlusOne.length + sql.queries.findIndex(q => q.nodeId === nodeId),
              )
            }}
          />
        )
      case 'query':
        return (
          <QueryRowView
            row={item.row}
            traceNs={traceNs}
            slowNs={slowNs}
            expanded={expanded.has(item.row.nodeId)}
            selected={selectedNodeId === item.row.nodeId}
            onToggle={toggle}
          />
        )
      case 'set':
        return (
          <QuerySetRow
            set={item.set}
            kind={mode === 'duplicates' ? 'duplicates' : 'similar'}
            rowsById={rowsById}
            expanded={expanded.has(item.set.key)}
            onToggle={toggle}
            onShowQuery={(ids, id) => {
              showQueries(mode === 'duplicates' ? 'a duplicate set' : 'a template', ids, id)
              setScrollTo(undefined)
            }}
          />
        )
    }
  }

  const percent = model.meta.durationNs > 0 ? (analysis.totalNs / model.meta.durationNs) * 100 : 0
  return (
    <div className="insight-panel sql-panel" data-testid="sql-panel">
      <div className="insight-summary" data-testid="sql-summary">
        <Stat label="queries" value={formatCount(analysis.queryCount)} testId="sql-count" />
        <Stat
          label="in SQL"
          value={formatDurationNs(analysis.totalNs)}
          extra={percent > 0 ? `${percent.toFixed(0)}% of the trace` : undefined}
        />
        <Stat
          label={analysis.duplicateCount === 1 ? 'duplicate' : 'duplicates'}
          value={formatCount(analysis.duplicateCount)}
          tone={analysis.duplicateCount > 0 ? 'warn' : undefined}
          testId="sql-duplicates"
        />
        <Stat
          label="N+1"
          value={formatCount(analysis.nPlusOne.length)}
          tone={analysis.nPlusOne.length > 0 ? 'error' : undefined}
          testId="sql-nplusone"
        />
        <Stat
          label="slow"
          value={formatCount(slowCount)}
          tone={slowCount > 0 ? 'error' : undefined}
        />
      </div>
      <div className="view-toolbar insight-toolbar">
        <div className="segmented" role="tablist">
          {(
            [
              ['queries', 'Queries', analysis.queryCount],
              ['similar', 'Similar', analysis.groups.filter(g => g.nodeIds.length > 1).length],
              ['duplicates', 'Duplicates', analysis.duplicates.length],
            ] as const
          ).map(([m, label, n]) => (
            <button
              key={m}
              role="tab"
              aria-selected={mode === m}
              className={mode === m ? 'active' : undefined}
              data-testid={`sql-mode-${m}`}
              onClick={() => {
                setMode(m)
                setFocus(undefined)
              }}
            >
              {label} <span className="seg-count">{n}</span>
            </button>
          ))}
        </div>
        <input
          className="text-input insight-filter"
          placeholder="Filter SQL or file…"
          value={text}
          onChange={e => setText(e.target.value)}
          spellCheck={false}
          data-testid="sql-filter"
        />
        <span className="toolbar-spacer" />
        <label className="slow-setting" title="Queries at least this long are marked slow">
          <input type="checkbox" checked={slowOnly} onChange={e => setSlowOnly(e.target.checked)} />
          slow only, ≥
          <input
            type="number"
            className="text-input slow-input mono"
            min={0.01}
            step="any"
            value={slowMs}
            onChange={e => setSlowMs(Number(e.target.value))}
            data-testid="sql-slow-ms"
          />
          ms
        </label>
      </div>
      {focus && (
        <div className="focus-bar">
          Showing the {formatCount(focus.nodeIds.size)} queries of {focus.label}
          <button className="link-button" onClick={() => setFocus(undefined)}>
            show all
          </button>
        </div>
      )}
      <VirtualList
        items={items}
        itemKey={item =>
          item.type === 'finding'
            ? `f${item.index}`
            : item.type === 'query'
              ? item.row.nodeId
              : item.set.key
        }
        estimatePx={item => (item.type === 'finding' ? 150 : 28)}
        render={render}
        scrollToIndex={scrollTo}
        testId="sql-list"
        empty={
          <div className="pane-empty">
            {analysis.queryCount === 0
              ? 'This trace ran no SQL queries.'
              : text !== ''
                ? 'No query matches.'
                : mode === 'similar'
                  ? 'No two queries share a template.'
                  : mode === 'duplicates'
                    ? 'No query ran twice with the same parameters.'
                    : 'No query matches.'}
          </div>
        }
      />
      <EditorStatusLine />
    </div>
  )
}
