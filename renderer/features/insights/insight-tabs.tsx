import '../../components/insights.css'
import type {TraceInsights} from '../../../shared/insights/trace-insights'
import {formatCount} from '../../components/format'
import {useTraceInsights} from '../../state/insights-client'

/** The insight panels, as centre views. */
export type InsightView = 'sql' | 'http' | 'templates' | 'logs'

/** What a panel's tab shows: how many things it lists, and whether any needs attention. */
export interface TabCount {
  count: number
  tone?: 'warn' | 'error'
  title: string
}

/** The count of each insight panel of a trace. */
export function insightCounts(i: TraceInsights): Record<InsightView, TabCount> {
  const {analysis} = i.sql
  const failed = i.requests.filter(r => (r.status ?? 0) >= 500).length
  const outboundFailed = i.outbound.filter(o => (o.status ?? 0) >= 400).length
  const errors =
    i.exceptions.length + i.logs.filter(l => /ERROR|CRITICAL|FATAL/i.test(l.level)).length
  const warnings = i.logs.filter(l => /WARN/i.test(l.level)).length
  return {
    sql: {
      count: analysis.queryCount,
      tone:
        analysis.nPlusOne.length > 0 ? 'error' : analysis.duplicateCount > 0 ? 'warn' : undefined,
      title: `${analysis.queryCount} queries, ${analysis.duplicateCount} duplicates, ${analysis.nPlusOne.length} N+1`,
    },
    http: {
      count: i.requests.length + i.outbound.length,
      tone: failed > 0 ? 'error' : outboundFailed > 0 ? 'warn' : undefined,
      title: `${i.requests.length} inbound, ${i.outbound.length} outbound${i.tests.length ? `, ${i.tests.length} tests` : ''}`,
    },
    templates: {count: i.templates.length, title: `${i.templates.length} template renders`},
    logs: {
      count: i.logs.length + i.exceptions.length,
      tone: errors > 0 ? 'error' : warnings > 0 ? 'warn' : undefined,
      title: `${i.logs.length} log records, ${i.exceptions.length} exceptions`,
    },
  }
}

/** The small count beside an insight panel's tab label, once the insights are in. */
export function InsightTabCount(props: {view: InsightView}) {
  const status = useTraceInsights()
  if (status.state !== 'ready') return null
  const c = insightCounts(status.insights)[props.view]
  return (
    <span
      className={`tab-count${c.tone ? ` ${c.tone}` : ''}${c.count === 0 ? ' zero' : ''}`}
      title={c.title}
      data-testid={`tab-count-${props.view}`}
    >
      {formatCount(c.count)}
    </span>
  )
}
