import './insights.css'
import type {TraceInsights} from '../../shared/insights/trace-insights'
import {useInsights} from '../state/trace-hooks'
import {useTraceRef} from '../state/trace-scope'
import {formatCount} from './format'
import {KindIcon} from './icons'

/** What a panel's tab shows: how many things it lists, and whether any needs attention. */
export interface TabCount {
  count: number
  tone?: 'warn' | 'error'
  title: string
}

const toneWords = {error: 'needs attention', warn: 'worth a look'}

/**
 * The small count beside a panel's tab label, once the trace's insights are in. A count that
 * needs attention carries a warning sign besides its colour; screen readers hear the title.
 */
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
    >
      {c.tone && <KindIcon kind="exception" size={10} className="tab-count-icon" />}
      <span aria-hidden="true" data-testid={props.testId}>
        {formatCount(c.count)}
      </span>
      <span className="visually-hidden">
        {`: ${c.title}${c.tone ? `, ${toneWords[c.tone]}` : ''}`}
      </span>
    </span>
  )
}
