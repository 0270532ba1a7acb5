import './overview.css'
import {useMemo, useState} from 'react'
import type {
  EndpointStats,
  ProjectOverview,
  TimelineItem,
} from '../../../shared/project-index/index-types'
import {formatCount} from '../../components/format'
import {useIndexEvents, useIndexQuery} from '../../state/index-hooks'
import {useAppStore} from '../../state/use-app-store'
import {EndpointTable} from './endpoint-table'
import {IndexNotices, IndexStatusBar, mergeNotices} from './index-status'
import {MergedFlameView} from './merged-flame'
import {OverlapView} from './overlap-view'
import {TimelineSection, rangeText} from './timeline-section'
import {layOutTimeline, tracesInRange} from './timeline-layout'

type Tab = 'endpoints' | 'overlap' | 'flame'

const tabs: {id: Tab; label: string}[] = [
  {id: 'endpoints', label: 'Endpoints'},
  {id: 'overlap', label: 'Where they overlap'},
  {id: 'flame', label: 'Merged flame graph'},
]

/** The traces of an endpoint's requests and jobs, oldest first. */
export function tracesOfEndpoint(items: readonly TimelineItem[], endpoint: string): string[] {
  const seen = new Set<string>()
  for (const item of items) if (item.endpoint === endpoint) seen.add(item.traceId)
  return [...seen]
}

/**
 * What opening a project shows: the index's progress and notices, a timeline of every request,
 * job and test (lanes where they overlap in time), the endpoints with their figures, and where the
 * selected traces (all by default) overlap in code, with their merged flame graph. Everything
 * refetches as traces are indexed (at most about once a second), so the page stays usable while
 * the index builds and shows live traces as they arrive.
 */
export function OverviewView(props: {projectId: string}) {
  const {projectId} = props
  const project = useAppStore(s => s.projects.find(p => p.id === projectId))
  const query = useIndexQuery(projectId, 'overview', api => api.getProjectOverview({projectId}))
  const events = useIndexEvents(projectId)
  const selection = useAppStore(s =>
    s.overviewSelection?.projectId === projectId ? s.overviewSelection : undefined,
  )
  const setSelection = useAppStore(s => s.setOverviewSelection)
  const openExecution = useAppStore(s => s.openExecution)
  const [tab, setTab] = useState<Tab>('endpoints')
  const overview: ProjectOverview | undefined = query.state === 'idle' ? undefined : query.value
  const layout = useMemo(() => (overview ? layOutTimeline(overview.items) : undefined), [overview])
  const selected = useMemo(() => (selection ? new Set(selection.traceIds) : undefined), [selection])
  const notices = mergeNotices(overview?.status.notices ?? [], events.notices)

  if (!overview) {
    return (
      <div className="overview" data-testid="overview">
        <OverviewHead label={project?.label}>
          {events.progress && <IndexStatusBar status={undefined} progress={events.progress} />}
        </OverviewHead>
        <IndexNotices projectId={projectId} notices={notices} />
        {query.state === 'failed' ? (
          <div className="center-message">
            <div className="error-banner" role="alert" data-testid="overview-error">
              <strong>The project overview is not available.</strong>
              <div className="error-detail mono">{query.message}</div>
              <div className="muted">Pick a trace from the list to explore it.</div>
            </div>
          </div>
        ) : (
          <div className="pane-empty" role="status">
            Reading the project index…
          </div>
        )}
      </div>
    )
  }

  const onBrush = (fromMs: number, toMs: number): void => {
    if (!layout) return
    const traceIds = tracesInRange(layout, fromMs - layout.originMs, toMs - layout.originMs)
    if (traceIds.length === 0) return setSelection(undefined)
    setSelection({projectId, traceIds, label: rangeText(fromMs, toMs), range: {fromMs, toMs}})
  }
  const onEndpoint = (e: EndpointStats | undefined): void => {
    if (!e) return setSelection(undefined)
    setSelection({
      projectId,
      traceIds: tracesOfEndpoint(overview.items, e.endpoint),
      label: e.endpoint,
    })
  }
  const onOpen = (item: TimelineItem): void => {
    // A request inside a test opens at that request, in the tree.
    void openExecution(
      item.nested
        ? {projectId, traceId: item.traceId, nodeId: item.nodeId, view: 'tree'}
        : {projectId, traceId: item.traceId},
    )
  }
  const allTraces = layout?.traceIds ?? []
  const traceIds = selection?.traceIds ?? allTraces
  const empty = overview.items.length === 0
  return (
    <div className="overview" data-testid="overview">
      <OverviewHead label={project?.label}>
        <IndexStatusBar status={overview.status} progress={events.progress} />
      </OverviewHead>
      <IndexNotices projectId={projectId} notices={notices} />
      {empty ? (
        <div className="pane-empty" data-testid="overview-empty">
          {events.progress?.phase === 'indexing' || overview.status.progress.phase === 'indexing'
            ? 'Indexing the traces: the timeline fills in as they are read.'
            : 'No requests, jobs or tests in this project yet. Traces Kolo records show here as they arrive.'}
        </div>
      ) : (
        <>
          <TimelineSection
            layout={layout}
            selection={selected}
            brush={selection?.range}
            onOpen={onOpen}
            onBrush={onBrush}
            onClearSelection={() => setSelection(undefined)}
          />
          <div className="selection-bar" data-testid="overview-selection" role="status">
            {selection ? (
              <>
                <span className="selection-count">
                  {formatCount(selection.traceIds.length)} of {formatCount(allTraces.length)} traces
                  selected
                </span>
                <span className="mono muted selection-label">{selection.label}</span>
                <button
                  className="link-button"
                  onClick={() => setSelection(undefined)}
                  data-testid="clear-selection"
                >
                  Clear
                </button>
              </>
            ) : (
              <span className="muted">
                All {formatCount(allTraces.length)} traces · select an endpoint, or brush the
                timeline, to narrow
              </span>
            )}
          </div>
          <div className="overview-tabs" role="tablist" aria-label="Overview views">
            {tabs.map(t => (
              <button
                key={t.id}
                role="tab"
                id={`overview-tab-${t.id}`}
                aria-selected={tab === t.id}
                aria-controls={`overview-panel-${t.id}`}
                className={`view-tab${tab === t.id ? ' active' : ''}`}
                data-testid={`overview-tab-${t.id}`}
                onClick={() => setTab(t.id)}
              >
                {t.label}
                {t.id === 'endpoints' && (
                  <span className="tab-count">{overview.endpoints.length}</span>
                )}
              </button>
            ))}
          </div>
          <div
            className="overview-panel"
            role="tabpanel"
            id={`overview-panel-${tab}`}
            aria-labelledby={`overview-tab-${tab}`}
          >
            {tab === 'endpoints' && (
              <EndpointTable
                endpoints={overview.endpoints}
                selected={selection && !selection.range ? selection.label : undefined}
                onSelect={onEndpoint}
              />
            )}
            {tab === 'overlap' && (
              <OverlapView projectId={projectId} traceIds={selection?.traceIds} />
            )}
            {tab === 'flame' && <MergedFlameView projectId={projectId} traceIds={traceIds} />}
          </div>
        </>
      )}
    </div>
  )
}

function OverviewHead(props: {label: string | undefined; children?: React.ReactNode}) {
  return (
    <div className="overview-head">
      <h1 className="overview-title">
        Overview <span className="muted">{props.label}</span>
      </h1>
      {props.children}
    </div>
  )
}
