import '../../components/insights.css'
import './logs.css'
import {memo, useCallback, useMemo, useState} from 'react'
import type {ComponentType} from 'react'
import type {
  ExceptionInsight,
  LogInsight,
  TraceInsights,
} from '../../../shared/insights/trace-insights'
import type {ExceptionDetails} from '../../../shared/model/node-details'
import {nameOf} from '../../../shared/model/trace-model'
import type {TraceModel} from '../../../shared/model/trace-model'
import {formatCount, formatDurationNs} from '../../components/format'
import {toggled} from '../../components/toggled'
import {useModel, useNodeDetails} from '../../state/trace-hooks'
import {useSelectedNode, useSelectNode, useTraceRef} from '../../state/trace-scope'
import {Stat, WithInsights} from '../../components/insight-parts'
import {LogBody} from './log-body'
import {EditorStatusLine, JumpLinks, SiteLink} from '../../components/node-jumps'
import {VirtualList} from '../../components/virtual-list'

type Item = {type: 'log'; log: LogInsight} | {type: 'exception'; exception: ExceptionInsight}

const nodeOf = (item: Item): number =>
  item.type === 'log' ? item.log.nodeId : item.exception.nodeId

/** The CSS class of a log level: error, warn, info or none. */
export function levelTone(level: string): string {
  const l = level.toUpperCase()
  if (/ERROR|CRITICAL|FATAL|EXCEPTION/.test(l) || Number(l) >= 40) return 'error'
  if (/WARN/.test(l) || Number(l) >= 30) return 'warn'
  if (l === 'INFO' || Number(l) >= 20) return 'info'
  return ''
}

/** How an opened exception shows (the exceptions feature's view, composed by the app). */
export type ExceptionViewType = ComponentType<{details: ExceptionDetails}>

/** Logs and uncaught exceptions of the trace in view, in the order they happened. */
export function LogsPanel(props: {exceptionView: ExceptionViewType}) {
  return (
    <WithInsights
      render={(model, insights) => (
        <LogsPanelBody model={model} insights={insights} exceptionView={props.exceptionView} />
      )}
    />
  )
}

