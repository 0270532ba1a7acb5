import {memo, useState} from 'react'
import type {RequestInsight} from '../../../shared/insights/trace-insights'
import type {ExceptionInsight} from '../../../shared/insights/trace-insights'
import type {RequestDetails} from '../../../shared/model/node-details'
import {formatPy} from '../../../shared/values/py-format'
import {dictGet, textOf} from '../../../shared/values/py-value'
import type {PyValue} from '../../../shared/values/py-value'
import {formatDurationMs} from '../../components/format'
import {useNodeDetails} from '../../state/trace-hooks'
import {useTraceRef} from '../../state/trace-scope'
import {FactTable, Section} from '../../components/detail-parts'
import {JumpLinks, useJump} from '../../components/node-jumps'
import {StatusBadge} from '../../components/status-badge'
import {CopyAs} from './copy-as'
import {hasEntries, requestFacts, RequestSections, requestPart, responsePart} from './http-facts'
import {HeadersAndBody, HttpTabs, NoResponse} from './http-parts'
import type {HttpTab} from './http-parts'

/** An inbound request's row; opened, its request, response and copy commands. */
export const RequestItem = memo(function RequestItem(props: {
  request: RequestInsight
  exception?: ExceptionInsight
  nested: boolean
  expanded: boolean
  selected: boolean
  onToggle: (nodeId: number) => void
}) {
  const r = props.request
  return (
    <div
      className={`insight-row http-row${props.expanded ? ' expanded' : ''}${props.selected ? ' selected' : ''}${props.nested ? ' nested' : ''}`}
      data-testid="http-request"
      data-node-id={r.nodeId}
    >
      <div className="insight-row-line" onClick={() => props.onToggle(r.nodeId)}>
        <span className="http-dir" title="Inbound: served by Django">
          IN
        </span>
        {r.status !== undefined ? (
          <StatusBadge status={r.status} />
        ) : (
          <span className="status-badge">—</span>
        )}
        <span className="insight-grow mono">
          <span className="http-method">{r.method}</span> {r.path}
        </span>
        {props.exception && (
          <span className="http-exc" title={props.exception.message}>
            {props.exception.message.split(':')[0]}
          </span>
        )}
        <span className="sql-ms mono">
          {r.durationMs !== undefined ? formatDurationMs(r.durationMs) : ''}
        </span>
      </div>
      {props.expanded && <RequestBody request={r} exception={props.exception} />}
    </div>
  )
})

function RequestBody(props: {request: RequestInsight; exception?: ExceptionInsight}) {
  const status = useNodeDetails(useTraceRef(), props.request.nodeId)
  const [tab, setTab] = useState<HttpTab>('request')
  const jump = useJump()
  if (status.state !== 'ready' || status.value.kind !== 'request') {
    return (
      <div className="insight-expanded muted small">
        {status.state === 'failed' ? `Could not load the request: ${status.message}` : 'Loading…'}
      </div>
    )
  }
  const d = status.value
  return (
    <div className="insight-expanded" data-testid="http-request-body">
      <div className="row-facts">
        <UrlPattern value={d.response?.urlPattern} />
        <JumpLinks nodeId={d.nodeId} />
      </div>
      {props.exception && (
        <div className="http-exception-banner" data-testid="http-exception">
          <strong>{props.exception.message}</strong>
          <button className="link-button" onClick={() => jump(props.exception!.nodeId, 'logs')}>
            traceback
          </button>
        </div>
      )}
      <HttpTabs tab={tab} onChange={setTab} testIdPrefix="http-tab" />
      {tab === 'request' && <RequestTab d={d} />}
      {tab === 'response' && <ResponseTab d={d} />}
      {tab === 'copy' && <CopyAs inbound={d} />}
    </div>
  )
}

/** The URL pattern and view Django resolved the request to. */
function UrlPattern(props: {value: PyValue | undefined}) {
  const v = props.value
  if (!v || v.t === 'none') return <span className="muted">No URL pattern recorded</span>
  const text = (key: string) => textOf(dictGet(v, key))
  const route = text('route')
  const name = text('url_name')
  const ns = text('namespace')
  const view = text('view_qualname') ?? text('view_path')
  const params =
    dictGet(dictGet(v, 'route_params'), 'captured') ?? dictGet(dictGet(v, 'view_params'), 'keyword')
  return (
    <span className="url-pattern" data-testid="url-pattern">
      {view !== undefined && (
        <span>
          <span className="muted">view </span>
          <span className="mono strong">{view}</span>
        </span>
      )}
      {route !== undefined && route !== 'None' && (
        <span>
          <span className="muted"> route </span>
          <span className="mono">'{route}'</span>
        </span>
      )}
      {name !== undefined && name !== 'None' && (
        <span>
          <span className="muted"> name </span>
          <span className="mono">{ns && ns !== 'None' ? `${ns}:${name}` : name}</span>
        </span>
      )}
      {hasEntries(params) && (
        <span>
          <span className="muted"> args </span>
          <span className="mono">{formatPy(params)}</span>
        </span>
      )}
    </span>
  )
}

function RequestTab({d}: {d: RequestDetails}) {
  return (
    <>
      <RequestSections details={d} parts={requestPart} />
      <HeadersAndBody headers={d.headers} body={d.body} countHeaders />
    </>
  )
}

function ResponseTab({d}: {d: RequestDetails}) {
  const r = d.response
  if (!r) return <NoResponse />
  return (
    <>
      <Section title="Response">
        <FactTable rows={requestFacts(d, responsePart)} />
      </Section>
      <HeadersAndBody headers={r.headers} body={r.content} countHeaders />
    </>
  )
}
