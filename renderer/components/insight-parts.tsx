import {Fragment} from 'react'
import type {ReactNode} from 'react'
import type {TraceInsights} from '../../shared/insights/trace-insights'
import type {TraceModel} from '../../shared/model/trace-model'
import {modelKey, useInsights, useModel} from '../state/trace-hooks'
import {WholeTracePending} from './load-progress'
import {useTraceRef} from '../state/trace-scope'
import type {ResourceStatus} from '../state/use-resource'

/**
 * An insight panel's body once its trace's model and insights are in (else what it is
 * waiting for). The body is keyed by model, so its local state starts afresh for another trace.
 */
export function WithInsights(props: {
  render: (model: TraceModel, insights: TraceInsights) => ReactNode
}) {
  const trace = useTraceRef()
  const model = useModel(trace)
  const status = useInsights(trace)
  // Insights count the whole trace: while only its first rows are in, say how far it is.
  if (!model) return <WholeTracePending what="This panel" />
  if (status.state !== 'ready') return <InsightsPending status={status} />
  return <Fragment key={modelKey(model)}>{props.render(model, status.value)}</Fragment>
}

/** What a panel shows before its trace's insights are in. */
export function InsightsPending(props: {status: ResourceStatus<TraceInsights>}) {
  const {status} = props
  if (status.state === 'failed') {
    return (
      <div className="center-message">
        <div className="error-banner" data-testid="error" role="alert">
          <strong>Could not analyse this trace.</strong>
          <div className="error-detail mono">{status.message}</div>
        </div>
      </div>
    )
  }
  return <div className="pane-empty">Analysing the trace…</div>
}

/** One figure of a panel's summary strip: "7 queries", "2 N+1". */
export function Stat(props: {
  label: string
  value: ReactNode
  extra?: string
  tone?: 'warn' | 'error' | 'ok'
  testId?: string
}) {
  return (
    <div className={`insight-stat${props.tone ? ` ${props.tone}` : ''}`} data-testid={props.testId}>
      <span className="stat-value">{props.value}</span>
      <span className="stat-label">{props.label}</span>
      {props.extra !== undefined && <span className="stat-extra">{props.extra}</span>}
    </div>
  )
}

/**
 * The button that opens and closes a panel row (a query, a request, a log record): it holds
 * the row's cells, so its name is what the row says; links (a call site) sit beside it.
 */
export function RowToggle(props: {
  expanded: boolean
  onToggle: () => void
  className?: string
  children: ReactNode
}) {
  return (
    <button
      type="button"
      className={`row-toggle${props.className ? ` ${props.className}` : ''}`}
      aria-expanded={props.expanded}
      onClick={props.onToggle}
    >
      {props.children}
    </button>
  )
}
