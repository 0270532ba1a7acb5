import type {OutboundDetails, RequestDetails} from '../../../shared/model/node-details'
import type {PyValue} from '../../../shared/values/py-value'
import {dictGet, textOf} from '../../../shared/values/py-value'
import {formatPy} from '../../../shared/values/py-format'
import {formatDurationMs} from '../../components/format'
import {StatusBadge} from '../../components/status-badge'
import {BodyView, DictTable, FactTable, Section, ValueSection} from '../../components/detail-parts'

const hasEntries = (v: PyValue | undefined): v is PyValue =>
  v !== undefined &&
  v.t !== 'none' &&
  !(v.t === 'dict' && v.entries.length === 0) &&
  !(v.t === 'str' && v.v === '') &&
  !(v.t === 'bytes' && v.length === 0)

// Kolo records Django's ResolverMatch as a dict; the route and the view are what a reader wants.
function urlPatternText(pattern: PyValue): {route?: string; view?: string} {
  if (pattern.t !== 'dict') return {route: formatPy(pattern, {maxChars: 200})}
  return {route: textOf(dictGet(pattern, 'route')), view: textOf(dictGet(pattern, 'view_qualname'))}
}

function HeadersSection(props: {title: string; value: PyValue | undefined; defaultOpen?: boolean}) {
  const {value} = props
  if (!hasEntries(value)) return null
  const count = value.t === 'dict' ? value.entries.length : undefined
  return (
    <Section
      title={props.title}
      aside={count}
      defaultOpen={props.defaultOpen ?? false}
      copy={() =>
        value.t === 'dict'
          ? value.entries
              .map(
                ([k, v]) =>
                  `${k.t === 'str' ? k.v : formatPy(k)}: ${v.t === 'str' ? v.v : formatPy(v)}`,
              )
              .join('\n')
          : formatPy(value)
      }
    >
      <DictTable value={value} />
    </Section>
  )
}

/** An inbound request served by Django, with its response. */
export function RequestDetailsView(props: {details: RequestDetails}) {
  const d = props.details
  const r = d.response
  const pattern = r?.urlPattern === undefined ? undefined : urlPatternText(r.urlPattern)
  return (
    <>
      <Section title="Request">
        <FactTable
          rows={[
            ['Method', <span className="mono strong">{d.method}</span>],
            ['Path', <span className="mono">{d.path}</span>],
            ['Status', r?.status !== undefined && <StatusBadge status={r.status} />],
            ['Duration', r?.durationMs !== undefined && formatDurationMs(r.durationMs)],
            [
              'Route',
              pattern?.route !== undefined && <span className="mono">{pattern.route}</span>,
            ],
            ['View', pattern?.view !== undefined && <span className="mono">{pattern.view}</span>],
            ['Scheme', d.scheme !== undefined && d.scheme],
          ]}
        />
      </Section>
      {hasEntries(d.queryParams) && (
        <ValueSection title="Query parameters" value={d.queryParams} openDepth={2} />
      )}
      {hasEntries(d.postData) && (
        <ValueSection title="Form data" value={d.postData} openDepth={2} />
      )}
      <HeadersSection title="Request headers" value={d.headers} />
      {hasEntries(d.body) && (
        <Section title="Request body">
          <BodyView value={d.body} />
        </Section>
      )}
      {r !== undefined && (
        <>
          <HeadersSection title="Response headers" value={r.headers} />
          <Section title="Response body">
            <BodyView value={r.content} />
          </Section>
        </>
      )}
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
        <FactTable
          rows={[
            ['Method', <span className="mono strong">{d.method}</span>],
            ['URL', <span className="mono break">{d.url}</span>],
            ['Status', r?.status !== undefined && <StatusBadge status={r.status} />],
            ['Library', d.library !== undefined && d.library],
          ]}
        />
      </Section>
      <HeadersSection title="Request headers" value={d.headers} />
      {hasEntries(d.body) && (
        <Section title="Request body">
          <BodyView value={d.body} />
        </Section>
      )}
      {r === undefined ? (
        <Section title="Response">
          <div className="muted small">No response was recorded.</div>
        </Section>
      ) : (
        <>
          <HeadersSection title="Response headers" value={r.headers} />
          <Section title="Response body">
            <BodyView value={r.body} />
          </Section>
        </>
      )}
    </>
  )
}
