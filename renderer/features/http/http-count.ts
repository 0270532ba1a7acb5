import type {TraceInsights} from '../../../shared/insights/trace-insights'
import type {TabCount} from '../../components/tab-count'

/** The HTTP tab's count: inbound and outbound; red for a 5xx served, amber for a failed call. */
export function httpTabCount(i: TraceInsights): TabCount {
  const failed = i.requests.filter(r => (r.status ?? 0) >= 500).length
  const outboundFailed = i.outbound.filter(o => (o.status ?? 0) >= 400).length
  return {
    count: i.requests.length + i.outbound.length,
    tone: failed > 0 ? 'error' : outboundFailed > 0 ? 'warn' : undefined,
    title: `${i.requests.length} inbound, ${i.outbound.length} outbound${i.tests.length ? `, ${i.tests.length} tests` : ''}`,
  }
}
