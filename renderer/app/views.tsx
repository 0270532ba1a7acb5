import type {ComponentType} from 'react'
import type {TraceInsights} from '../../shared/insights/trace-insights'
import {flameKeyLines} from '../components/flame-chart/flame-key-lines'
import type {KeyGroup} from '../components/key-help'
import type {TabCount} from '../components/tab-count'
import {diffKeyLines} from '../features/diff/diff-key-lines'
import {graphKeyLines} from '../features/graph/graph-key-lines'
import {httpTabCount} from '../features/http/http-count'
import {logsTabCount} from '../features/logs/logs-count'
import {sqlTabCount} from '../features/sql/sql-count'
import {templatesTabCount} from '../features/templates/templates-count'
import {testKeyLines} from '../features/testgen/test-key-lines'
import {FrameHistory} from '../features/history/history-sections'
import {treeKeyLines} from '../features/tree/tree-key-lines'
import {TreeView} from '../features/tree/tree-view'
import {useModel} from '../state/trace-hooks'
import {useSelectedNode, useTraceRef} from '../state/trace-scope'
import {viewNames} from '../state/view-names'
import type {ViewName} from '../state/view-names'
import {lazyView} from './lazy-view'

/** One centre view: its tab, its key, what it shows. */
export interface ViewSpec {
  name: ViewName
  label: string
  /** The number key that shows it: its place among the tabs. */
  key: string
  /** Insight views (SQL, HTTP…) sit after a divider and count what they list. */
  count?: (insights: TraceInsights) => TabCount
  /** The view; a lazy one loads its feature's chunk on first need (see preloadAll). */
  View: ComponentType
  /**
   * Shows something else than the selected trace (the diff view: two traces of any projects), so
   * it renders whether a trace is open, loading or failed; it sits after a divider.
   */
  standalone?: boolean
  /** The view's own keys, listed by the help sheet (`?`). */
  keys?: KeyGroup
}

const FlameView = lazyView(() => import('../features/flame/flame-view').then(m => m.FlameView))
const GraphView = lazyView(() => import('../features/graph/graph-view').then(m => m.GraphView))
// The frame view, with the history of the frame's function across the project below its values.
const FrameView = lazyView(() =>
  import('../features/frame/frame-view').then(({FrameView: View}) => {
    return function Frame() {
      return <View history={FrameHistory} />
    }
  }),
)
const TestView = lazyView(() => import('../features/testgen/test-view').then(m => m.TestView))

/** The frame tab: the frame view of the selected node (any node: SQL shows where it was issued). */
function FrameTab() {
  const model = useModel(useTraceRef())
  const nodeId = useSelectedNode()
  if (model && nodeId === undefined) {
    return <div className="pane-empty">Select a function call to see its code and data.</div>
  }
  return <FrameView />
}

const views: Record<ViewName, Omit<ViewSpec, 'name' | 'key'>> = {
  tree: {label: 'Tree', View: TreeView, keys: treeKeyLines},
  flame: {label: 'Flame', View: FlameView, keys: flameKeyLines},
  graph: {label: 'Graph', View: GraphView, keys: graphKeyLines},
  frame: {label: 'Frame', View: FrameTab},
  test: {label: 'Test', View: TestView, keys: testKeyLines},
  sql: {
    label: 'SQL',
    count: sqlTabCount,
    View: lazyView(() => import('../features/sql/sql-panel').then(m => m.SqlPanel)),
  },
  http: {
    label: 'HTTP',
    count: httpTabCount,
    View: lazyView(() => import('../features/http/http-panel').then(m => m.HttpPanel)),
  },
  templates: {
    label: 'Templates',
    count: templatesTabCount,
    View: lazyView(() =>
      import('../features/templates/templates-panel').then(m => m.TemplatesPanel),
    ),
  },
  logs: {
    label: 'Logs',
    count: logsTabCount,
    // The logs panel lists exceptions too, shown by the exceptions feature's view.
    View: lazyView(async () => {
      const [{LogsPanel}, {ExceptionView}] = await Promise.all([
        import('../features/logs/logs-panel'),
        import('../features/exceptions/exception-view'),
      ])
      return function Logs() {
        return <LogsPanel exceptionView={ExceptionView} />
      }
    }),
  },
  diff: {
    label: 'Diff',
    standalone: true,
    keys: diffKeyLines,
    View: lazyView(() => import('../features/diff/diff-view').then(m => m.DiffView)),
  },
}

/** The number key of the view at `index` among the tabs: 1…9, then 0 for the tenth. */
const keyAt = (index: number): string => (index < 9 ? String(index + 1) : index === 9 ? '0' : '')

/**
 * The centre views in tab order: the one list the tabs, the number keys, the welcome page's
 * shortcuts and the lazy loading read.
 */
export const viewList: readonly ViewSpec[] = viewNames.map((name, i) => ({
  name,
  key: keyAt(i),
  ...views[name],
}))

/** A view by name. */
export function viewSpec(name: ViewName): ViewSpec {
  return viewList.find(v => v.name === name)!
}

/** The view a number key shows, if any. */
export function viewOfKey(key: string): ViewName | undefined {
  return key === '' ? undefined : viewList.find(v => v.key === key)?.name
}
