import {memo} from 'react'
import type {TraceSummary} from '../../../shared/model/trace-summary'
import {formatAge, formatCount, formatDurationMs, formatLocalTime} from '../../components/format'
import {TraceLinkButton} from '../../components/trace-link'
import {SqlSummaryInline} from './trace-sql-facts'
import {KindBadge, StatusBadge} from '../../components/status-badge'

/** One row of the trace list: status, method and path (or name), duration, age, query count. */
export const TraceRow = memo(function TraceRow(props: {
  trace: TraceSummary
  selected: boolean
  focused: boolean
  /** Arrived while the page was open: marked for a moment. */
  fresh?: boolean
  nowMs: number
  onOpen: (traceId: string) => void
  /** Marked for comparison: its side once two are marked. */
  mark?: 'A' | 'B' | 'marked'
  /** Ctrl/⌘+click: mark (or unmark) for comparison. */
  onMark?: (traceId: string) => void
  /** Compare with the previous trace of its endpoint. */
  onComparePrevious?: (traceId: string) => void
}) {
  const {trace, selected, focused, nowMs} = props
  const title = trace.method !== undefined && trace.path !== undefined ? undefined : trace.name
  return (
    <div
      className={`trace-row${selected ? ' selected' : ''}${focused ? ' focused' : ''}${props.fresh ? ' fresh' : ''}${trace.error ? ' has-error' : ''}${props.mark ? ' marked' : ''}`}
      data-testid="trace-row"
      data-trace-id={trace.id}
      data-mark={props.mark}
      role="option"
      aria-selected={selected}
      onClick={e => {
        if ((e.ctrlKey || e.metaKey) && props.onMark) props.onMark(trace.id)
        else props.onOpen(trace.id)
      }}
      title={trace.error ?? `${trace.name}\n${formatLocalTime(trace.createdAt)}\n${trace.id}`}
    >
      <div className="trace-line1">
        {trace.status !== undefined ? (
          <StatusBadge status={trace.status} />
        ) : (
          <KindBadge kind={trace.kind} />
        )}
        {title === undefined ? (
          <span className="trace-route mono">
            <span className="trace-method">{trace.method}</span> {trace.path}
          </span>
        ) : (
          <span className="trace-route">{title}</span>
        )}
        <span className="trace-duration mono">
          {trace.durationMs !== undefined ? formatDurationMs(trace.durationMs) : ''}
        </span>
        {props.mark !== undefined && (
          <span className="trace-mark" title="Marked for comparison">
            {props.mark === 'marked' ? '✓' : props.mark}
            <span className="visually-hidden">
              {props.mark === 'marked' ? ' marked for comparison' : ` marked as side ${props.mark}`}
            </span>
          </span>
        )}
        {props.onComparePrevious && !trace.error && (
          <button
            className="icon-button trace-compare-button"
            title="Compare with the previous trace of this endpoint (C)"
            aria-label="Compare with the previous trace of this endpoint"
            data-testid="compare-previous-trace"
            onClick={e => {
              e.stopPropagation()
              props.onComparePrevious?.(trace.id)
            }}
          >
            ⇄
          </button>
        )}
        <TraceLinkButton traceId={trace.id} className="trace-link-button" />
      </div>
      <div className="trace-line2">
        {trace.error !== undefined ? (
          <span className="trace-error">{trace.error}</span>
        ) : (
          <>
            <span>{formatAge(trace.createdAt, nowMs)}</span>
            <SqlSummaryInline trace={trace} />
            {trace.recordCount !== undefined && <span>{formatCount(trace.recordCount)} rec</span>}
          </>
        )}
      </div>
    </div>
  )
})
