import './insights.css'
import type {TraceInsights} from '../../shared/insights/trace-insights'
import {useInsights} from '../state/trace-hooks'
import {useTraceRef} from '../state/trace-scope'
import {formatCount} from './format'

/** What a panel's tab shows: how many things it lists, and whether any needs attention. */
export interface TabCount {
  count: number
  tone?: 'warn' | 'error'
  title: string
}

/** The small count beside a panel's tab label, once the trace's insights are in. */
export function TabCountBadge(props: {
  testId: string
  countOf: (insights: TraceInsights) => TabCount
}) {
  const status = useInsights(useTraceRef())
  if (status.state !== 'ready') return null
  const c = props.countOf(status.value)
  return (
    <span
      className={`tab-count${c.tone ? ` ${c.tone}` : ''}${c.count === 0 ? ' zero' : ''}`}
      title={c.title}
      data-testid={props.testId}
    >
      {formatCount(c.count)}
    </span>
  )
}
