import {createStore} from 'zustand/vanilla'
import type {StoreApi} from 'zustand/vanilla'
import type {TraceClient} from '../../shared/api/contract'
import type {AppState} from './app-state'
import {createLinkSlice} from './link-slice'
import {createProjectsSlice} from './projects-slice'
import {createSelectionSlice} from './selection-slice'
import {createTracesSlice} from './traces-slice'
import {createUiSlice} from './ui-slice'

export type {AppState} from './app-state'
export type {Notice} from './link-slice'
export type {ListStatus, LoadProgress, TraceList, TraceStatus} from './traces-slice'
export type {ViewName} from './ui-slice'

/**
 * The app's one store, built around a TraceClient (the real transport, or a fake in tests).
 *
 * It subscribes to the client's events at once; call `dispose()` to unsubscribe. Call `start()`
 * to load the projects and the first project's trace list.
 */
export function createAppStore(api: TraceClient): StoreApi<AppState> {
  const unsubscribes: (() => void)[] = []
  const store = createStore<AppState>()((...a) => {
    const [set, get] = a
    return {
      ...createTracesSlice(...a),
      ...createSelectionSlice(...a),
      ...createUiSlice(...a),
      ...createLinkSlice(...a),
      ...createProjectsSlice(...a),
      api,
      start: async projectId => {
        void get().loadSettings()
        await get().loadProjects()
        const {projects, selectedProjectId} = get()
        const id = projectId ?? selectedProjectId ?? projects[0]?.id
        if (id === undefined) return
        set({selectedProjectId: id})
        await get().loadTraceList(id)
      },
      dispose: () => {
        for (const off of unsubscribes.splice(0)) off()
      },
    }
  })
  const s = store.getState
  unsubscribes.push(
    api.on('traceLoadProgressed', e => s().onTraceLoadProgressed(e)),
    api.on('traceAdded', e => {
      s().onTracesChanged(e.projectId)
      s().onTracesAdded(e.projectId, e.traceIds)
    }),
    api.on('settingsChanged', e => s().onSettingsChanged(e)),
    api.on('traceRemoved', e => s().onTracesChanged(e.projectId, e.traceIds)),
    api.on('linkOpened', e => void s().showOpenedLink(e)),
    api.on('openRefused', e =>
      s().showNotice({kind: 'error', message: `Could not open ${e.input}: ${e.reason}`}),
    ),
    api.on('projectChanged', e => {
      void s().loadProjects()
      s().onTracesChanged(e.projectId)
    }),
  )
  return store
}
