import type {StateCreator} from 'zustand/vanilla'
import {traceRef} from '../../shared/model/trace-ref'
import type {AppState, SelectionSlice} from './app-state'
import {loadStatusOf} from './selectors'

/** Creates the selection slice. */
export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set, get) => ({
  paneNodes: {},
  selectProject: projectId => {
    // The selected trace belongs to the selected project: another project closes it (its ids
    // mean nothing there, and a copied store may even hold the same trace id).
    if (get().selectedProjectId !== projectId) {
      set({selectedProjectId: projectId, selectedTraceId: undefined, selectedNodeId: undefined})
    }
    if (!get().traceLists[projectId]) void get().loadTraceList(projectId)
  },
  selectTrace: (projectId, traceId) => {
    const s = get()
    const trace = traceRef(projectId, traceId)
    if (s.selectedProjectId === projectId && s.selectedTraceId === traceId) {
      const status = loadStatusOf(s, trace)
      if (status.state === 'loading' || status.state === 'ready') return
    }
    set({selectedProjectId: projectId, selectedTraceId: traceId, selectedNodeId: undefined})
    if (!get().traceLists[projectId]) void get().loadTraceList(projectId)
    void get().loadTrace(trace)
  },
  selectAdjacentTrace: step => {
    const {selectedProjectId, selectedTraceId, traceLists} = get()
    if (selectedProjectId === undefined) return
    const traces = traceLists[selectedProjectId]?.traces ?? []
    const at = traces.findIndex(t => t.id === selectedTraceId)
    const next = traces[at < 0 ? 0 : at + step]
    if (next) get().selectTrace(selectedProjectId, next.id)
    if (at + step >= traces.length - 5) void get().loadMoreTraces(selectedProjectId)
  },
  selectNode: nodeId => {
    if (get().selectedNodeId !== nodeId) set({selectedNodeId: nodeId})
  },
  selectPaneNode: (pane, nodeId) => {
    if (get().paneNodes[pane] !== nodeId) set({paneNodes: {...get().paneNodes, [pane]: nodeId}})
  },
})
