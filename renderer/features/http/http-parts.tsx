import type {PyValue} from '../../../shared/values/py-value'
import {DictTable, Section} from '../../components/detail-parts'
import {HttpBody} from './http-body'
import {hasEntries} from './http-facts'

/** The sub-views of an opened request or outbound call. */
export type HttpTab = 'request' | 'response' | 'copy'

const tabLabels: Record<HttpTab, string> = {
  request: 'Request',
  response: 'Response',
  copy: 'Copy as…',
}

/**
 * The Request / Response / Copy as… switch of an opened request or outbound call; `testIdPrefix`
 * names its buttons `<prefix>-<tab>` for tests.
 */
export function HttpTabs(props: {
  tab: HttpTab
  onChange: (tab: HttpTab) => void
  testIdPrefix?: string
}) {
  return (
    <div className="segmented sub-tabs">
      {(Object.keys(tabLabels) as HttpTab[]).map(t => (
        <button
          key={t}
          className={props.tab === t ? 'active' : undefined}
          onClick={() => props.onChange(t)}
          data-testid={props.testIdPrefix && `${props.testIdPrefix}-${t}`}
        >
          {tabLabels[t]}
        </button>
      ))}
    </div>
  )
}

/** The headers (when there are any) and the body of a request or response. */
export function HeadersAndBody(props: {
  headers: PyValue | undefined
  body: PyValue | undefined
  /** Show how many headers there are beside the title. */
  countHeaders?: boolean
}) {
  const {headers, body} = props
  return (
    <>
      {hasEntries(headers) && (
        <Section
          title="Headers"
          aside={props.countHeaders && headers.t === 'dict' ? headers.entries.length : undefined}
        >
          <DictTable value={headers} />
        </Section>
      )}
      <Section title="Body">
        <HttpBody value={body} headers={headers} />
      </Section>
    </>
  )
}

/** What a Response tab says when the trace has no response. */
export function NoResponse() {
  return <div className="muted small">No response was recorded.</div>
}
