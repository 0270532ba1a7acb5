import {memo} from 'react'
import {SpokenPause} from '../../components/spoken-pause'
import {formatDurationNs} from '../../components/format'
import {RowToggle} from '../../components/insight-parts'
import {useNodeDetails} from '../../state/trace-hooks'
import {useTraceRef} from '../../state/trace-scope'
import {SqlDetailsView} from './sql-details'
import {JumpLinks, SiteLink} from '../../components/node-jumps'
import {SqlLine} from './sql-line'
import type {QueryRow} from './sql-rows-model'

/** One query: position, when it ran on the trace's timeline, duration, SQL, badges, call site. */
export const QueryRowView = memo(function QueryRowView(props: {
  row: QueryRow
  traceNs: number
  slowNs: number
  expanded: boolean
  selected: boolean
  onToggle: (nodeId: number) => void
}) {
  const {row, traceNs} = props
  const slow = row.durationNs >= props.slowNs
  const left = traceNs > 0 ? (row.startNs / traceNs) * 100 : 0
  const width = traceNs > 0 ? Math.max(0.6, (row.durationNs / traceNs) * 100) : 0
  return (
    <div
      className={`sql-row${props.expanded ? ' expanded' : ''}${props.selected ? ' selected' : ''}${slow ? ' slow' : ''}`}
      data-testid="sql-row"
      data-node-id={row.nodeId}
    >
      <div className="sql-row-line">
        <RowToggle
          className="sql-row-toggle"
          expanded={props.expanded}
          onToggle={() => props.onToggle(row.nodeId)}
        >
          <span className="sql-num mono">{row.index}</span>
          <SpokenPause />
          <span className="sql-timeline" title={`at +${formatDurationNs(row.startNs)}`}>
            <span style={{left: `${Math.min(left, 99.4)}%`, width: `${width}%`}} />
          </span>
          <span
            className={`sql-ms mono${slow ? ' slow' : ''}`}
            title={slow ? 'Slow query' : undefined}
          >
            <SpokenPause />
            {formatDurationNs(row.durationNs)}
            <SpokenPause />
          </span>
          <SqlLine sql={row.query} />
          <span className="sql-badges">
            {slow && (
              <span className="sql-badge slow" title="At least the slow-query threshold">
                slow
              </span>
            )}
            {row.finding !== undefined && (
              <span className="sql-badge nplus" title="Part of an N+1 pattern">
                N+1
              </span>
            )}
            {row.duplicates > 1 && (
              <span
                className="sql-badge dup"
                title="The same SQL with the same parameters ran again"
              >
                {row.duplicates}× dup
              </span>
            )}
            {row.similar > 1 && row.finding === undefined && row.duplicates < row.similar && (
              <span className="sql-badge similar" title="Queries with the same template">
                {row.similar} similar
              </span>
            )}
          </span>
        </RowToggle>
        {row.callSite ? <SiteLink site={row.callSite} withFrame={false} /> : <span />}
      </div>
      {props.expanded && <QueryDetails row={row} />}
    </div>
  )
})

function QueryDetails(props: {row: QueryRow}) {
  const {row} = props
  const status = useNodeDetails(useTraceRef(), row.nodeId)
  return (
    <div className="sql-expanded" data-testid="sql-expanded">
      <div className="sql-expanded-facts">
        <span className="muted">
          at +{formatDurationNs(row.startNs)}
          {row.database !== undefined && ` · ${row.database}`}
        </span>
        {row.callSite && (
          <span>
            <span className="muted">called from </span>
            <SiteLink site={row.callSite} full withFrame={false} />
            {row.callSite.name !== undefined && (
              <span className="muted small"> in {row.callSite.name}</span>
            )}
          </span>
        )}
        <JumpLinks nodeId={row.nodeId} frameNodeId={row.callSite?.nodeId} />
      </div>
      {status.state === 'ready' && status.value.kind === 'sql' ? (
        <div className="sql-expanded-body">
          <SqlDetailsView details={status.value} />
        </div>
      ) : status.state === 'failed' ? (
        <div className="error-text small">Could not load the query: {status.message}</div>
      ) : (
        <div className="muted small">Loading the query…</div>
      )}
    </div>
  )
}
