import {Component, Suspense, useEffect} from 'react'
import type {ErrorInfo, ReactNode} from 'react'
import {formatBytes, formatCount} from '../components/format'
import {InsightTabCount} from '../features/insights/insight-tabs'
import type {InsightView} from '../features/insights/insight-tabs'
import {TreeView} from '../features/tree/tree-view'
import {modelKey, selectedTraceStatus, useCurrentModel} from '../state/model-cache'
import {useAppStore} from '../state/use-app-store'
import type {ViewName} from '../state/app-store'
import {NoticeBar} from './notice-bar'
import {
  LazyFlameView,
  LazyFrameView,
  LazyGraphView,
  LazyHttpPanel,
  LazyLogsPanel,
  LazySqlPanel,
  LazyTemplatesPanel,
  preloadViews,
} from './lazy-views'

const tabs: {view: ViewName; label: string; key: string}[] = [
  {view: 'tree', label: 'Tree', key: '1'},
  {view: 'flame', label: 'Flame', key: '2'},
  {view: 'graph', label: 'Graph', key: '3'},
  {view: 'frame', label: 'Frame', key: '4'},
  {view: 'sql', label: 'SQL', key: '5'},
  {view: 'http', label: 'HTTP', key: '6'},
  {view: 'templates', label: 'Templates', key: '7'},
  {view: 'logs', label: 'Logs', key: '8'},
]

const insightViews: ReadonlySet<ViewName> = new Set<ViewName>(['sql', 'http', 'templates', 'logs'])

/** The view tabs; Frame is enabled when a frame node is selected. */
export function ViewTabs() {
  const active = useAppStore(s => s.activeView)
  const setActiveView = useAppStore(s => s.setActiveView)
  return (
    <div className="view-tabs" role="tablist">
      {tabs.map(t => (
        <button
          key={t.view}
          role="tab"
          className={`view-tab${active === t.view ? ' active' : ''}${t.view === 'sql' ? ' first-insight' : ''}`}
          aria-selected={active === t.view}
          data-testid={`tab-${t.view}`}
          title={`${t.label} (${t.key})`}
          onClick={() => setActiveView(t.view)}
        >
          {t.label}
          {insightViews.has(t.view) && <InsightTabCount view={t.view as InsightView} />}
        </button>
      ))}
    </div>
  )
}

/** Marks the body once a trace's first view has painted (the e2e suite waits on it). */
function ReadyMark(props: {traceId: string}) {
  useEffect(() => {
    let second = 0
    const first = requestAnimationFrame(() => {
      second = requestAnimationFrame(() => {
        document.body.dataset.traceReady = props.traceId
      })
    })
    return () => {
      cancelAnimationFrame(first)
      cancelAnimationFrame(second)
    }
  }, [props.traceId])
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
  switch (props.view) {
    case 'tree':
      return <TreeView />
    case 'flame':
      return <LazyFlameView />
    case 'graph':
      return <LazyGraphView />
    case 'frame':
      return <FrameTab />
    case 'sql':
      return <LazySqlPanel />
    case 'http':
      return <LazyHttpPanel />
    case 'templates':
      return <LazyTemplatesPanel />
    case 'logs':
      return <LazyLogsPanel />
  }
}

function FrameTab() {
  const model = useCurrentModel()
  const nodeId = useAppStore(s => s.selectedNodeId)
  // Any node: a frame shows its code and values; SQL, HTTP, logs… show where they were issued.
  if (model && nodeId === undefined) {
    return <div className="pane-empty">Select a function call to see its code and data.</div>
  }
  return <LazyFrameView />
}

/** The centre: the view tabs over the active view, or the load progress, or the error. */
export function CenterPane() {
  const view = useAppStore(s => s.activeView)
  const status = useAppStore(selectedTraceStatus)
  const selectedProjectId = useAppStore(s => s.selectedProjectId)
  const loadTrace = useAppStore(s => s.loadTrace)
  const model = useCurrentModel()

  useEffect(() => {
    if (status.state !== 'ready') delete document.body.dataset.traceReady
    // The views' chunks load while a trace does (or once the shell is idle), not after it.
    if (status.state === 'loading') void preloadViews()
  }, [status.state])
  useEffect(() => {
    const timer = setTimeout(() => void preloadViews(), 1000)
    return () => clearTimeout(timer)
  }, [])

  let body: ReactNode
  if (status.state === 'idle') {
    body = <Welcome />
  } else if (status.state === 'loading') {
    body = <LoadProgress progress={status.progress} />
  } else if (status.state === 'failed') {
    body = (
      <div className="center-message">
        <div className="error-banner" data-testid="error" role="alert">
          <strong>Could not open this trace.</strong>
          <div className="error-detail mono">{status.message}</div>
          {selectedProjectId !== undefined && (
            <button
              className="button"
              onClick={() => void loadTrace(selectedProjectId, status.traceId)}
            >
              Try again
            </button>
          )}
        </div>
      </div>
    )
  } else if (model) {
    body = (
      <ViewBoundary key={`${view}:${modelKey(model)}`} name={view}>
        <Suspense fallback={<div className="pane-empty">Loading view…</div>}>
          <ActiveView view={view} />
          <ReadyMark traceId={model.traceId} />
        </Suspense>
      </ViewBoundary>
    )
  }
  return (
    <div className="center-pane">
      <ViewTabs />
      <div className="center-body">
        {body}
        <NoticeBar />
      </div>
    </div>
  )
}

function LoadProgress(props: {
  progress?: {bytesRead: number; bytesTotal: number; records: number}
}) {
  const p = props.progress
  const fraction = p && p.bytesTotal > 0 ? Math.min(1, p.bytesRead / p.bytesTotal) : undefined
  return (
    <div className="center-message" data-testid="loading">
      <div className="load-box">
        <div className="load-title">Loading trace…</div>
        <div className={`progress${fraction === undefined ? ' indeterminate' : ''}`}>
          <span style={{width: fraction === undefined ? undefined : `${fraction * 100}%`}} />
        </div>
        <div className="load-facts muted mono">
          {p
            ? `${formatBytes(p.bytesRead)} of ${formatBytes(p.bytesTotal)} · ${formatCount(p.records)} records`
            : 'Reading the store'}
        </div>
      </div>
    </div>
  )
}

function Welcome() {
  return (
    <div className="center-message">
      <div className="welcome">
        <div className="welcome-title">Pick a trace</div>
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
            <tr>
              <td>
                <span className="kbd">1</span>–<span className="kbd">4</span>
              </td>
              <td>tree, flame, graph, frame</td>
            </tr>
            <tr>
              <td>
                <span className="kbd">5</span>–<span className="kbd">8</span>
              </td>
              <td>SQL, HTTP, templates, logs</td>
            </tr>
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
