import '../../components/insights.css'
import type {TraceSummary} from '../../../shared/model/trace-summary'
import {formatCount, formatDurationMs, formatDurationNs} from '../../components/format'
import {useAppStore} from '../../state/use-app-store'
import {useInsights} from '../../state/trace-hooks'
import {useTraceRef} from '../../state/trace-scope'

/**
 * The header's SQL facts for the selected trace: queries, duplicates, time in SQL and the N+1
 * count once the insights are in (from the trace-list summary until then). Opens the SQL panel.
 */
export function SqlHeaderFacts(props: {summary: TraceSummary | undefined}) {
  const status = useInsights(useTraceRef())
  const setActiveView = useAppStore(s => s.setActiveView)
  const analysis = status.state === 'ready' ? status.value.sql.analysis : undefined
  const queries = analysis?.queryCount ?? props.summary?.queryCount
  if (queries === undefined) return null
  const dupes = analysis?.duplicateCount ?? props.summary?.duplicateQueryCount
  const sqlTime =
    analysis !== undefined
      ? formatDurationNs(analysis.totalNs)
      : props.summary?.sqlTimeMs !== undefined
        ? formatDurationMs(props.summary.sqlTimeMs)
        : undefined
  const nPlusOne = analysis?.nPlusOne.length ?? 0
  return (
    <button
      className="header-sql"
      title="Open the SQL panel"
      onClick={() => setActiveView('sql')}
      data-testid="header-sql"
    >
      <span>
        <span className="fact-label">queries</span> {formatCount(queries)}
      </span>
      {dupes !== undefined && dupes > 0 && (
        <span className="header-dupes">
          <span className="fact-label">dup</span> {formatCount(dupes)}
        </span>
      )}
      {sqlTime !== undefined && queries > 0 && (
        <span>
          <span className="fact-label">in SQL</span> {sqlTime}
        </span>
      )}
      {nPlusOne > 0 && (
        <span className="header-nplusone" data-testid="header-nplusone">
          {nPlusOne} N+1
        </span>
      )}
    </button>
  )
}
