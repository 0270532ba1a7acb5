import type {TraceSummary} from '../../../shared/model/trace-summary'
import {formatCount, formatDurationMs} from '../../components/format'

/** A trace list row's SQL facts: "7 queries · 1 dup · 3.8 ms SQL". */
export function SqlSummaryInline(props: {trace: TraceSummary}) {
  const {queryCount, duplicateQueryCount: dupes, sqlTimeMs} = props.trace
  if (queryCount === undefined) return null
  return (
    <span className="sql-summary-inline" data-testid="trace-sql-summary">
      <span className={queryCount > 50 ? 'many-queries' : undefined}>
        {formatCount(queryCount)} {queryCount === 1 ? 'query' : 'queries'}
      </span>
      {dupes !== undefined && dupes > 0 && (
        <span className="many-queries" title="Queries that repeat an earlier one exactly">
          {' '}
          · {formatCount(dupes)} dup
        </span>
      )}
      {sqlTimeMs !== undefined && queryCount > 0 && (
        <span title="Time in SQL"> · {formatDurationMs(sqlTimeMs)}</span>
      )}
    </span>
  )
}
