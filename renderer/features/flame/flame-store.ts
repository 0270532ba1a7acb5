import {useStore} from 'zustand'
import type {TimeView} from '../../../shared/algorithms/flame-viewport'
import {createStore} from 'zustand/vanilla'

/** The flame chart's modes. */
export type FlameMode = 'time' | 'left-heavy' | 'sandwich'

/** The sandwich table's sort columns. */
export type SandwichSort = 'selfNs' | 'totalNs' | 'calls' | 'name'

/** Calls of some functions to highlight, set by the call graph. */
export interface FunctionFocus {
  traceId: string
  fns: number[]
  label: string
}

/** The flame and graph views' own choices: mode, search, focus, sort. Not data, not selection. */
export interface FlameUiState {
  mode: FlameMode
  query: string
  focus: FunctionFocus | undefined
  sandwichSort: SandwichSort
  /** The settled viewport per `traceId:mode`, restored when the chart is shown again. */
  views: Record<string, TimeView | undefined>
  setMode(mode: FlameMode): void
  setQuery(query: string): void
  setFocus(focus: FunctionFocus | undefined): void
  setSandwichSort(sort: SandwichSort): void
  setView(key: string, view: TimeView): void
}

/** Creates a flame UI store (one per app; tests make their own). */
export function createFlameUiStore() {
  return createStore<FlameUiState>()(set => ({
    mode: 'time',
    query: '',
    focus: undefined,
    sandwichSort: 'totalNs',
    views: {},
    setMode: mode => set({mode}),
    // Typing a search replaces a focus set from the graph: one highlight at a time.
    setQuery: query => set({query, focus: undefined}),
    setFocus: focus => set({focus, query: ''}),
    setSandwichSort: sandwichSort => set({sandwichSort}),
    setView: (key, view) => set(s => ({views: {...s.views, [key]: view}})),
  }))
}

// TODO(flame): move into the app store as the `flame` slice once renderer/state has one. #5
/** The app's flame UI store: survives switching tabs, so a mode or search stays put. */
export const flameUi = createFlameUiStore()

/** Select from the flame UI store. */
export function useFlameUi<T>(selector: (state: FlameUiState) => T): T {
  return useStore(flameUi, selector)
}
