import {memo, useMemo} from 'react'
import {CodeBlock} from '../../components/code-block'
import {formatDurationNs} from '../../components/format'
import {formatSql} from './sql-details'
import {SiteLink} from '../../components/node-jumps'
import {SqlLine} from './sql-line'
import type {QueryRow} from './sql-rows-model'

/** A set of queries shown together: one template (similar) or one exact query (duplicates). */
export interface QuerySet {
  key: string
  sql: string
  nodeIds: number[]
  totalNs: number
}

/** One set: how many, how long in all and on average, the SQL; opened, its members. */
export const QuerySetRow = memo(function QuerySetRow(props: {
  set: QuerySet
  kind: 'similar' | 'duplicates'
  rowsById: ReadonlyMap<number, QueryRow>
  expanded: boolean
  onToggle: (key: string) => void
  onShowQuery: (nodeIds: number[], nodeId: number) => void
}) {
  const {set} = props
  const count = set.nodeIds.length
  return (
    <div
      className={`sql-row set-row${props.expanded ? ' expanded' : ''}`}
      data-testid={`sql-set-${props.kind}`}
    >
      <div className="sql-row-line set-line" onClick={() => props.onToggle(set.key)}>
        <span className={`sql-count mono${count > 1 ? ' many' : ''}`}>{count}×</span>
        <span className="sql-ms mono" title="Total time">
          {formatDurationNs(set.totalNs)}
        </span>
        <span className="sql-ms mono faint" title="Average">
          ⌀ {formatDurationNs(set.totalNs / Math.max(1, count))}
        </span>
        <SqlLine sql={set.sql} />
      </div>
      {props.expanded && (
        <SetDetails
          set={set}
          rowsById={props.rowsById}
          onShowQuery={id => props.onShowQuery(set.nodeIds, id)}
        />
      )}
    </div>
  )
})

function SetDetails(props: {
  set: QuerySet
  rowsById: ReadonlyMap<number, QueryRow>
  onShowQuery: (nodeId: number) => void
}) {
  const formatted = useMemo(() => formatSql(props.set.sql), [props.set.sql])
  return (
    <div className="sql-expanded">
      <CodeBlock code={formatted} language="sql" maxHeightPx={320} />
      <table className="set-members">
        <tbody>
          {props.set.nodeIds.map(id => {
            const row = props.rowsById.get(id)
            if (!row) return null
            return (
              <tr key={id}>
                <td>
                  <button className="link-button mono" onClick={() => props.onShowQuery(id)}>
                    #{row.index}
                  </button>
                </td>
                <td className="mono">{formatDurationNs(row.durationNs)}</td>
                <td className="mono faint">+{formatDurationNs(row.startNs)}</td>
                <td>{row.callSite && <SiteLink site={row.callSite} withFrame={false} />}</td>
                <td className="set-member-sql">
                  <SqlLine sql={row.query} maxChars={160} />
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
