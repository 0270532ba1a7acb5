import type {
  OverlapEntry,
  OverlapGroup,
  ProjectOverlap,
} from '../../../shared/project-index/index-types'
import {formatCount, formatDurationNs} from '../../components/format'
import {useIndexQuery} from '../../state/index-hooks'
import {useAppStore} from '../../state/use-app-store'

/** Entries listed per group and side; the counts say how many there are in all. */
export const overlapLimit = 30

type GroupKey = 'functions' | 'sql' | 'templates' | 'hosts'

const groups: {key: GroupKey; title: string; what: string}[] = [
  {key: 'functions', title: 'Functions', what: 'function'},
  {key: 'sql', title: 'SQL', what: 'query shape'},
  {key: 'templates', title: 'Templates', what: 'template'},
  {key: 'hosts', title: 'Outbound HTTP', what: 'host'},
]

/**
 * Where the selected traces (all by default) overlap in code: per kind (functions, SQL shapes,
 * templates, outbound hosts), what several of them ran, with in how many, how often and how long,
 * and what only one ran. A function opens its history; a one-trace entry opens its trace.
 */
export function OverlapView(props: {projectId: string; traceIds: readonly string[] | undefined}) {
  const {projectId, traceIds} = props
  const key = traceIds === undefined ? 'all' : [...traceIds].sort().join(',')
  const query = useIndexQuery(projectId, `overlap:${key}`, api =>
    api.getProjectOverlap({projectId, traceIds: traceIds && [...traceIds], limit: overlapLimit}),
  )
  if (query.state === 'idle' || (query.state === 'loading' && !query.value)) {
    return <div className="pane-empty">Finding what the traces share…</div>
  }
  const overlap = query.value
  if (!overlap) {
    return (
      <div className="pane-empty error-text" role="alert">
        Could not compare the traces: {query.state === 'failed' ? query.message : ''}
      </div>
    )
  }
  return (
    <div className="overlap-view" data-testid="overlap-view" data-trace-count={overlap.traceCount}>
      {groups.map(g => (
        <OverlapSection
          key={g.key}
          testId={`overlap-${g.key}`}
          title={g.title}
          what={g.what}
          group={overlap[g.key]}
          overlap={overlap}
          projectId={projectId}
          kind={g.key}
        />
      ))}
    </div>
  )
}

function OverlapSection(props: {
  testId: string
  title: string
  what: string
  kind: GroupKey
  group: OverlapGroup
  overlap: ProjectOverlap
  projectId: string
}) {
  const {group, overlap} = props
  const empty = group.sharedCount === 0 && group.uniqueCount === 0
  const headingId = `${props.testId}-title`
  return (
    <section className="overlap-group" data-testid={props.testId} aria-labelledby={headingId}>
      <h3 id={headingId} className="overlap-title">
        {props.title}
        <span className="overlap-counts muted">
          {formatCount(group.sharedCount)} shared · {formatCount(group.uniqueCount)} in one trace
        </span>
      </h3>
      {empty ? (
        <div className="muted small overlap-none">None in these traces.</div>
      ) : (
        <table className="overview-table overlap-table">
          <thead>
            <tr>
              <th>{props.what[0]!.toUpperCase() + props.what.slice(1)}</th>
              <th className="num" title="In how many of the selected traces it ran">
                Traces
              </th>
              <th className="num">Calls</th>
              <th className="num" title="Total time over the selected traces">
                Time
              </th>
              {props.kind === 'sql' && (
                <th className="num" title="Rows returned, where Kolo recorded them">
                  Rows
                </th>
              )}
            </tr>
          </thead>
          <tbody data-testid="overlap-shared">
            {group.shared.length > 0 && (
              <SubHead text={`Shared by several traces (${group.sharedCount})`} kind={props.kind} />
            )}
            {group.shared.map(e => (
              <OverlapRow
                key={rowKey(e)}
                entry={e}
                total={overlap.traceCount}
                kind={props.kind}
                projectId={props.projectId}
                shared
              />
            ))}
            {group.sharedCount > group.shared.length && (
              <More
                text={`${group.sharedCount - group.shared.length} more shared`}
                kind={props.kind}
              />
            )}
          </tbody>
          <tbody data-testid="overlap-unique">
            {group.unique.length > 0 && (
              <SubHead text={`In one trace only (${group.uniqueCount})`} kind={props.kind} />
            )}
            {group.unique.map(e => (
              <OverlapRow
                key={rowKey(e)}
                entry={e}
                total={overlap.traceCount}
                kind={props.kind}
                projectId={props.projectId}
                shared={false}
              />
            ))}
            {group.uniqueCount > group.unique.length && (
              <More
                text={`${group.uniqueCount - group.unique.length} more in one trace`}
                kind={props.kind}
              />
            )}
          </tbody>
        </table>
      )}
    </section>
  )
}

const rowKey = (e: OverlapEntry): string => `${e.label}\0${e.file ?? ''}\0${e.traceId ?? ''}`

function SubHead(props: {text: string; kind: GroupKey}) {
  return (
    <tr className="overlap-subhead">
      <th colSpan={props.kind === 'sql' ? 5 : 4} scope="colgroup">
        {props.text}
      </th>
    </tr>
  )
}

function More(props: {text: string; kind: GroupKey}) {
  return (
    <tr className="overlap-more">
      <td colSpan={props.kind === 'sql' ? 5 : 4} className="muted small">
        … {props.text} (the {overlapLimit} with the most time are listed)
      </td>
    </tr>
  )
}

function OverlapRow(props: {
  entry: OverlapEntry
  total: number
  kind: GroupKey
  projectId: string
  shared: boolean
}) {
  const {entry: e, total} = props
  const showHistory = useAppStore(s => s.showHistory)
  const selectTrace = useAppStore(s => s.selectTrace)
  const share = total > 0 ? e.traces / total : 0
  const loc = e.file !== undefined ? `${e.file}${e.line ? `:${e.line}` : ''}` : undefined
  return (
    <tr data-testid="overlap-row" data-label={e.label} data-traces={e.traces}>
      <td className="overlap-label">
        {props.kind === 'functions' ? (
          <button
            className="row-button mono overlap-name"
            title={`${e.label}${loc ? ` (${loc})` : ''}: show its calls across the project`}
            onClick={() =>
              showHistory({projectId: props.projectId, qualname: e.label, file: e.file})
            }
          >
            {e.label}
          </button>
        ) : (
          <span
            className={`mono overlap-name${props.kind === 'sql' ? ' sql-text' : ''}`}
            title={e.label}
          >
            {e.label}
          </span>
        )}
        {((loc !== undefined && props.kind === 'functions') ||
          (!props.shared && e.traceId !== undefined)) && (
          <span className="overlap-loc muted">
            {props.kind === 'functions' && loc !== undefined && <span className="mono">{loc}</span>}
            {!props.shared && e.traceId !== undefined && (
              <button
                className="link-button small"
                onClick={() => selectTrace(props.projectId, e.traceId!)}
              >
                open its trace
              </button>
            )}
          </span>
        )}
      </td>
      <td className="num mono">
        <span className="share" title={`ran in ${e.traces} of ${total} traces`}>
          <span className="share-bar" aria-hidden="true">
            <span style={{width: `${Math.round(share * 100)}%`}} />
          </span>
          {e.traces} of {total}
        </span>
      </td>
      <td className="num mono">{formatCount(e.calls)}</td>
      <td className="num mono">{formatDurationNs(e.totalNs)}</td>
      {props.kind === 'sql' && (
        <td className="num mono">{e.rows === undefined ? '–' : formatCount(e.rows)}</td>
      )}
    </tr>
  )
}
