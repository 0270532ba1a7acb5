/** The class suffix for an HTTP status: ok (2xx), redirect (3xx), client (4xx), server (5xx). */
export function statusClass(status: number): string {
  if (status >= 500) return 'server'
  if (status >= 400) return 'client'
  if (status >= 300) return 'redirect'
  return 'ok'
}

/** An HTTP status code, coloured by class. */
export function StatusBadge(props: {status: number}) {
  return <span className={`status-badge status-${statusClass(props.status)}`}>{props.status}</span>
}

/** A small tag for non-request traces: TEST, RUN. */
export function KindBadge(props: {kind: 'request' | 'test' | 'script'; failed?: boolean}) {
  const text = props.kind === 'test' ? 'TEST' : props.kind === 'script' ? 'RUN' : 'HTTP'
  return (
    <span className={`status-badge kind-badge${props.failed ? ' status-server' : ''}`}>{text}</span>
  )
}
