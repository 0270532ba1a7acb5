import type {StateCreator} from 'zustand/vanilla'
import type {AppState, FlameSlice} from './app-state'

/** Creates the flame slice: the flame and graph views' mode, search, focus and viewports. */
export const createFlameSlice: StateCreator<AppState, [], [], FlameSlice> = set => ({
  flameMode: 'time',
  flameQuery: '',
  flameFocus: undefined,
  sandwichSort: 'totalNs',
  flameViews: {},
  setFlameMode: mode => set({flameMode: mode}),
  setFlameQuery: query => set({flameQuery: query, flameFocus: undefined}),
  setFlameFocus: focus => set({flameFocus: focus, flameQuery: ''}),
  setSandwichSort: sort => set({sandwichSort: sort}),
  setFlameView: (key, view) => set(s => ({flameViews: {...s.flameViews, [key]: view}})),
})
