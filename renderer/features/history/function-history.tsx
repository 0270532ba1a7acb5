import './history.css'
import {useState} from 'react'
import type {
  FunctionHistory as History,
  HistoryCall,
} from '../../../shared/project-index/index-types'
import {traceRef} from '../../../shared/model/trace-ref'
import {CopyLinkButton} from '../../components/copy-link-button'
import {formatCount, formatDurationNs, formatLocalTime} from '../../components/format'
import {formatKoloLink} from '../../components/kolo-link'
import {useIndexQuery} from '../../state/index-hooks'
import {useAppStore} from '../../state/use-app-store'
import {callKey, comparePair, outlierText} from './history-marks'

/** The most calls one list asks for (the index keeps more; "Show more" asks again). */
export const maxHistoryLimit = 500

/** Which call of the list is the one on screen (marked "this call"). */
export interface CurrentCall {
  traceId: string
  nodeId: number
}

/**
 * The last calls of a function across the project, newest first: the trace, when, the arguments,
 * the return value or the exception, the duration; outliers (slow, raised, unusual return) marked
 * with an icon and words. A row opens that execution; two rows chosen can be compared.
 */
export function FunctionHistory(props: {
  projectId: string
  qualname: string
  file?: string
  limit?: number
  current?: CurrentCall
}) {
  const {projectId, qualname, file} = props
  const [limit, setLimit] = useState(props.limit ?? 20)
  const query = useIndexQuery(projectId, `history:${qualname}\0${file ?? ''}\0${limit}`, api =>
    api.getFunctionHistory({projectId, qualname, file, limit}),
  )
  if (query.state === 'idle' || (query.state === 'loading' && !query.value)) {
    return <div className="history-note muted">Loading the calls of {qualname}…</div>
  }
  const history = query.value
  if (!history) {
    return (
      <div className="history-note error-text" role="alert">
        Could not read this function's history: {query.state === 'failed' ? query.message : ''}
      </div>
    )
  }
  return (
    <HistoryList
      history={history}
      projectId={projectId}
      current={props.current}
      onMore={
        history.calls.length >= limit && limit < maxHistoryLimit
          ? () => setLimit(l => Math.min(maxHistoryLimit, l * 2))
          : undefined
      }
    />
  )
}

function HistoryList(props: {
  history: History
  projectId: string
  current?: CurrentCall
  onMore?: () => void
}) {
  const {history, projectId} = props
  const openComparison = useAppStore(s => s.openComparison)
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set())
  const pair = comparePair(history.calls, chosen)
  const toggle = (call: HistoryCall): void => {
    const next = new Set(chosen)
    const key = callKey(call)
    if (next.has(key)) next.delete(key)
    else next.add(key)
    setChosen(next)
  }
  const norms = [
    history.medianNs !== undefined && `median ${formatDurationNs(history.medianNs)}`,
    history.p95Ns !== undefined && `p95 ${formatDurationNs(history.p95Ns)}`,
  ].filter(Boolean)
  return (
    <div
      className="function-history"
      data-testid="function-history"
      data-qualname={history.qualname}
    >
      <div className="history-summary">
        <span>
          {formatCount(history.totalCalls)} call{history.totalCalls === 1 ? '' : 's'} across the
          project
          {history.calls.length < history.totalCalls &&
            `, the last ${formatCount(history.calls.length)} listed`}
        </span>
        {norms.length > 0 && <span className="muted">{norms.join(' · ')}</span>}
        {history.typicalReturn !== undefined && (
          <span className="muted">
            usually returns <span className="mono">{history.typicalReturn}</span>
          </span>
        )}
      </div>
      {history.calls.length === 0 ? (
        <div className="history-note muted">No calls of it in the indexed traces.</div>
      ) : (
        <ol className="history-calls" aria-label={`Calls of ${history.qualname}, newest first`}>
          {history.calls.map(call => (
            <HistoryRow
              key={callKey(call)}
              call={call}
              projectId={projectId}
              chosen={chosen.has(callKey(call))}
              isCurrent={
                props.current?.traceId === call.traceId && props.current.nodeId === call.nodeId
              }
              onToggle={() => toggle(call)}
            />
          ))}
        </ol>
      )}
      <div className="history-actions">
        <button
          className="button small"
          data-testid="history-compare"
          disabled={!pair}
          title={
            pair
              ? 'Compare the two chosen calls (the older as reference)'
              : 'Choose two calls to compare'
          }
          onClick={() => {
            if (!pair) return
            const [a, b] = pair
            openComparison({
              a: traceRef(projectId, a.traceId),
              b: traceRef(projectId, b.traceId),
              roots: {a: a.nodeId, b: b.nodeId},
            })
          }}
        >
          Compare{chosen.size > 0 ? ` (${chosen.size} of 2)` : ''}
        </button>
        {props.onMore && (
          <button className="link-button" onClick={props.onMore}>
            Show more
          </button>
        )}
      </div>
    </div>
  )
}

function HistoryRow(props: {
  call: HistoryCall
  projectId: string
  chosen: boolean
  isCurrent: boolean
  onToggle: () => void
}) {
  const {call, projectId} = props
  const openExecution = useAppStore(s => s.openExecution)
  const projectPath = useAppStore(s => s.projects.find(p => p.id === projectId)?.path)
  const when = `${formatLocalTime(call.startMs)}.${String(Math.floor(call.startMs % 1000)).padStart(3, '0')}`
  const open = () =>
    void openExecution({
      projectId,
      traceId: call.traceId,
      nodeId: call.nodeId,
      frameId: call.frameId,
    })
  return (
    <li
      className={`history-call${props.isCurrent ? ' current' : ''}${call.outliers.length > 0 ? ' outlier' : ''}`}
      data-testid="history-call"
      data-trace-id={call.traceId}
      data-node-id={call.nodeId}
      data-outliers={call.outliers.join(' ')}
    >
      <input
        type="checkbox"
        className="history-choose"
        checked={props.chosen}
        onChange={props.onToggle}
        aria-label={`Choose the call in ${call.traceName} at ${when} for comparison`}
      />
      <div className="history-main">
        <button
          className="history-open"
          onClick={open}
          title="Open this execution"
          data-testid="history-open"
        >
          <span className="history-trace">{call.traceName}</span>
          <span className="history-when mono muted">{when}</span>
          <span className="history-duration mono">{formatDurationNs(call.durationNs)}</span>
        </button>
        {props.isCurrent && <span className="history-current">this call</span>}
        {call.outliers.map(mark => (
          <span
            key={mark}
            className={`outlier-mark outlier-${mark}`}
            title={outlierText[mark].title}
          >
            <span aria-hidden="true">{outlierText[mark].icon}</span> {outlierText[mark].label}
          </span>
        ))}
        <div className="history-values mono">
          {call.args !== undefined && (
            <div className="history-args" title={call.args}>
              ({call.args})
            </div>
          )}
          {call.exception !== undefined ? (
            <div className="history-raised" title={call.exception} data-testid="history-raised">
              <span className="muted">raised</span> {call.exception}
            </div>
          ) : call.returnValue !== undefined ? (
            <div className="history-return" title={call.returnValue} data-testid="history-return">
              <span className="muted">→</span> {call.returnValue}
            </div>
          ) : null}
        </div>
      </div>
      {projectPath !== undefined && call.frameId !== undefined && (
        <span className="history-link">
          <CopyLinkButton link={formatKoloLink(projectPath, call.traceId, call.frameId)} />
        </span>
      )}
    </li>
  )
}
