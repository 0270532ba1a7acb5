import './trace-list.css'
import {useVirtualizer} from '@tanstack/react-virtual'
import {useCallback, useEffect, useMemo, useRef, useState} from 'react'
import type {KeyboardEvent} from 'react'
import type {TraceSummary} from '../../../shared/model/trace-summary'
import {formatCount} from '../../components/format'
import {SearchIcon} from '../../components/icons'
import {useAppStore} from '../../state/use-app-store'
import {CompareBar, useCompareMarks} from './compare-marks'
import {FollowToggle} from './follow-toggle'
import {TraceRow} from './trace-row'

const rowHeightPx = 46
const emptyTraces: TraceSummary[] = []

/** Whether a summary matches a lower-case "contains" filter on name, path, method or status. */
export function traceMatches(trace: TraceSummary, needle: string): boolean {
  if (!needle) return true
  const hay = `${trace.name} ${trace.method ?? ''} ${trace.path ?? ''} ${trace.status ?? ''}`
  return hay.toLowerCase().includes(needle)
}

/** The now-timestamp, refreshed every 30 s so "5m ago" stays true. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 30_000)
    return () => clearInterval(id)
  }, [])
  return now
}

/** The left pane: the selected project's traces, newest first, virtualised and paged. */
export function TraceList() {
  const projectId = useAppStore(s => s.selectedProjectId)
  const list = useAppStore(s => (projectId === undefined ? undefined : s.traceLists[projectId]))
  const projectsStatus = useAppStore(s => s.projectsStatus)
  const project = useAppStore(s => s.projects.find(p => p.id === projectId))
  const selectedTraceId = useAppStore(s => s.selectedTraceId)
  const selectTrace = useAppStore(s => s.selectTrace)
  const loadMore = useAppStore(s => s.loadMoreTraces)
  const reload = useAppStore(s => s.loadTraceList)
  const fresh = useAppStore(s => s.freshTraceIds)
  const compareWithPrevious = useAppStore(s => s.compareWithPrevious)
  const marks = useCompareMarks()
  const [filter, setFilter] = useState('')
  const [focusIndex, setFocusIndex] = useState(-1)
  const nowMs = useNow()
  const scrollRef = useRef<HTMLDivElement>(null)

  const all = list?.traces ?? emptyTraces
  const needle = filter.trim().toLowerCase()
  const traces = useMemo(
    () => (needle ? all.filter(t => traceMatches(t, needle)) : all),
    [all, needle],
  )
  const hasMore = list !== undefined && list.traces.length < list.total

  // We use no React compiler; the virtualizer is read fresh on every render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: traces.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeightPx,
    overscan: 10,
  })
  const items = virtualizer.getVirtualItems()
  const lastIndex = items.length > 0 ? items[items.length - 1]!.index : -1

  // Page in more rows as the end of the loaded prefix scrolls into view. Under a filter that
  // leaves few rows, each new page runs this again (`loaded` changes), so the search goes on
  // through older traces until the view fills or the list ends.
  const loaded = all.length
  useEffect(() => {
    if (projectId !== undefined && hasMore && lastIndex >= traces.length - 20) {
      void loadMore(projectId)
    }
  }, [projectId, hasMore, lastIndex, traces.length, loaded, loadMore])

  // Keep the selected trace in view when it changes from elsewhere (Alt+↓, a link, a new trace).
  useEffect(() => {
    const i = traces.findIndex(t => t.id === selectedTraceId)
    if (i >= 0) virtualizer.scrollToIndex(i, {align: 'auto'})
    // Only a new selection scrolls; a list refresh keeps the user's scroll position.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedTraceId])

  const open = useCallback(
    (traceId: string) => {
      if (projectId === undefined) return
      setFocusIndex(traces.findIndex(t => t.id === traceId))
      selectTrace(projectId, traceId)
    },
    [projectId, traces, selectTrace],
  )

  const mark = (traceId: string | undefined): void => {
    const t = traces.find(x => x.id === traceId)
    if (t && projectId !== undefined) marks.toggle(projectId, t)
  }

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (traces.length === 0) return
    const current = focusIndex >= 0 ? focusIndex : traces.findIndex(t => t.id === selectedTraceId)
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / rowHeightPx) - 1)
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      PageDown: current + page,
      PageUp: current - page,
      Home: 0,
      End: traces.length - 1,
    }
    const next = moves[e.key]
    if (next !== undefined) {
      e.preventDefault()
      const i = Math.min(traces.length - 1, Math.max(0, next))
      setFocusIndex(i)
      virtualizer.scrollToIndex(i, {align: 'auto'})
    } else if (e.key === 'Enter' && current >= 0) {
      e.preventDefault()
      const t = traces[current]
      if (t) open(t.id)
    } else if (e.key === ' ' && current >= 0) {
      // Space marks a trace for comparison (as Ctrl/⌘+click does); two marked: Compare.
      e.preventDefault()
      mark(traces[current]?.id)
    } else if ((e.key === 'c' || e.key === 'C') && current >= 0 && projectId !== undefined) {
      e.preventDefault()
      const t = traces[current]
      if (t) void compareWithPrevious({projectId, traceId: t.id})
    }
  }

  const status = list?.status
  let empty: string | undefined
  if (projectsStatus.state === 'failed') empty = projectsStatus.message
  else if (projectId === undefined) {
    empty = projectsStatus.state === 'ready' ? 'No projects.' : 'Loading…'
  } else if (project?.error !== undefined) empty = project.error
  else if (status?.state === 'failed') empty = status.message
  else if (!list || (status?.state === 'loading' && all.length === 0)) empty = 'Loading traces…'
  else if (all.length === 0) empty = 'No traces yet. Make a request to your app with Kolo enabled.'
  else if (traces.length === 0) {
    empty = hasMore
      ? `No match in the newest ${formatCount(all.length)} traces; searching older ones…`
      : 'No trace matches the filter.'
  }
  const isError =
    projectsStatus.state === 'failed' || status?.state === 'failed' || project?.error !== undefined

  return (
    <div className="trace-list">
      <div className="pane-header">
        <span className="pane-title">Traces</span>
        <span className="pane-count">
          {list ? formatCount(list.total) : ''}
          {needle && list ? ` · ${formatCount(traces.length)} shown` : ''}
        </span>
        <FollowToggle />
      </div>
      <div className="filter-box">
        <SearchIcon size={12} />
        <input
          className="filter-input"
          placeholder="Filter loaded traces"
          value={filter}
          onChange={e => setFilter(e.target.value)}
          onKeyDown={e => {
            if (e.key === 'Escape') setFilter('')
            if (e.key === 'ArrowDown') scrollRef.current?.focus()
          }}
          aria-label="Filter traces"
          spellCheck={false}
        />
      </div>
      {empty !== undefined ? (
        <div
          className={`pane-empty${isError ? ' error-text' : ''}`}
          data-testid={isError ? 'error' : undefined}
        >
          {empty}
          {isError && projectId !== undefined && (
            <button className="link-button" onClick={() => void reload(projectId)}>
              Retry
            </button>
          )}
        </div>
      ) : (
        <div
          ref={scrollRef}
          className="trace-scroll"
          tabIndex={0}
          role="listbox"
          aria-label="Traces"
          onKeyDown={onKeyDown}
        >
          <div style={{height: virtualizer.getTotalSize(), position: 'relative'}}>
            {items.map(item => {
              const trace = traces[item.index]!
              return (
                <div
                  key={trace.id}
                  className="virtual-row"
                  style={{transform: `translateY(${item.start}px)`, height: rowHeightPx}}
                >
                  <TraceRow
                    trace={trace}
                    selected={trace.id === selectedTraceId}
                    focused={item.index === focusIndex}
                    fresh={fresh.includes(trace.id)}
                    nowMs={nowMs}
                    onOpen={open}
                    mark={projectId === undefined ? undefined : marks.sideOf(projectId, trace.id)}
                    onMark={mark}
                    onComparePrevious={id => {
                      if (projectId !== undefined) {
                        void compareWithPrevious({projectId, traceId: id})
                      }
                    }}
                  />
                </div>
              )
            })}
          </div>
          {hasMore && <div className="trace-more muted">Loading more…</div>}
        </div>
      )}
      <CompareBar marks={marks} />
    </div>
  )
}
