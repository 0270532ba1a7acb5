import {createStore} from 'zustand/vanilla'
import type {StoreApi} from 'zustand/vanilla'
import type {TraceClient} from '../../shared/api/contract'
import type {AppState} from './app-state'
import {createComparisonSlice} from './comparison-slice'
import {createEditorSlice} from './editor-slice'
import {createFlameSlice} from './flame-slice'
import {createLinkSlice} from './link-slice'
import {createOverviewSlice} from './overview-slice'
import {createProjectIndexSlice} from './project-index-slice'
import {createProjectsSlice} from './projects-slice'
import {createSelectionSlice} from './selection-slice'
import {createSettingsSlice} from './settings-slice'
import {createTestGenSlice} from './testgen-slice'
import {createTraceResources} from './trace-resources'
import {createTracesSlice} from './traces-slice'
import {createUiSlice} from './ui-slice'

/**
 * The app's one store, built around a TraceClient (the real transport, or a fake in tests).
 *
 * It subscribes to the client's events at once; call `dispose()` to unsubscribe. Call `start()`
 * to load the projects and the first project's trace list. Each store has its own resource
 * cache, so tests (and windows) never share models or answers.
 */
export function createAppStore(api: TraceClient): StoreApi<AppState> {
  const unsubscribes: (() => void)[] = []
  // The cache tells the store when it drops a model, so no trace stays "ready" without one.
  // (Nothing is dropped before the store exists: the callback runs on later loads only.)
  const resources = createTraceResources((kind, trace) => {
    if (kind === 'model') store.getState().onModelEvicted(trace)
  })
  const store = createStore<AppState>()((...a) => {
    const [set, get] = a
    return {
      ...createComparisonSlice(...a),
      ...createProjectsSlice(...a),
      ...createTracesSlice(...a),
      ...createSelectionSlice(...a),
      ...createUiSlice(...a),
      ...createSettingsSlice(...a),
      ...createLinkSlice(...a),
      ...createFlameSlice(...a),
      ...createEditorSlice(...a),
      ...createProjectIndexSlice(...a),
      ...createOverviewSlice(...a),
      ...createTestGenSlice(...a),
      api,
      resources,
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
    api.on('projectIndexProgressed', e => s().onProjectIndexProgressed(e)),
    api.on('projectIndexChanged', e => s().onProjectIndexChanged(e)),
    api.on('projectIndexNoticed', e => s().onProjectIndexNoticed(e)),
    api.on('projectChanged', e => {
      void s().loadProjects()
      s().onTracesChanged(e.projectId)
    }),
  )
  return store
}
