import {createElement, lazy} from 'react'
import type {ComponentType} from 'react'

// Views owned by features, loaded on demand to keep the first paint of the shell small.
const modules = import.meta.glob<Record<string, ComponentType>>([
  '../features/flame/flame-view.tsx',
  '../features/graph/graph-view.tsx',
  '../features/frame/frame-view.tsx',
  '../features/sql/sql-panel.tsx',
  '../features/http/http-panel.tsx',
  '../features/templates/templates-panel.tsx',
  '../features/logs/logs-panel.tsx',
])

/** A view component that loads its chunk on first render, or earlier through preload(). */
export type LazyView = ComponentType & {preload: () => Promise<void>}

const views: LazyView[] = []

function Missing(props: {label: string}) {
  return <div className="pane-empty">{props.label} is missing from this build.</div>
}

function lazyView(path: string, exportName: string, label: string): LazyView {
  let loaded: ComponentType | undefined
  let loading: Promise<void> | undefined
  const preload = (): Promise<void> =>
    (loading ??= (async () => {
      const mod = await modules[path]?.()
      loaded = mod?.[exportName] ?? (() => <Missing label={label} />)
    })().catch((error: unknown) => {
      loading = undefined // a chunk that failed to load is fetched again on the next try
      throw error
    }))
  const Suspending = lazy(async () => {
    await preload()
    return {default: loaded!}
  })
  // Once the chunk is in, render the view directly: suspending even for a moment would show the
  // fallback, and React then holds the reveal back (its Suspense throttle) for up to 300 ms.
  const View = Object.assign(() => createElement(loaded ?? Suspending), {preload})
  views.push(View)
  return View
}

/**
 * Load every view's chunk now (while a trace loads, or once the shell is idle), so opening a view
 * never waits on one. Never rejects: a chunk that fails here is fetched again when its view
 * renders, and that view's error boundary says why.
 */
export function preloadViews(): Promise<void> {
  return Promise.allSettled(views.map(v => v.preload())).then(() => undefined)
}

/** The flame chart (renderer/features/flame), lazily loaded. */
export const LazyFlameView = lazyView(
  '../features/flame/flame-view.tsx',
  'FlameView',
  'Flame chart',
)
/** The call graph (renderer/features/graph), lazily loaded. */
export const LazyGraphView = lazyView('../features/graph/graph-view.tsx', 'GraphView', 'Call graph')
/** The frame view (renderer/features/frame), lazily loaded. */
export const LazyFrameView = lazyView('../features/frame/frame-view.tsx', 'FrameView', 'Frame view')
/** The SQL panel (renderer/features/sql), lazily loaded. */
export const LazySqlPanel = lazyView('../features/sql/sql-panel.tsx', 'SqlPanel', 'SQL panel')
/** The HTTP panel (renderer/features/http), lazily loaded. */
export const LazyHttpPanel = lazyView('../features/http/http-panel.tsx', 'HttpPanel', 'HTTP panel')
/** The templates panel (renderer/features/insights), lazily loaded. */
export const LazyTemplatesPanel = lazyView(
  '../features/templates/templates-panel.tsx',
  'TemplatesPanel',
  'Templates panel',
)
/** The logs and exceptions panel (renderer/features/insights), lazily loaded. */
export const LazyLogsPanel = lazyView('../features/logs/logs-panel.tsx', 'LogsPanel', 'Logs panel')
