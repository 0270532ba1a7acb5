import './app.css'
import {useCallback, useEffect, useState} from 'react'
import {DetailsPanel} from '../features/details/details-panel'
import {HistoryPane} from '../features/history/history-sections'
import {Palette, usePaletteShortcut} from '../features/palette/palette'
import {useProjectsCommands} from '../features/projects/app-commands'
import {ProjectList} from '../features/projects/project-list'
import {SettingsView} from '../features/settings/settings-view'
import {TraceList} from '../features/trace-list/trace-list'
import {useTheme} from '../components/theme'
import {focusView} from '../components/view-focus'
import {useAppStore, useAppStoreApi} from '../state/use-app-store'
import {AppHeader} from './app-header'
import {focusTreeFilter, useMenuCommands} from './menu-commands'
import {CenterPane} from './center-pane'
import {chooseView, useOverviewShown, viewPanelId} from './view-tabs'
import {detailViews} from './detail-views'
import {HelpSheet} from './help-sheet'
import {usePaletteCommands} from './palette-commands'
import {PaneResizer} from './pane-resizer'
import {viewOfKey, viewSpec} from './views'

// The side panes' widths: as the ui slice clamps them, and their defaults.
const paneLimits = {
  sidebar: {minPx: 180, maxPx: 720, defaultPx: 320},
  details: {minPx: 240, maxPx: 1000, defaultPx: 420},
}

/**
 * Global shortcuts: the number keys switch views, / focuses the tree filter, Escape clears the
 * node selection (and, with none, goes back to the project overview), Alt+↑/↓ open the
 * previous/next trace, ? shows the keyboard help sheet.
 */
function useShortcuts(showHelp: () => void): void {
  const store = useAppStoreApi()
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const target = e.target instanceof Element ? e.target : undefined
      const typing = target?.closest('input, textarea, select, [contenteditable="true"]')
      // A modal dialog (settings, this sheet) keeps its keys to itself; so does a view that
      // handled the key (the flame chart's 0 resets its zoom).
      const modal = target?.closest('[aria-modal="true"]')
      if (typing || modal || e.ctrlKey || e.metaKey || e.defaultPrevented) return
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
        // The key of the view on show moves focus into it, as a switch does.
        const s = store.getState()
        const panel = document.getElementById(viewPanelId)
        const shown =
          s.activeView === view && (s.selectedTraceId !== undefined || viewSpec(view).standalone)
        if (shown && panel) focusView(panel)
        else chooseView(store, view)
        e.preventDefault()
      } else if (e.key === '/') {
        e.preventDefault()
        focusTreeFilter(store)
      } else if (e.key === '?') {
        e.preventDefault()
        showHelp()
      } else if (e.key === 'Escape' && !target?.closest('[role="dialog"]')) {
        const s = store.getState()
        if (s.selectedNodeId !== undefined) s.selectNode(undefined)
        else if (!viewSpec(s.activeView).standalone) s.showOverview()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [store, showHelp])
}

/** "Skip to the trace": the first tab stop, to the view without passing the sidebar. */
function SkipLink() {
  return (
    <a
      className="skip-link"
      href={`#${viewPanelId}`}
      onClick={e => {
        e.preventDefault()
        const panel = document.getElementById(viewPanelId)
        if (panel) focusView(panel)
      }}
    >
      Skip to the trace
    </a>
  )
}

/** The whole window: header, trace list, centre views and the details pane. */
export function App() {
  const sidebarWidthPx = useAppStore(s => s.sidebarWidthPx)
  const detailsWidthPx = useAppStore(s => s.detailsWidthPx)
  const setPaneWidth = useAppStore(s => s.setPaneWidth)
  const panesResized = useAppStore(s => s.panesResized)
  const overview = useOverviewShown()
  const commands = usePaletteCommands()
  const [helpOpen, setHelpOpen] = useState(false)
  const showHelp = useCallback(() => setHelpOpen(true), [])
  useShortcuts(showHelp)
  usePaletteShortcut()
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
      <SkipLink />
      <AppHeader onHelp={showHelp} />
      <aside className="sidebar" aria-label="Projects and traces">
        <ProjectList />
        <TraceList />
      </aside>
      <PaneResizer
        side="left"
        widthPx={sidebarWidthPx}
        {...paneLimits.sidebar}
        onResize={w => setPaneWidth('sidebar', w)}
        label="Resize trace list"
      />
      <main className="center">
        <CenterPane />
      </main>
      <PaneResizer
        side="right"
        widthPx={detailsWidthPx}
        {...paneLimits.details}
        onResize={w => setPaneWidth('details', w)}
        label="Resize details"
      />
      <aside className="details-pane" aria-label="Details">
        {overview ? <HistoryPane /> : <DetailsPanel views={detailViews} />}
      </aside>
      <SettingsView />
      <Palette commands={commands} />
      {helpOpen && <HelpSheet onClose={() => setHelpOpen(false)} />}
    </div>
  )
}
