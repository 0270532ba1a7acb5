import {Component, Suspense, useEffect, useRef} from 'react'
import type {ErrorInfo, ReactNode} from 'react'
import {formatBytes, formatCount} from '../components/format'
import {useFocusOnViewSwitch} from '../components/view-focus'
import {CancelLoadButton, loadPercent, ProgressBar} from '../components/load-progress'
import type {LoadProgress as LoadProgressFigures} from '../state/app-state'
import {modelKey, useLoadStatus, useModelOrPreview} from '../state/trace-hooks'
import {useTraceRef} from '../state/trace-scope'
import {useAppStore} from '../state/use-app-store'
import type {ViewName} from '../state/view-names'
import {lazyView, preloadAll} from './lazy-view'
import {NoticeBar} from './notice-bar'
import {overviewTabId, useOverviewShown, viewPanelId, viewTabId, ViewTabs} from './view-tabs'
import {viewList, viewSpec} from './views'

// The project overview: what the centre shows while a project is open and no trace is.
const ProjectOverview = lazyView(() =>
  import('../features/overview/overview-view').then(m => {
    return function Overview() {
      const projectId = useAppStore(s => s.selectedProjectId)
      return projectId === undefined ? null : <m.OverviewView projectId={projectId} />
    }
  }),
)

const preloadViews = (): Promise<void> =>
  preloadAll([...viewList.map(v => v.View), ProjectOverview])

/** Run `work` once the next frame is painted (effects of a click's render run before it). */
function afterPaint(work: () => void): void {
  requestAnimationFrame(() => setTimeout(work, 0))
}

/**
 * Marks the body once a trace's first view has painted (the e2e suite waits on it): with its
 * whole model as `data-trace-ready`, with the preview of its first rows as `data-trace-preview`.
 */
function ReadyMark(props: {traceId: string; partial: boolean}) {
  const {traceId, partial} = props
  useEffect(() => {
    let second = 0
    const first = requestAnimationFrame(() => {
      second = requestAnimationFrame(() => {
        const data = document.body.dataset
        if (partial) {
          data.tracePreview = traceId
          return
        }
        delete data.tracePreview
        data.traceReady = traceId
        performance.mark('trace-ready', {detail: {traceId}})
      })
    })
    return () => {
      cancelAnimationFrame(first)
      cancelAnimationFrame(second)
    }
  }, [traceId, partial])
  return null
}

/** Catches a view that throws, so one broken view never blanks the window. */
class ViewBoundary extends Component<{children: ReactNode; name: string}, {error?: Error}> {
  override state: {error?: Error} = {}
  static getDerivedStateFromError(error: Error): {error: Error} {
    return {error}
  }
  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`The ${this.props.name} view failed`, error, info.componentStack)
  }
  override render(): ReactNode {
    if (this.state.error) {
      return (
        <div className="center-message error-banner" data-testid="error">
          <strong>The {this.props.name} view failed.</strong> {this.state.error.message}
          <button className="link-button" onClick={() => this.setState({error: undefined})}>
            Retry
          </button>
        </div>
      )
    }
    return this.props.children
  }
}

function ActiveView(props: {view: ViewName}) {
  const {View} = viewSpec(props.view)
  return <View />
}

