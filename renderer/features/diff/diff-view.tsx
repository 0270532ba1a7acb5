import './diff.css'
import {useCallback, useEffect, useMemo, useState} from 'react'
import {defaultNoise} from '../../../shared/diff/alignment'
import type {NoiseThreshold} from '../../../shared/diff/alignment'
import type {TraceDiff} from '../../../shared/diff/trace-diff'
import {NodeKind} from '../../../shared/model/node-kind'
import type {TraceModel} from '../../../shared/model/trace-model'
import type {Comparison, TraceStatus} from '../../state/app-state'
import {useAppStore, useAppStoreApi} from '../../state/use-app-store'
import {DiffEmpty} from './diff-empty'
import {DiffFlameView} from './diff-flame-view'
import {DiffHeader} from './diff-header'
import {entriesOfRows, entryShape, revealEntry, timingMarks} from './diff-rows'
import type {RowFilter} from './diff-rows'
import {DiffTree} from './diff-tree'
import type {DiffTreeState} from './diff-tree'
import {count, EventsDiffPanel, HttpDiffPanel} from './events-diff-panel'
import {NoiseControl} from './noise-control'
import {PairPanel} from './pair-panel'
import {SqlDiffPanel} from './sql-diff-panel'
import {comparisonKey, useComparedModel, useTraceDiff} from './use-trace-diff'

/** The diff view: the comparison the entry points opened (two traces or two executions), or how to open one. */
export function DiffView() {
  const comparison = useAppStore(s => s.comparison)
  if (!comparison) return <DiffEmpty />
  return <ComparisonView key={comparisonKey(comparison)} comparison={comparison} />
}

function ComparisonView({comparison}: {comparison: Comparison}) {
  const [noise, setNoise] = useState<NoiseThreshold>(defaultNoise)
  const [asked, setAsked] = useState<NoiseThreshold>(defaultNoise)
  // The backend redoes the summary for a new threshold once the typing stops.
  useEffect(() => {
    const timer = setTimeout(() => setAsked(noise), 400)
    return () => clearTimeout(timer)
  }, [noise])
  const {status, retry} = useTraceDiff(comparison, asked)
  const a = useComparedModel(comparison.a, 'diff-a')
  const b = useComparedModel(comparison.b, 'diff-b')
  if (status.state === 'failed') {
    return (
      <div className="center-message">
        <div className="error-banner" role="alert" data-testid="error">
          <strong>Could not compare these traces.</strong>
          <div className="error-detail mono">{status.message}</div>
          <button className="button" onClick={retry}>
            Try again
          </button>
        </div>
      </div>
    )
  }
  if (status.state !== 'ready' || !a.model || !b.model) {
    return <DiffProgress aligned={status.state === 'ready'} a={a.status} b={b.status} />
  }
  return (
    <LoadedDiff
      // A diff redone for a new noise threshold has the same tree: the user keeps their place.
      key={`${a.model.traceId}:${b.model.traceId}:${status.diff.tree.count}`}
      comparison={comparison}
      diff={status.diff}
      a={a.model}
      b={b.model}
      noise={noise}
      onNoise={setNoise}
      updating={status.updating}
    />
  )
}

function DiffProgress(props: {aligned: boolean; a: TraceStatus; b: TraceStatus}) {
  const step = (label: string, done: boolean, failed?: string) => (
    <li className={done ? 'done' : failed ? 'failed' : ''}>
      <span aria-hidden="true">{done ? '✓' : failed ? '✕' : '…'}</span> {label}
      {failed && <span className="error-text"> {failed}</span>}
    </li>
  )
  const failure = (s: TraceStatus) => (s.state === 'failed' ? s.message : undefined)
  return (
    <div className="center-message" data-testid="diff-loading">
      <div className="load-box">
        <div className="load-title">Comparing…</div>
        <ul className="diff-steps">
          {step('Trace A loaded', props.a.state === 'ready', failure(props.a))}
          {step('Trace B loaded', props.b.state === 'ready', failure(props.b))}
          {step('Calls aligned, values, queries and HTTP compared', props.aligned)}
        </ul>
      </div>
    </div>
  )
}

type DiffTab = 'calls' | 'flame' | 'sql' | 'http' | 'events'

