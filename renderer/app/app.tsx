import './app.css'
import {useEffect} from 'react'
import {DetailsPanel} from '../features/details/details-panel'
import {useProjectsCommands} from '../features/projects/app-commands'
import {ProjectList} from '../features/projects/project-list'
import {SettingsView} from '../features/settings/settings-view'
import {TraceList} from '../features/trace-list/trace-list'
import {useTheme} from '../components/theme'
import {useAppStore, useAppStoreApi} from '../state/use-app-store'
import {AppHeader} from './app-header'
import {focusTreeFilter, useMenuCommands} from './menu-commands'
import {CenterPane} from './center-pane'
import {detailViews} from './detail-views'
import {PaneResizer} from './pane-resizer'
import {viewOfKey} from './views'

/**
 * Global shortcuts: the number keys switch views, / focuses the tree filter, Escape clears the node selection,
 * Alt+↑/↓ open the previous/next trace.
 */
function useShortcuts(): void {
  const store = useAppStoreApi()
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const target = e.target instanceof Element ? e.target : undefined
      const typing = target?.closest('input, textarea, select, [contenteditable="true"]')
      // A view that handled the key itself (the flame chart's 0 resets its zoom) keeps it.
      if (typing || e.ctrlKey || e.metaKey || e.defaultPrevented) return
      if (e.altKey) {
        // Alt+↑/↓ step through the trace list from anywhere, like "next file" in an editor.
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          store.getState().selectAdjacentTrace(e.key === 'ArrowDown' ? 1 : -1)
          e.preventDefault()
        }
        return
      }
      const view = viewOfKey(e.key)
      if (view) {
        store.getState().setActiveView(view)
        e.preventDefault()
      } else if (e.key === '/') {
        e.preventDefault()
        focusTreeFilter(store)
      } else if (e.key === 'Escape' && !target?.closest('[role="dialog"]')) {
        store.getState().selectNode(undefined)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [store])
}

/** The whole window: header, trace list, centre views and the details pane. */
export function App() {
  const sidebarWidthPx = useAppStore(s => s.sidebarWidthPx)
  const detailsWidthPx = useAppStore(s => s.detailsWidthPx)
  const setPaneWidth = useAppStore(s => s.setPaneWidth)
  const panesResized = useAppStore(s => s.panesResized)
  useShortcuts()
  useMenuCommands()
  useProjectsCommands()
  useTheme()
  return (
    <div
      className="app"
      style={{
        // Until the user sizes them, side panes also cap at a share of the window, so a narrow
        // window leaves the centre room; after a drag they keep the width asked for.
        gridTemplateColumns: panesResized
          ? `${sidebarWidthPx}px 0 minmax(0, 1fr) 0 ${detailsWidthPx}px`
          : `min(${sidebarWidthPx}px, 26vw) 0 minmax(0, 1fr) 0 min(${detailsWidthPx}px, 32vw)`,
      }}
    >
      <AppHeader />
      <aside className="sidebar">
        <ProjectList />
        <TraceList />
      </aside>
      <PaneResizer
        side="left"
        widthPx={sidebarWidthPx}
        onResize={w => setPaneWidth('sidebar', w)}
        label="Resize trace list"
      />
      <main className="center">
        <CenterPane />
      </main>
      <PaneResizer
        side="right"
        widthPx={detailsWidthPx}
        onResize={w => setPaneWidth('details', w)}
        label="Resize details"
      />
      <aside className="details-pane">
        <DetailsPanel views={detailViews} />
      </aside>
      <SettingsView />
    </div>
  )
}
