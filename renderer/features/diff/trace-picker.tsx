import {useEffect, useRef, useState} from 'react'
import type {KeyboardEvent} from 'react'
import type {TraceRef} from '../../../shared/model/trace-ref'
import type {TraceSummary} from '../../../shared/model/trace-summary'
import {formatAge, formatCount} from '../../components/format'
import {KindBadge, StatusBadge} from '../../components/status-badge'
import {useAppStore} from '../../state/use-app-store'

const shown = 200

/**
 * Choose a trace of any open project: a project, then one of its traces (filtered by name,
 * path, method or status). A `.kolo` file from a colleague is a project once opened, so a local
 * trace can be compared with it.
 */
export function TracePicker(props: {
  label: string
  current: TraceRef
  onPick: (trace: TraceRef) => void
  onClose: () => void
}) {
  const projects = useAppStore(s => s.projects)
  const [projectId, setProjectId] = useState(props.current.projectId)
  const list = useAppStore(s => s.traceLists[projectId])
  const loadTraceList = useAppStore(s => s.loadTraceList)
  const loadMore = useAppStore(s => s.loadMoreTraces)
  const host = useAppStore(s => s.settings?.host)
  const pickProject = useAppStore(s => s.pickProject)
  const [filter, setFilter] = useState('')
  const [focus, setFocus] = useState(0)
  const filterRef = useRef<HTMLInputElement>(null)
  useEffect(() => filterRef.current?.focus(), [])
  useEffect(() => {
    if (!list) void loadTraceList(projectId)
  }, [list, projectId, loadTraceList])

  const needle = filter.trim().toLowerCase()
  const traces = (list?.traces ?? []).filter(
    t =>
      !needle ||
      `${t.name} ${t.method ?? ''} ${t.path ?? ''} ${t.status ?? ''}`
        .toLowerCase()
        .includes(needle),
  )
  const pick = (t: TraceSummary | undefined): void => {
    if (t) props.onPick({projectId, traceId: t.id})
  }
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.stopPropagation()
      props.onClose()
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      setFocus(f => Math.min(traces.length - 1, Math.max(0, f + (e.key === 'ArrowDown' ? 1 : -1))))
    } else if (e.key === 'Enter') {
      e.preventDefault()
      pick(traces[focus])
    }
  }
  return (
    <div
      className="trace-picker"
      role="dialog"
      aria-label={props.label}
      data-testid="trace-picker"
      onKeyDown={onKeyDown}
    >
      <div className="trace-picker-head">
        <label className="trace-picker-field">
          <span className="muted">Project</span>
          <select
            className="text-input"
            value={projectId}
            onChange={e => {
              setProjectId(e.target.value)
              setFocus(0)
            }}
          >
            {projects.map(p => (
              <option key={p.id} value={p.id}>
                {p.label} — {p.path}
              </option>
            ))}
          </select>
        </label>
        <input
          ref={filterRef}
          className="text-input"
          placeholder="Filter traces"
          aria-label="Filter traces"
          value={filter}
          onChange={e => {
            setFilter(e.target.value)
            setFocus(0)
          }}
          spellCheck={false}
        />
        <button className="icon-button" onClick={props.onClose} aria-label="Close">
          ✕
        </button>
      </div>
      <ul className="trace-picker-list" role="listbox" aria-label="Traces">
        {traces.slice(0, shown).map((t, i) => (
          <li
            key={t.id}
            role="option"
            aria-selected={i === focus}
            className={`trace-picker-item${i === focus ? ' focused' : ''}${t.id === props.current.traceId && projectId === props.current.projectId ? ' current' : ''}`}
            onClick={() => pick(t)}
            onMouseEnter={() => setFocus(i)}
          >
            {t.status !== undefined ? (
              <StatusBadge status={t.status} />
            ) : (
              <KindBadge kind={t.kind} />
            )}
            <span className="mono trace-picker-name">
              {t.method !== undefined && t.path !== undefined ? `${t.method} ${t.path}` : t.name}
            </span>
            <span className="muted">{formatAge(t.createdAt)}</span>
          </li>
        ))}
        {list && list.traces.length < list.total && (
          <li>
            <button className="link-button" onClick={() => void loadMore(projectId)}>
              Load more ({formatCount(list.total - list.traces.length)} older)
            </button>
          </li>
        )}
        {list?.status.state === 'ready' && traces.length === 0 && (
          <li className="muted">No trace matches.</li>
        )}
      </ul>
      <div className="trace-picker-foot muted">
        A trace from a colleague? Open its <span className="mono">.kolo</span> file as a project
        {host === 'desktop' ? (
          <>
            {' '}
            (
            <button className="link-button" onClick={() => void pickProject('file')}>
              open a file…
            </button>
            )
          </>
        ) : (
          ' (the + beside Projects)'
        )}
        , then pick it here.
      </div>
    </div>
  )
}
