import {memo, useState} from 'react'
import type {OutboundInsight} from '../../../shared/insights/trace-insights'
import type {OutboundDetails} from '../../../shared/model/node-details'
import {formatDurationNs} from '../../components/format'
import {useNodeDetails} from '../../state/trace-hooks'
import {useTraceRef} from '../../state/trace-scope'
import {FactTable, Section} from '../../components/detail-parts'
import {JumpLinks, SiteLink} from '../../components/node-jumps'
import {StatusBadge} from '../../components/status-badge'
import {CopyAs} from './copy-as'
import {outboundFacts, requestPart, responsePart} from './http-facts'
import {HeadersAndBody, HttpTabs, NoResponse} from './http-parts'
import type {HttpTab} from './http-parts'

/** An outbound call's row; opened, its request, response and copy commands. */
export const OutboundItem = memo(function OutboundItem(props: {
  call: OutboundInsight
  durationNs: number
  expanded: boolean
  selected: boolean
  onToggle: (nodeId: number) => void
}) {
  const c = props.call
  return (
    <div
      className={`insight-row http-row${props.expanded ? ' expanded' : ''}${props.selected ? ' selected' : ''}`}
      data-testid="http-outbound"
      data-node-id={c.nodeId}
    >
      <div className="insight-row-line" onClick={() => props.onToggle(c.nodeId)}>
        <span className="http-dir out" title="Outbound: the app called another service">
          OUT
        </span>
        {c.status !== undefined ? (
          <StatusBadge status={c.status} />
        ) : (
          <span className="status-badge">—</span>
        )}
        <span className="insight-grow mono" title={c.url}>
          <span className="http-method">{c.method}</span> {c.url}
        </span>
        {c.library !== undefined && <span className="faint small">{c.library}</span>}
        {c.callSite && <SiteLink site={c.callSite} withFrame={false} />}
        <span className="sql-ms mono">{formatDurationNs(props.durationNs)}</span>
      </div>
      {props.expanded && <OutboundBody call={c} />}
    </div>
  )
})

function OutboundBody(props: {call: OutboundInsight}) {
  const status = useNodeDetails(useTraceRef(), props.call.nodeId)
  const [tab, setTab] = useState<HttpTab>('response')
  if (status.state !== 'ready' || status.value.kind !== 'outbound') {
    return (
      <div className="insight-expanded muted small">
        {status.state === 'failed' ? `Could not load the call: ${status.message}` : 'Loading…'}
      </div>
    )
  }
  const d = status.value
  return (
    <div className="insight-expanded" data-testid="http-outbound-body">
      <div className="row-facts">
        {props.call.callSite && (
          <span>
            <span className="muted">called from </span>
            <SiteLink site={props.call.callSite} full withFrame={false} />
          </span>
        )}
        <JumpLinks nodeId={d.nodeId} frameNodeId={props.call.callSite?.nodeId} />
      </div>
      <HttpTabs tab={tab} onChange={setTab} />
      {tab === 'request' && <OutboundRequest d={d} />}
      {tab === 'response' && <OutboundResponse d={d} />}
      {tab === 'copy' && <CopyAs outbound={d} />}
    </div>
  )
}

function OutboundRequest({d}: {d: OutboundDetails}) {
  return (
    <>
      <Section title="Request">
        <FactTable rows={outboundFacts(d, requestPart)} />
      </Section>
      <HeadersAndBody headers={d.headers} body={d.body} />
    </>
  )
}

function OutboundResponse({d}: {d: OutboundDetails}) {
  const r = d.response
  if (!r) return <NoResponse />
  return (
    <>
      <Section title="Response">
        <FactTable rows={outboundFacts(d, responsePart)} />
      </Section>
      <HeadersAndBody headers={r.headers} body={r.body} />
    </>
  )
}
