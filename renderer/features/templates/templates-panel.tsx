import '../../components/insights.css'
import './templates.css'
import {memo, useCallback, useMemo, useState} from 'react'
import type {TemplateInsight, TraceInsights} from '../../../shared/insights/trace-insights'
import type {TraceModel} from '../../../shared/model/trace-model'
import {NodeKind} from '../../../shared/model/node-kind'
import {formatCount, formatDurationNs} from '../../components/format'
import {toggled} from '../../components/toggled'
import {useNodeDetails} from '../../state/trace-hooks'
import {useSelectedNode, useSelectNode, useTraceRef} from '../../state/trace-scope'
import {TemplateDetailsView} from './template-details'
import {Stat, WithInsights} from '../../components/insight-parts'
import {EditorStatusLine, JumpLinks, SiteLink} from '../../components/node-jumps'
import {VirtualList} from '../../components/virtual-list'

/** How many template renders enclose a template node (base.html inside book_list.html: 1). */
function templateDepth(model: TraceModel, nodeId: number): number {
  let depth = 0
  for (let p = model.parent[nodeId]!; p >= 0; p = model.parent[p]!) {
    if (model.kind[p] === NodeKind.template) depth++
  }
  return depth
}

/** The template renders of the trace in view: name, nesting, render time and context. */
export function TemplatesPanel() {
  return (
    <WithInsights
      render={(model, insights) => <TemplatesBody model={model} insights={insights} />}
    />
  )
}

function TemplatesBody(props: {model: TraceModel; insights: TraceInsights}) {
  const {model, insights} = props
  const selectedNodeId = useSelectedNode()
  const selectNode = useSelectNode()
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set())
  const toggle = useCallback(
    (nodeId: number) => {
      setExpanded(prev => toggled(prev, nodeId))
      selectNode(nodeId)
    },
    [selectNode],
  )
  const totalNs = useMemo(
    () =>
      insights.templates
        .filter(t => templateDepth(model, t.nodeId) === 0)
        .reduce((n, t) => n + model.endNs[t.nodeId]! - model.startNs[t.nodeId]!, 0),
    [insights, model],
  )
  const maxNs = Math.max(
    1,
    ...insights.templates.map(t => model.endNs[t.nodeId]! - model.startNs[t.nodeId]!),
  )
  return (
    <div className="insight-panel templates-panel" data-testid="templates-panel">
      <div className="insight-summary">
        <Stat
          label="renders"
          value={formatCount(insights.templates.length)}
          testId="template-count"
        />
        <Stat label="rendering" value={formatDurationNs(totalNs)} />
      </div>
      <VirtualList
        items={insights.templates}
        itemKey={t => t.nodeId}
        estimatePx={() => 30}
        render={t => (
          <TemplateRow
            template={t}
            model={model}
            maxNs={maxNs}
            expanded={expanded.has(t.nodeId)}
            selected={selectedNodeId === t.nodeId}
            onToggle={toggle}
          />
        )}
        testId="templates-list"
        empty={<div className="pane-empty">No templates were rendered in this trace.</div>}
      />
      <EditorStatusLine />
    </div>
  )
}

const TemplateRow = memo(function TemplateRow(props: {
  template: TemplateInsight
  model: TraceModel
  maxNs: number
  expanded: boolean
  selected: boolean
  onToggle: (nodeId: number) => void
}) {
  const {template: t, model} = props
  const ns = model.endNs[t.nodeId]! - model.startNs[t.nodeId]!
  return (
    <div
      className={`insight-row${props.expanded ? ' expanded' : ''}${props.selected ? ' selected' : ''}`}
      data-testid="template-row"
      data-node-id={t.nodeId}
    >
      <div className="insight-row-line" onClick={() => props.onToggle(t.nodeId)}>
        <span className="template-depth" style={{width: templateDepth(model, t.nodeId) * 16}} />
        <span className="insight-grow mono template-name" data-testid="template-name">
          {t.name}
        </span>
        {t.callSite && <SiteLink site={t.callSite} withFrame={false} />}
        <span className="sql-timeline template-bar">
          <span style={{left: 0, width: `${(ns / props.maxNs) * 100}%`}} />
        </span>
        <span className="sql-ms mono">{formatDurationNs(ns)}</span>
      </div>
      {props.expanded && <TemplateBody template={t} />}
    </div>
  )
})

function TemplateBody(props: {template: TemplateInsight}) {
  const status = useNodeDetails(useTraceRef(), props.template.nodeId)
  const site = props.template.callSite
  return (
    <div className="insight-expanded">
      <div className="row-facts">
        {site && (
          <span>
            <span className="muted">rendered from </span>
            <SiteLink site={site} full withFrame={false} />
          </span>
        )}
        <JumpLinks nodeId={props.template.nodeId} frameNodeId={site?.nodeId} />
      </div>
      {status.state === 'ready' && status.value.kind === 'template' ? (
        <TemplateDetailsView details={status.value} />
      ) : (
        <div className="muted small">{status.state === 'failed' ? status.message : 'Loading…'}</div>
      )}
    </div>
  )
}