function LoadedDiff(props: {
  comparison: Comparison
  diff: TraceDiff
  a: TraceModel
  b: TraceModel
  noise: NoiseThreshold
  onNoise: (noise: NoiseThreshold) => void
  updating: boolean
}) {
  const {comparison, diff, a, b, noise} = props
  const store = useAppStoreApi()
  const [tab, setTab] = useState<DiffTab>('calls')
  const [selected, setSelected] = useState<number>()
  const [version, setVersion] = useState(0)
  const bump = useCallback(() => setVersion(v => v + 1), [])
  const shape = useMemo(() => entryShape(diff.tree), [diff])
  const entries = useMemo(() => entriesOfRows(diff.tree, a.nodeCount, b.nodeCount), [diff, a, b])
  const [tree, setTree] = useState<DiffTreeState>(() => ({
    filter: 'changes',
    collapsed: new Uint8Array(diff.tree.count),
    opened: new Uint8Array(diff.tree.count),
  }))
  const timing = useMemo(
    () => (tree.filter === 'timing' ? timingMarks(diff.tree, shape, a, b, noise) : undefined),
    [tree.filter, diff, shape, a, b, noise],
  )
  const setFilter = (filter: RowFilter) => setTree(t => ({...t, filter}))

  const openSide = useCallback(
    (entry: number, side?: 'a' | 'b') => {
      const x = diff.tree.rowA[entry]!
      const y = diff.tree.rowB[entry]!
      const which = side ?? (y >= 0 ? 'b' : 'a')
      const row = which === 'a' ? x : y
      if (row < 0) return
      const trace = comparison[which]
      const model = which === 'a' ? a : b
      const s = store.getState()
      s.selectTrace(trace.projectId, trace.traceId)
      s.selectNode(row)
      s.setActiveView(model.kind[row] === NodeKind.frame ? 'frame' : 'tree')
    },
    [diff, comparison, a, b, store],
  )
  const showNode = useCallback(
    (side: 'a' | 'b', nodeId: number) => {
      const entry = (side === 'a' ? entries.ofA : entries.ofB)[nodeId] ?? -1
      if (entry < 0) return
      setSelected(entry)
      setTree(t => ({
        ...t,
        filter: revealEntry(diff.tree, diff.alignment, shape, {...t, timing}, entry),
      }))
      setTab('calls')
    },
    [entries, diff, shape, timing],
  )

  const tabs: {id: DiffTab; label: string; count?: number}[] = [
    {id: 'calls', label: 'Calls', count: diff.edits.edits.length + diff.edits.omitted},
    {id: 'flame', label: 'Flame'},
    {id: 'sql', label: 'SQL', count: sqlChanges(diff)},
    {
      id: 'http',
      label: 'HTTP',
      count: diff.http.length + count(diff.events.outbound) + count(diff.events.requests),
    },
    {
      id: 'events',
      label: 'Templates & logs',
      count: count(diff.events.templates) + count(diff.events.logs) + count(diff.events.exceptions),
    },
  ]
  return (
    <div className="diff-view" data-testid="diff-view" data-diff-ready="true">
      <DiffHeader diff={diff} comparison={comparison} updating={props.updating} />
      <div className="diff-tabs-row">
        <div className="diff-tabs" role="tablist" aria-label="What to compare">
          {tabs.map(t => (
            <button
              key={t.id}
              role="tab"
              id={`diff-tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls="diff-tab-body"
              className={`diff-tab${tab === t.id ? ' active' : ''}`}
              data-testid={`diff-tab-${t.id}`}
              onClick={() => setTab(t.id)}
            >
              {t.label}
              {t.count !== undefined && t.count > 0 && (
                <span className="diff-tab-count">{t.count}</span>
              )}
            </button>
          ))}
        </div>
        <span className="diff-fill" />
        <NoiseControl noise={noise} onChange={props.onNoise} />
      </div>
      <div
        className="diff-body"
        id="diff-tab-body"
        role="tabpanel"
        aria-labelledby={`diff-tab-${tab}`}
      >
        {tab === 'calls' && (
          <div className={`diff-calls${selected === undefined ? '' : ' with-pair'}`}>
            <DiffTree
              diff={diff}
              a={a}
              b={b}
              shape={shape}
              state={tree}
              timing={timing}
              noise={noise}
              selected={selected}
              version={version}
              onFilter={setFilter}
              onSelect={setSelected}
              onOpen={openSide}
            />
            {selected !== undefined && (
              <PairPanel
                diff={diff}
                a={a}
                b={b}
                traces={comparison}
                entry={selected}
                noise={noise}
                entryOfA={entries.ofA}
                onMarked={bump}
                onSelect={setSelected}
                onOpen={openSide}
              />
            )}
          </div>
        )}
        {tab === 'flame' && (
          <DiffFlameView
            diff={diff}
            a={a}
            b={b}
            noise={noise}
            selected={selected}
            entryOfA={entries.ofA}
            entryOfB={entries.ofB}
            onSelect={setSelected}
            onShowInCalls={entry => {
              const x = diff.tree.rowA[entry]!
              const y = diff.tree.rowB[entry]!
              if (y >= 0) showNode('b', y)
              else showNode('a', x)
            }}
          />
        )}
        {tab === 'sql' && <SqlDiffPanel sql={diff.sql} onShowNode={showNode} />}
        {tab === 'http' && (
          <HttpDiffPanel http={diff.http} events={diff.events} onShowNode={showNode} />
        )}
        {tab === 'events' && <EventsDiffPanel events={diff.events} onShowNode={showNode} />}
      </div>
    </div>
  )
}

function sqlChanges(diff: TraceDiff): number {
  const {sql} = diff
  const shapes = sql.fingerprints.filter(f => f.status !== 'same').length
  const n = sql.nPlusOne
  return (
    shapes + n.introduced.length + n.fixed.length + n.changed.length + sql.changedQueries.length
  )
}
