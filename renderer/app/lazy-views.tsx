import {lazy} from 'react'
import type {ComponentType, LazyExoticComponent} from 'react'

// Views owned by other features, loaded on demand. import.meta.glob (not a plain dynamic import)
// lets the shell build while a view's file does not exist yet: the glob is simply empty then.
const modules = import.meta.glob<Record<string, ComponentType>>([
  '../features/flame/flame-view.tsx',
  '../features/graph/graph-view.tsx',
  '../features/frame/frame-view.tsx',
  '../features/sql/sql-panel.tsx',
  '../features/http/http-panel.tsx',
  '../features/insights/templates-panel.tsx',
  '../features/insights/logs-panel.tsx',
])

function Pending(props: {label: string}) {
  return <div className="pane-empty">{props.label} loading…</div>
}

function lazyView(
  path: string,
  exportName: string,
  label: string,
): LazyExoticComponent<ComponentType> {
  return lazy(async () => {
    const load = modules[path]
    if (!load) return {default: () => <Pending label={label} />}
    const mod = await load()
    const View = mod[exportName]
    return {default: View ?? (() => <Pending label={label} />)}
  })
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
  '../features/insights/templates-panel.tsx',
  'TemplatesPanel',
  'Templates panel',
)
/** The logs and exceptions panel (renderer/features/insights), lazily loaded. */
export const LazyLogsPanel = lazyView(
  '../features/insights/logs-panel.tsx',
  'LogsPanel',
  'Logs panel',
)
