import type {OutboundDetails, RequestDetails} from '../../../shared/model/node-details'
import type {PyValue} from '../../../shared/values/py-value'
import {BodyView, DictTable, FactTable, Section} from '../../components/detail-parts'
import {allParts, hasEntries, headerLines, outboundFacts, RequestSections} from './http-facts'
import {NoResponse} from './http-parts'

function HeadersSection(props: {title: string; value: PyValue | undefined; defaultOpen?: boolean}) {
  const {value} = props
  if (!hasEntries(value)) return null
  const count = value.t === 'dict' ? value.entries.length : undefined
  return (
    <Section
      title={props.title}
      aside={count}
      defaultOpen={props.defaultOpen ?? false}
      copy={() => headerLines(value)}
    >
      <DictTable value={value} />
    </Section>
  )
}

/** One side of an exchange: its headers (folded), then its body (a request's only if it has one). */
function Side(props: {side: 'Request' | 'Response'; headers: PyValue | undefined; body?: PyValue}) {
  const {side} = props
  return (
    <>
      <HeadersSection title={`${side} headers`} value={props.headers} />
      {(side === 'Response' || hasEntries(props.body)) && (
        <Section title={`${side} body`}>
          <BodyView value={props.body} />
        </Section>
      )}
    </>
  )
}

/** An inbound request served by Django, with its response. */
export function RequestDetailsView(props: {details: RequestDetails}) {
  const d = props.details
  const r = d.response
  return (
    <>
      <RequestSections details={d} parts={allParts} />
      <Side side="Request" headers={d.headers} body={d.body} />
      {r !== undefined && <Side side="Response" headers={r.headers} body={r.content} />}
    </>
  )
}

/** An outbound HTTP call and its response. */
export function OutboundDetailsView(props: {details: OutboundDetails}) {
  const d = props.details
  const r = d.response
  return (
    <>
      <Section title="Request">
        <FactTable rows={outboundFacts(d, allParts)} />
      </Section>
      <Side side="Request" headers={d.headers} body={d.body} />
      {r === undefined ? (
        <Section title="Response">
          <NoResponse />
        </Section>
      ) : (
        <Side side="Response" headers={r.headers} body={r.body} />
      )}
    </>
  )
}
