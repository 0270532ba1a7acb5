import type {StateCreator} from 'zustand/vanilla'
import type {AppState} from './app-state'

/** The centre views a trace can be shown in (the last four are the insight panels). */
export type ViewName = 'tree' | 'flame' | 'graph' | 'frame' | 'sql' | 'http' | 'templates' | 'logs'

/** Layout and view choices that are not data. */
export interface UiSlice {
  /** The centre tab. ('frame' is the frame view of the selected node, when there is one.) */
  activeView: ViewName
  setActiveView: (view: ViewName) => void
  /** Widths of the side panes in CSS px. */
  sidebarWidthPx: number
  detailsWidthPx: number
  setPaneWidth: (pane: 'sidebar' | 'details', widthPx: number) => void
  /** False until the user drags a pane edge: until then the panes also shrink with the window. */
  panesResized: boolean
  /** The tree's "name contains" filter, shared so other views may show the same matches. */
  treeFilter: string
  setTreeFilter: (text: string) => void
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v))

/** Creates the ui slice. */
export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = set => ({
  activeView: 'tree',
  setActiveView: view => set({activeView: view}),
  sidebarWidthPx: 320,
  detailsWidthPx: 420,
  setPaneWidth: (pane, widthPx) =>
    set(
      pane === 'sidebar'
        ? {sidebarWidthPx: clamp(Math.round(widthPx), 180, 720), panesResized: true}
        : {detailsWidthPx: clamp(Math.round(widthPx), 240, 1000), panesResized: true},
    ),
  panesResized: false,
  treeFilter: '',
  setTreeFilter: text => set({treeFilter: text}),
})
