import {useModel, useModelOrPreview} from '../state/trace-hooks'
import {useTraceRef} from '../state/trace-scope'
import {useAppStore} from '../state/use-app-store'
import {
  formatCount,
  formatDurationMs,
  formatDurationNs,
  formatLocalTime,
} from '../components/format'
import {GearIcon, KeyboardIcon, LogoIcon} from '../components/icons'
import {SqlHeaderFacts} from '../features/sql/sql-summary'
import {StatusBadge} from '../components/status-badge'
import {TraceLinkButton} from '../components/trace-link'
import type {TraceSummary} from '../../shared/model/trace-summary'

/** The selected trace's summary row, if its project's list has it. */
export function useSelectedSummary(): TraceSummary | undefined {
  return useAppStore(s => {
    const list = s.selectedProjectId === undefined ? undefined : s.traceLists[s.selectedProjectId]
    return list?.traces.find(t => t.id === s.selectedTraceId)
  })
}

/** The top bar: project, trace name, status, duration, record count. */
export function AppHeader(props: {onHelp: () => void}) {
  const projects = useAppStore(s => s.projects)
  const projectId = useAppStore(s => s.selectedProjectId)
  const openSettings = useAppStore(s => s.setSettingsOpen)
  const traceId = useAppStore(s => s.selectedTraceId)
  const summary = useSelectedSummary()
  const trace = useTraceRef()
  const model = useModel(trace)
  const meta = model?.meta
  // While a big trace loads, its preview already knows its name, start and Kolo version (not its
  // duration or size: those come with the whole).
  const early = useModelOrPreview(trace)?.meta
  const project = projects.find(p => p.id === projectId)
  // A request's summary name repeats the status ("200 GET /books/"): the badge already shows it.
  const route =
    summary?.method !== undefined && summary.path !== undefined
      ? `${summary.method} ${summary.path}`
      : undefined
  const name = route ?? early?.name ?? summary?.name ?? traceId
  const durationText =
    meta !== undefined
      ? formatDurationNs(meta.durationNs)
      : summary?.durationMs !== undefined
        ? formatDurationMs(summary.durationMs)
        : undefined
  const records = meta?.recordCount ?? early?.partial?.recordsTotal ?? summary?.recordCount

  return (
    <header className="app-header">
      <h1 className="brand" title="Kolo Explorer">
        <LogoIcon size={16} />
        <span>Kolo Explorer</span>
      </h1>
      <span className="project-label" title={project?.path}>
        {project?.label ?? ''}
      </span>
      {name !== undefined && (
        <>
          <span className="crumb-sep">/</span>
          <div className="trace-title" data-testid="trace-title">
            {summary?.status !== undefined && <StatusBadge status={summary.status} />}
            <span className="trace-name" title={name}>
              {name}
            </span>
          </div>
          <div className="header-facts">
            {durationText !== undefined && (
              <span title="Duration">
                <span className="fact-label">time</span> {durationText}
              </span>
            )}
            {records !== undefined && (
              <span title="Records">
                <span className="fact-label">records</span> {formatCount(records)}
              </span>
            )}
            <SqlHeaderFacts summary={summary} />
            {model !== undefined && (
              <span title="Nodes in the tree">
                <span className="fact-label">nodes</span> {formatCount(model.nodeCount)}
              </span>
            )}
            {early !== undefined && (
              <span className="faint" title={`Format ${early.format}`}>
                {formatLocalTime(early.startedAtMs)}
                {early.koloVersion !== undefined && ` · Kolo ${early.koloVersion}`}
              </span>
            )}
            {meta?.recovered === true && (
              <span
                className="header-warning"
                title="The trace body was damaged: what survived is shown"
              >
                recovered
              </span>
            )}
          </div>
        </>
      )}
      <div className="header-tools">
        {traceId !== undefined && <TraceLinkButton traceId={traceId} />}
        <button
          className="icon-button"
          title="Keyboard shortcuts (?)"
          aria-label="Keyboard shortcuts"
          data-testid="open-help"
          onClick={props.onHelp}
        >
          <KeyboardIcon size={14} />
        </button>
        <button
          className="icon-button"
          title="Settings (Ctrl+,)"
          aria-label="Settings"
          data-testid="open-settings"
          onClick={() => openSettings(true)}
        >
          <GearIcon size={14} />
        </button>
      </div>
    </header>
  )
}
