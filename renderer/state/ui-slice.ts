import type {StateCreator} from 'zustand/vanilla'
import type {AppState, UiSlice} from './app-state'

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