function LogsPanelBody(props: {
  model: TraceModel
  insights: TraceInsights
  exceptionView: ExceptionViewType
}) {
  const {model, insights} = props
  const selectedNodeId = useSelectedNode()
  const selectNode = useSelectNode()
  const [text, setText] = useState('')
  const all = useMemo(
    (): Item[] =>
      [
        ...insights.logs.map(log => ({type: 'log' as const, log})),
        ...insights.exceptions.map(exception => ({type: 'exception' as const, exception})),
      ].sort((a, b) => nodeOf(a) - nodeOf(b)),
    [insights],
  )
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => {
    const open = new Set(insights.exceptions.map(e => e.nodeId))
    if (selectedNodeId !== undefined && all.some(i => nodeOf(i) === selectedNodeId)) {
      open.add(selectedNodeId)
    }
    return open
  })
  const items = useMemo(() => {
    const t = text.trim().toLowerCase()
    if (!t) return all
    return all.filter(i =>
      i.type === 'log'
        ? `${i.log.level} ${i.log.logger} ${i.log.message}`.toLowerCase().includes(t)
        : i.exception.message.toLowerCase().includes(t),
    )
  }, [all, text])
  const scrollTo = useMemo(() => {
    const i = items.findIndex(item => nodeOf(item) === selectedNodeId)
    return i >= 0 ? i : undefined
    // Only when the panel opens: later selections come from clicks in this list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items])
  const toggle = useCallback(
    (nodeId: number) => {
      setExpanded(prev => toggled(prev, nodeId))
      selectNode(nodeId)
    },
    [selectNode],
  )
  const warnings = insights.logs.filter(l => levelTone(l.level) === 'warn').length
  const errors = insights.logs.filter(l => levelTone(l.level) === 'error').length
  return (
    <div className="insight-panel logs-panel" data-testid="logs-panel">
      <div className="insight-summary">
        <Stat
          label="exceptions"
          value={formatCount(insights.exceptions.length)}
          tone={insights.exceptions.length ? 'error' : undefined}
          testId="exception-count"
        />
        <Stat label="log records" value={formatCount(insights.logs.length)} testId="log-count" />
        <Stat label="errors" value={formatCount(errors)} tone={errors ? 'error' : undefined} />
        <Stat label="warnings" value={formatCount(warnings)} tone={warnings ? 'warn' : undefined} />
      </div>
      <div className="view-toolbar insight-toolbar">
        <input
          className="text-input insight-filter"
          placeholder="Filter level, logger or message…"
          value={text}
          onChange={e => setText(e.target.value)}
          spellCheck={false}
        />
      </div>
      <VirtualList
        items={items}
        itemKey={nodeOf}
        estimatePx={item => (item.type === 'exception' ? 320 : 30)}
        scrollToIndex={scrollTo}
        render={item => (
          <LogRow
            item={item}
            model={model}
            expanded={expanded.has(nodeOf(item))}
            selected={selectedNodeId === nodeOf(item)}
            onToggle={toggle}
            exceptionView={props.exceptionView}
          />
        )}
        testId="logs-list"
        empty={
          <div className="pane-empty">
            {all.length ? 'Nothing matches.' : 'Nothing was logged in this trace.'}
          </div>
        }
      />
      <EditorStatusLine />
    </div>
  )
}

const LogRow = memo(function LogRow(props: {
  item: Item
  model: TraceModel
  expanded: boolean
  selected: boolean
  onToggle: (nodeId: number) => void
  exceptionView: ExceptionViewType
}) {
  const {item, model} = props
  const id = nodeOf(item)
  const isLog = item.type === 'log'
  const level = isLog ? item.log.level.toUpperCase() : 'EXCEPTION'
  return (
    <div
      className={`insight-row log-row${props.expanded ? ' expanded' : ''}${props.selected ? ' selected' : ''}`}
      data-testid={isLog ? 'log-row' : 'exception-row'}
      data-level={level}
      data-node-id={id}
    >
      <div className="insight-row-line" onClick={() => props.onToggle(id)}>
        <span className="log-time mono faint">+{formatDurationNs(model.startNs[id]!)}</span>
        <span className={`level-badge ${isLog ? levelTone(level) : 'error'}`}>{level}</span>
        {isLog && <span className="log-logger mono">{item.log.logger}</span>}
        <span className="insight-grow mono log-message" data-testid="log-message">
          {isLog ? item.log.message : item.exception.message}
        </span>
        {isLog && item.log.callSite && <SiteLink site={item.log.callSite} withFrame={false} />}
      </div>
      {props.expanded && <Expanded item={item} exceptionView={props.exceptionView} />}
    </div>
  )
})

function Expanded(props: {item: Item; exceptionView: ExceptionViewType}) {
  const {item, exceptionView: ExceptionView} = props
  const id = nodeOf(item)
  const trace = useTraceRef()
  const status = useNodeDetails(trace, id)
  const site = item.type === 'log' ? item.log.callSite : undefined
  const origin = item.type === 'exception' ? item.exception.originNodeId : undefined
  const model = useModel(trace)
  return (
    <div className="insight-expanded">
      <div className="row-facts">
        {site && (
          <span>
            <span className="muted">logged at </span>
            <SiteLink site={site} full withFrame={false} />
            {site.name !== undefined && <span className="muted small"> in {site.name}</span>}
          </span>
        )}
        {origin !== undefined && model && (
          <span>
            <span className="muted">raised in </span>
            <span className="mono">{nameOf(model, origin)}</span>
          </span>
        )}
        <JumpLinks nodeId={id} frameNodeId={site?.nodeId ?? origin} />
      </div>
      {status.state === 'ready' ? (
        status.value.kind === 'exception' ? (
          <ExceptionView details={status.value} />
        ) : status.value.kind === 'log' && item.type === 'log' ? (
          <LogBody details={status.value} message={item.log.message} />
        ) : null
      ) : status.state === 'failed' ? (
        <div className="error-text small">{status.message}</div>
      ) : (
        <div className="muted small">Loading…</div>
      )}
    </div>
  )
}
