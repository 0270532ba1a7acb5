import type {TraceInsights} from '../../../shared/insights/trace-insights'
import type {TabCount} from '../../components/tab-count'

/** The templates tab's count: template renders. */
export function templatesTabCount(i: TraceInsights): TabCount {
  return {count: i.templates.length, title: `${i.templates.length} template renders`}
}