/** The centre: the view tabs over the active view, or the load progress, or the error. */
export function CenterPane() {
  const view = useAppStore(s => s.activeView)
  const trace = useTraceRef()
  const status = useLoadStatus(trace)
  const loadTrace = useAppStore(s => s.loadTrace)
  // A big trace's preview (its first rows) shows while the rest loads: the tree draws it, the
  // views that need the whole trace say how far the load is.
  const model = useModelOrPreview(trace)
  const previewing = status.state === 'loading' && status.preview === true
  const panelRef = useRef<HTMLDivElement>(null)
  useFocusOnViewSwitch(panelRef, view)

  const loadingNothingYet = status.state === 'loading' && !previewing
  useEffect(() => {
    if (status.state !== 'ready') delete document.body.dataset.traceReady
    if (!previewing) delete document.body.dataset.tracePreview
    // The views' chunks load once a trace shows something (its first rows while the rest
    // loads, or all of it), or once the shell is idle: compiling them never holds back the
    // first rows of the trace just clicked.
    if (previewing || status.state === 'ready') afterPaint(() => void preloadViews())
  }, [status.state, previewing])
  useEffect(() => {
    if (loadingNothingYet) return
    const timer = setTimeout(() => void preloadViews(), 1000)
    return () => clearTimeout(timer)
  }, [loadingNothingYet])

  const overview = useOverviewShown()
  let body: ReactNode
  if (overview) {
    body = (
      <ViewBoundary name="overview">
        <Suspense fallback={<div className="pane-empty">Loading the overview…</div>}>
          <ProjectOverview />
        </Suspense>
      </ViewBoundary>
    )
  } else if (viewSpec(view).standalone) {
    body = (
      <ViewBoundary key={view} name={view}>
        <Suspense fallback={<div className="pane-empty">Loading view…</div>}>
          <ActiveView view={view} />
        </Suspense>
      </ViewBoundary>
    )
  } else if (status.state === 'idle') {
    body = <Welcome />
  } else if (status.state === 'loading' && !model) {
    body = <LoadProgress progress={status.progress} />
  } else if (status.state === 'failed' && status.code === 'cancelled') {
    body = (
      <div className="center-message" data-testid="load-cancelled">
        <div className="load-box">
          <div className="load-title" role="status">
            Loading stopped.
          </div>
          <button className="button" onClick={() => void loadTrace(status.trace)}>
            Open it again
          </button>
        </div>
      </div>
    )
  } else if (status.state === 'failed') {
    body = (
      <div className="center-message">
        <div className="error-banner" data-testid="error" role="alert">
          <strong>Could not open this trace.</strong>
          <div className="error-detail mono">{status.message}</div>
          <button className="button" onClick={() => void loadTrace(status.trace)}>
            Try again
          </button>
        </div>
      </div>
    )
  } else if (model) {
    body = (
      <ViewBoundary key={`${view}:${modelKey(model)}`} name={view}>
        <Suspense
          fallback={
            <div className="pane-empty" aria-busy="true">
              Loading view…
            </div>
          }
        >
          <ActiveView view={view} />
          <ReadyMark traceId={model.traceId} partial={model.meta.partial !== undefined} />
        </Suspense>
      </ViewBoundary>
    )
  }
  return (
    <div className="center-pane">
      <h2 className="visually-hidden">{overview ? 'Overview' : viewSpec(view).label}</h2>
      <ViewTabs />
      <div className="center-body">
        <div
          ref={panelRef}
          id={viewPanelId}
          className="view-panel"
          role="tabpanel"
          aria-labelledby={overview ? overviewTabId : viewTabId(view)}
          tabIndex={-1}
        >
          {body}
        </div>
        <NoticeBar />
      </div>
    </div>
  )
}

function LoadProgress(props: {progress?: LoadProgressFigures}) {
  const p = props.progress
  return (
    <div className="center-message" data-testid="loading" aria-busy="true">
      <div className="load-box">
        <div className="load-title" role="status">
          Loading trace…
        </div>
        <ProgressBar percent={loadPercent(p)} label="Loading the trace" />
        <div className="load-facts muted mono">
          {p
            ? `${formatBytes(p.bytesRead)} of ${formatBytes(p.bytesTotal)} · ${formatCount(p.records)} records`
            : 'Reading the store'}
        </div>
        <CancelLoadButton />
      </div>
    </div>
  )
}

// The welcome page's key groups: the trace views, the insight views, then the others (diff).
const viewGroups = [
  viewList.filter(v => !v.count && !v.standalone),
  viewList.filter(v => v.count),
  viewList.filter(v => v.standalone),
].filter(group => group.length > 0)
const inWords = (label: string): string =>
  label === label.toUpperCase() ? label : label.toLowerCase()

function Welcome() {
  return (
    <div className="center-message">
      <div className="welcome">
        <h3 className="welcome-title">Pick a trace</h3>
        <div className="muted">Choose one from the list, or use the keyboard:</div>
        <table className="shortcut-table">
          <tbody>
            <tr>
              <td>
                <span className="kbd">↑</span> <span className="kbd">↓</span>{' '}
                <span className="kbd">Enter</span>
              </td>
              <td>move and open</td>
            </tr>
            {viewGroups.map(group => (
              <tr key={group[0]!.key}>
                <td>
                  <span className="kbd">{group[0]!.key}</span>
                  {group.length > 1 && (
                    <>
                      –<span className="kbd">{group.at(-1)!.key}</span>
                    </>
                  )}
                </td>
                <td>{group.map(v => inWords(v.label)).join(', ')}</td>
              </tr>
            ))}
            <tr>
              <td>
                <span className="kbd">/</span>
              </td>
              <td>filter calls</td>
            </tr>
            <tr>
              <td>
                <span className="kbd">←</span> <span className="kbd">→</span>
              </td>
              <td>collapse, expand</td>
            </tr>
          </tbody>
        </table>
      </div>
    </div>
  )
}
