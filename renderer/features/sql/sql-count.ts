import type {TraceInsights} from '../../../shared/insights/trace-insights'
import type {TabCount} from '../../components/tab-count'

/** The SQL tab's count: queries; red for an N+1, amber for duplicates. */
export function sqlTabCount(i: TraceInsights): TabCount {
  const {analysis} = i.sql
  return {
    count: analysis.queryCount,
    tone: analysis.nPlusOne.length > 0 ? 'error' : analysis.duplicateCount > 0 ? 'warn' : undefined,
    title: `${analysis.queryCount} queries, ${analysis.duplicateCount} duplicates, ${analysis.nPlusOne.length} N+1`,
  }
}
