import type {TraceInsights} from '../../../shared/insights/trace-insights'
import type {TabCount} from '../../components/tab-count'

/** The logs tab's count: log records and exceptions; red for an error, amber for a warning. */
export function logsTabCount(i: TraceInsights): TabCount {
  const errors =
    i.exceptions.length + i.logs.filter(l => /ERROR|CRITICAL|FATAL/i.test(l.level)).length
  const warnings = i.logs.filter(l => /WARN/i.test(l.level)).length
  return {
    count: i.logs.length + i.exceptions.length,
    tone: errors > 0 ? 'error' : warnings > 0 ? 'warn' : undefined,
    title: `${i.logs.length} log records, ${i.exceptions.length} exceptions`,
  }
}
